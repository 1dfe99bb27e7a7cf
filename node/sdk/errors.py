"""The SDK's errors: one small hierarchy shared by `Client`, `AsyncClient`
and the in-process `Chain`, so a test or a script catches the same classes
whichever backend ran the transaction.

    HutongError
      ArgumentError        a Python value does not fit the ABI type (names the
                           parameter, the expected type and an example)
      NodeUnreachable      no answer from the node's URL (the CLI exits 3)
      RPCError             the node answered with a JSON-RPC error
        TransactionRejected  refused before execution (nonce, funds, gas limit...)
      TransactionFailed    executed and failed; carries the receipt and the
                           node's explanation (error, arguments, source line)
        ContractReverted   status "revert"
        OutOfGas           status "out_of_gas"
        ExecutionHalted    status "halt" (an exceptional halt of the VM)
"""

from __future__ import annotations

import enum


class HutongError(Exception):
    """Base class of every SDK error."""


class ArgumentError(HutongError, ValueError):
    """A value cannot be converted to its ABI type."""


class NodeUnreachable(HutongError):
    """The node did not answer (connection refused, DNS, timeout)."""


class RPCError(HutongError):
    """A JSON-RPC error answer: `code`, `message`, and the node's `data`."""

    def __init__(self, code: int, message: str, data=None):
        super().__init__(f"{message} (code {code})")
        self.code = code
        self.message = message
        self.data = data
        self.name = data.get("name", "rpc_error") if isinstance(data, dict) else "rpc_error"

    def __reduce__(self):
        return type(self), (self.code, self.message, self.data)


class TransactionRejected(RPCError):
    """The node (or the in-process chain) refused the transaction before running
    it; `name` is the stable reason (`nonce_too_low`, `insufficient_funds`, ...)."""

    def __init__(self, code: int, message: str, data=None, name: str | None = None):
        super().__init__(code, message, data)
        self.name = name or self.name

    def __reduce__(self):
        return type(self), (self.code, self.message, self.data, self.name)


class TransactionFailed(HutongError):
    """A transaction or call that ran and failed.

    `status` is "revert", "out_of_gas" or "halt"; `error` the decoded error's
    name (None when unknown); `args` its decoded arguments by field name;
    `location` the innermost source location {file, line, column, end_line,
    end_column, function, excerpt}; `trace` every failure point, innermost
    first; `receipt` the SDK receipt when the failure was mined (None for a
    call); `failure` the node's explanation as it came.
    """

    def __init__(self, status: str, error: str | None, error_args: dict, location: dict | None,
                 failure: dict, receipt=None, message: str | None = None):
        self.status = status
        self.error = error
        self.error_args = dict(error_args)
        self.location = location
        self.failure = failure
        self.trace = failure.get("trace", [])
        self.receipt = receipt
        self.data = failure.get("data")
        super().__init__(message or describe_failure(status, error, error_args, location, failure))

    # BaseException keeps its own `args` tuple for pickling and str(); this
    # property shadows it for readers, who want the error's decoded arguments.
    @property
    def args(self) -> dict:  # type: ignore[override]
        return self.error_args

    @property
    def message(self) -> str | None:
        """The text of `Error(string)` (from `assert cond, "text"`), if that was the error."""
        if self.error == "Error":
            return self.error_args.get("message")
        return None

    def __reduce__(self):
        return _rebuild_failure, (type(self), self.status, self.error, self.error_args, self.location,
                                  self.failure, str(self))


def _rebuild_failure(cls, status, error, error_args, location, failure, message):
    return cls(status, error, error_args, location, failure, None, message)


class ContractReverted(TransactionFailed):
    """The contract reverted (a custom error, `assert`, a role check, a built-in error)."""


class OutOfGas(TransactionFailed):
    """The transaction ran out of gas."""


class ExecutionHalted(TransactionFailed):
    """The VM stopped the transaction with an exceptional halt."""


FAILURE_CLASSES = {"revert": ContractReverted, "out_of_gas": OutOfGas, "halt": ExecutionHalted}


def describe_failure(status: str, error: str | None, error_args: dict, location: dict | None,
                     failure: dict, labels: dict | None = None) -> str:
    """`Name(arg=value, ...)` or the status, then `at file:line:column in function`
    and the source excerpt when the node knows them. `labels` shows some values
    by name (role ids as their role's name)."""
    labels = labels or {}
    if error == "Error" and "message" in error_args:
        head = f"reverted: {error_args['message']!r}"
    elif error:
        shown = ", ".join(f"{name}={labels.get(value) if _hashable(value) and value in labels else _short(value)}"
                          for name, value in error_args.items())
        head = f"{error}({shown})" if status == "revert" else error
    else:
        head = {"revert": "reverted without a known error", "out_of_gas": "out of gas"}.get(status, status)
        if failure.get("data") and failure["data"] != "0x":
            head += f" (data {failure['data']})"
    if failure.get("halt"):
        head += f" [{failure['halt']}]"
    lines = [head]
    if location:
        lines.append(f"  at {location.get('file')}:{location.get('line')}:{location.get('column')}"
                     + (f" in {location['function']}" if location.get("function") else ""))
        if location.get("excerpt"):
            lines.append(location["excerpt"])
    return "\n".join(lines)


def _short(value) -> str:
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, bytes):
        return "0x" + value.hex()
    return repr(value) if isinstance(value, str) else str(value)


def _hashable(value) -> bool:
    return isinstance(value, (bytes, str, int))
