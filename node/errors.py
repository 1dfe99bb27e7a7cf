"""The node's errors: one class per layer, each with a stable code.

Codes are JSON-RPC error codes. -32700..-32600 are the protocol's own;
-32000..-32099 are ours, stable, and documented in docs/api.md.
"""

from __future__ import annotations


class NodeError(Exception):
    code = -32000
    name = "node_error"

    def __init__(self, message: str, data=None):
        super().__init__(message)
        self.message = message
        self.data = data


class InvalidTransaction(NodeError):
    """A transaction refused at admission or when building a block."""

    def __init__(self, code: int, name: str, message: str, data=None):
        super().__init__(message, data)
        self.code = code
        self.name = name


class InvalidBlock(NodeError):
    code = -32040
    name = "invalid_block"


class UnknownBlock(NodeError):
    """A height or block hash this node does not have (yet)."""
    code = -32041
    name = "unknown_block"


class LimitExceeded(NodeError):
    """A request over one of the documented limits (docs/api.md, "Limits")."""
    code = -32050
    name = "limit_exceeded"


class Timeout(NodeError):
    """A call or a wait that ran past its time limit."""
    code = -32051
    name = "timeout"


class ExecutionFailed(NodeError):
    """A dry run that failed where success was needed (estimateGas); `data`
    carries the explanation (error, arguments, source location)."""
    code = -32052
    name = "execution_failed"


class Unavailable(NodeError):
    """The node cannot serve this now (shutting down, or no producer key)."""
    code = -32053
    name = "unavailable"


# Admission errors, cheapest check first.
TX_TOO_LARGE = (-32001, "tx_too_large")
TX_MALFORMED = (-32002, "tx_malformed")
WRONG_CHAIN = (-32003, "wrong_chain")
BAD_SIGNATURE = (-32004, "bad_signature")
NONCE_TOO_LOW = (-32005, "nonce_too_low")
NONCE_TOO_HIGH = (-32006, "nonce_too_high")
INSUFFICIENT_FUNDS = (-32007, "insufficient_funds")
GAS_LIMIT = (-32008, "gas_limit")
EXPIRED = (-32009, "expired")
UNDERPRICED = (-32010, "underpriced")
MEMPOOL_FULL = (-32011, "mempool_full")
ALREADY_KNOWN = (-32012, "already_known")
NOT_AUTHORIZED = (-32013, "not_authorized")
BAD_DEPLOYMENT = (-32014, "bad_deployment")


def invalid(kind: tuple[int, str], message: str, data=None) -> InvalidTransaction:
    return InvalidTransaction(kind[0], kind[1], message, data)
