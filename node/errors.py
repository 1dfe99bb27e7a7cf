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


class UnknownBlock(NodeError, KeyError):
    """A height or block hash this node does not have (yet). Also a KeyError,
    as ChainCore.header_at raised before it had a code."""
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


# What each error means, by name (docs/api.md's error table is made from this;
# a test fails when an error has no meaning here).
MEANINGS = {
    "parse_error": "the body is not JSON (including nesting too deep to parse, or an integer too long)",
    "invalid_request": "not a JSON-RPC 2.0 request object (or an empty batch)",
    "method_not_found": "no such method (or a WebSocket-only method called over HTTP)",
    "invalid_params": "a parameter is missing, unknown or of the wrong type or size",
    "internal_error": "a bug in the node; the request changed nothing",
    "node_error": "the node cannot do this (message says why)",
    "tx_too_large": "the raw transaction exceeds the protocol's size limit",
    "tx_malformed": "not the canonical encoding of a signed transaction",
    "wrong_chain": "the transaction carries another chain id",
    "bad_signature": "the signature, public key or scheme is refused by strict Ed25519 checking",
    "nonce_too_low": "the sender's account nonce is already past this nonce",
    "nonce_too_high": "the nonce is too far ahead of the sender's account nonce (mempool.max_nonce_gap)",
    "insufficient_funds": "the balance does not cover gas_limit * gas_price + value",
    "gas_limit": "the gas limit is below the intrinsic cost or above the block gas limit",
    "expired": "the transaction's expiry height has passed",
    "underpriced": "below the minimum gas price, or a replacement not paying more than the one it replaces",
    "mempool_full": "the mempool (or this sender's share of it) is full",
    "already_known": "the transaction is already in the mempool or in a block",
    "not_authorized": "this chain lets only its listed deployers deploy",
    "bad_deployment": "deployment data is not (container, constructor arguments, metadata), or its metadata is "
                      "not zlib-compressed JSON (at most 4 MiB inflated) of the expected shape: name and source "
                      "strings, abi an object whose functions/events/errors are lists of objects (selector 4 bytes "
                      "of hex, inputs [{name, type}]), source_map {file, functions: [{name, map: [[pc, line, "
                      "column, end_line, end_column], ...] in increasing pc order}]}",
    "invalid_block": "a block from the ordering log fails a check (the node stops following)",
    "unknown_block": "no block at that height or hash (yet)",
    "limit_exceeded": "over one of the limits; data.limit names it and data.max gives its value",
    "timeout": "a call or a wait ran past its time limit",
    "execution_failed": "the dry run failed; data holds the explanation (error, arguments, source location)",
    "unavailable": "the node is shutting down or cannot serve this now",
}


def invalid(kind: tuple[int, str], message: str, data=None) -> InvalidTransaction:
    return InvalidTransaction(kind[0], kind[1], message, data)
