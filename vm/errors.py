"""How VM executions end, and the errors of the VM layer.

Inside the VM, a frame ends abnormally by raising one of the `Halt` subclasses
below; the driver in vm/machine.py catches them at the frame boundary (and
nowhere else) and turns them into a result. `execute()` itself never raises.

* `Revert`: the contract asked to stop, or a checked operation failed.
  Remaining gas goes back to the caller; the revert data says why.
* `OutOfGas`: the frame's gas ran out. The frame's gas is consumed.
* `ExceptionalHalt`: the code did something the VM refuses at run time
  (a static-context write, a list element of the wrong kind, ...). Consumes gas.

`VerifyError` is raised by the bytecode verifier for containers it rejects.
"""

from __future__ import annotations

import enum


class Status(enum.Enum):
    SUCCESS = "success"
    REVERT = "revert"
    OUT_OF_GAS = "out_of_gas"
    HALT = "halt"


class VerifyError(Exception):
    """A container failed verification: `offset` is the byte offset in the code
    section (or -1 for the header and tables), `rule` a short stable name."""

    def __init__(self, rule: str, message: str, offset: int = -1):
        where = f" at code offset {offset}" if offset >= 0 else ""
        super().__init__(f"{rule}{where}: {message}")
        self.rule = rule
        self.offset = offset
        self.message = message


class Halt(Exception):
    """Base of the exceptions that end a frame. `pc` is where, if known."""

    status: Status = Status.HALT

    def __init__(self, pc: int = -1):
        super().__init__()
        self.pc = pc


class Revert(Halt):
    status = Status.REVERT
    # Set by the engine as the exception leaves the innermost function: the gas
    # still unspent. Outer functions it passes through (direct leaf calls) keep it.
    gas_left: int | None = None

    def __init__(self, data: bytes, pc: int = -1):
        super().__init__(pc)
        self.data = data


class OutOfGas(Halt):
    status = Status.OUT_OF_GAS


class ExceptionalHalt(Halt):
    status = Status.HALT

    def __init__(self, kind: str, pc: int = -1):
        super().__init__(pc)
        self.kind = kind


# Kinds of exceptional halt (stable strings: they appear in receipts).
HALT_STATIC_WRITE = "static_violation"
HALT_LIST_KIND = "list_element_kind"
HALT_STORAGE_KEY = "storage_key_too_long"
HALT_STORAGE_VALUE = "storage_value_not_int"
HALT_BYTES_TOO_LONG = "bytes_too_long"
HALT_CALL_DEPTH = "call_depth_exceeded"
HALT_ADDRESS = "invalid_address"
HALT_TOO_MANY_LOGS = "too_many_logs"
HALT_LOG_TOO_LONG = "log_data_too_long"
HALT_INTERNAL = "internal_error"
