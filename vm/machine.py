"""`execute(message, state, env)`: one message, start to finish.

Control flow. Each function activation is a Python generator produced by an
engine (the translator by default, the reference interpreter when tracing).
A generator runs until it needs the driver, and yields a request:

  (ICALL, function, gas, args)     call a function of the same contract
  (RET, gas, values)               return from the current function
  (CALL, gas, address, selector, data, value, requested_gas, static, pc)

The driver below keeps every activation on one explicit list (never Python
recursion), so the depth limit is a number, not the C stack. Failures travel
as `Halt` exceptions out of `generator.send()` and are caught in exactly one
place, the message-frame boundary, where the frame's state writes and logs are
rolled back and the caller learns the outcome.

A message frame (`Frame`) is one contract executing on behalf of one message;
its internal calls share it. Gas lives in the generators as a local variable
and is handed over with each request, so the hot path never touches shared
objects to charge gas.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import NamedTuple

from . import constants as C
from . import runtime as R
from .container import CONSTRUCTOR, PAYABLE, REENTRANT, VIEW
from .errors import (
    HALT_CALL_DEPTH, HALT_INTERNAL, ExceptionalHalt, Halt, OutOfGas, Revert, Status, VerifyError,
)
from .state import ACCOUNT_PREFIX, CODE_PREFIX, STORAGE_PREFIX, Account, State
from .verifier import Program, verify

ICALL, RET, CALL = 0, 1, 2

HALT_INVALID_MESSAGE = "invalid_message"
HALT_INVALID_CODE = "invalid_code"
HALT_ADDRESS_COLLISION = "address_collision"


@dataclass(frozen=True)
class BlockEnv:
    height: int = 0
    timestamp: int = 0
    chain_id: int = 1


@dataclass(frozen=True)
class Message:
    """A call (`to` set) or a deployment (`to` None, `code` the container)."""

    sender: bytes
    to: bytes | None
    gas: int
    value: int = 0
    selector: bytes = b""
    data: bytes = b""
    code: bytes = b""
    nonce: int = 0  # deployments: the sender's transaction nonce, for the address
    static: bool = False


class FailurePoint(NamedTuple):
    address: bytes
    function: int
    pc: int


@dataclass(slots=True)
class ExecutionResult:
    status: Status
    output: bytes = b""
    gas_used: int = 0
    logs: tuple[R.Log, ...] = ()
    changes: dict[bytes, bytes | None] = field(default_factory=dict)
    created: bytes | None = None
    halt: str | None = None
    # Where it failed, innermost frame first (empty on success).
    failure: tuple[FailurePoint, ...] = ()

    @property
    def success(self) -> bool:
        return self.status is Status.SUCCESS


def create_address(sender: bytes, nonce: int) -> bytes:
    return R.sha3(b"hutong-create" + sender + nonce.to_bytes(8, "big"))[:20]


# --- program cache -------------------------------------------------------------

class ProgramCache:
    """Verified programs by code hash, least recently used dropped first.

    Safe to share between threads (the node executes blocks and dry runs on
    different threads): the map is only changed under a lock, and a program is
    verified outside it (two threads may verify the same code once each)."""

    def __init__(self, capacity: int = 1024):
        self.capacity = capacity
        self.programs: OrderedDict[bytes, Program] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, code_hash: bytes, load) -> Program:
        with self.lock:
            program = self.programs.get(code_hash)
            if program is not None:
                self.programs.move_to_end(code_hash)
                return program
        program = verify(load())
        self.put(program)
        return program

    def put(self, program: Program) -> None:
        with self.lock:
            self.programs[program.code_hash] = program
            while len(self.programs) > self.capacity:
                self.programs.popitem(last=False)


PROGRAMS = ProgramCache()


# --- per-transaction and per-frame state -------------------------------------------

class Tx:
    __slots__ = ("state", "env", "engine", "warm", "warm_accounts", "logs", "original",
                 "locked", "trace", "code_loaded", "mem", "failure")

    def __init__(self, state: State, env: BlockEnv, engine, trace):
        self.state = state
        self.env = env
        self.engine = engine
        self.warm: set[bytes] = set()
        self.warm_accounts: set[bytes] = set()
        self.logs: list[R.Log] = []
        self.original: dict[bytes, bytes | None] = {}
        self.locked: set[bytes] = set()
        self.trace = trace
        self.code_loaded: set[bytes] = set()
        self.mem = 0  # words allocated so far (memory gas is metered per transaction)
        # Where the current failure happened, innermost frame first.
        self.failure: list[FailurePoint] = []


class Frame:
    """One contract executing one message."""

    __slots__ = ("tx", "program", "address", "caller", "value", "static", "storage_prefix",
                 "snapshot", "log_start", "holds_lock", "parent_gas", "height",
                 "timestamp", "chain_id", "depth")

    def __init__(self, tx: Tx, program: Program, address: bytes, caller: bytes, value: int,
                 static: bool, parent_gas: int, depth: int):
        self.tx = tx
        self.program = program
        self.address = address
        self.caller = caller
        self.value = value
        self.static = static
        self.storage_prefix = STORAGE_PREFIX + address
        self.snapshot = tx.state.snapshot()
        self.log_start = len(tx.logs)
        self.holds_lock = False
        self.parent_gas = parent_gas
        env = tx.env
        self.height = env.height
        self.timestamp = env.timestamp
        self.chain_id = env.chain_id
        self.depth = depth


# --- execute ---------------------------------------------------------------------------

def execute(message: Message, state: State, env: BlockEnv = BlockEnv(), *,
            trace=None, engine=None) -> ExecutionResult:
    """Run one message to completion. Never raises.

    `trace`, if given, is called with one dict per executed instruction (the
    reference engine runs, so tracing has no cost when off). `engine` picks an
    engine explicitly (tests compare the two).
    """
    if engine is None:
        engine = _default_engine(trace is not None)
    problem = _check_message(message)
    if problem:
        return ExecutionResult(Status.HALT, gas_used=message.gas if isinstance(message.gas, int) and message.gas > 0 else 0,
                               halt=f"{HALT_INVALID_MESSAGE}: {problem}")
    tx = Tx(state, env, engine, trace)
    start = state.snapshot()
    try:
        if message.to is None:
            result = _create(tx, message)
        else:
            result = _call(tx, message)
    except Exception as exc:  # a VM bug: report it as a halt rather than crash the node
        state.rollback(start)
        return ExecutionResult(Status.HALT, gas_used=message.gas, halt=f"{HALT_INTERNAL}: {type(exc).__name__}: {exc}")
    if result.status is Status.SUCCESS:
        state.commit(start)
    else:
        state.rollback(start)
    return result


_ENGINES: list = []


def _default_engine(tracing: bool):
    if not _ENGINES:
        from .reference import REFERENCE
        from .translator import TRANSLATOR
        _ENGINES.extend((TRANSLATOR, REFERENCE))
    return _ENGINES[1] if tracing else _ENGINES[0]


_LIMIT_128 = 1 << 128


def _check_message(m: Message) -> str | None:
    if m.__class__ is not Message:
        return "not a Message"
    if m.sender.__class__ is not bytes or len(m.sender) != 20:
        return "sender must be a 20-byte address"
    if m.to is not None and (m.to.__class__ is not bytes or len(m.to) != 20):
        return "recipient must be a 20-byte address or None"
    if m.gas.__class__ is not int or m.value.__class__ is not int or m.nonce.__class__ is not int \
            or not (0 <= m.gas < _LIMIT_128 and 0 <= m.value < _LIMIT_128 and 0 <= m.nonce < _LIMIT_128):
        return "gas, value and nonce must be integers in [0, 2**128)"
    if m.selector.__class__ is not bytes or m.data.__class__ is not bytes or m.code.__class__ is not bytes:
        return "selector, data and code must be bytes"
    if len(m.data) > C.MAX_BYTES:
        return "data too long"
    return None


def _finish(tx: Tx, status: Status, output: bytes, gas: int, gas_left: int, halt=None,
            failure=(), created=None) -> ExecutionResult:
    if status is Status.SUCCESS:
        state = tx.state
        changes = {}
        for key, before in tx.original.items():
            after = state.get(key)
            if after != before:
                changes[key] = after
        return ExecutionResult(status, output, gas - gas_left, tuple(tx.logs), changes, created)
    return ExecutionResult(status, output, gas - gas_left, (), {}, None, halt, tuple(failure))


def load_program(tx: Tx, address: bytes) -> Program | None:
    """The verified program deployed at an address, or None for an account without code."""
    raw = tx.state.get(ACCOUNT_PREFIX + address)
    if not raw or len(raw) <= 24:
        return None
    code_hash = raw[24:]
    # A lock-free read first (a single C-level dict lookup is atomic); the
    # recency order is only refreshed on a miss, so the LRU order is approximate.
    program = PROGRAMS.programs.get(code_hash)
    if program is not None:
        return program
    return PROGRAMS.get(code_hash, lambda: tx.state.get(CODE_PREFIX + code_hash) or b"")


def _create(tx: Tx, m: Message) -> ExecutionResult:
    gas = m.gas
    cost = C.CREATE_BASE + C.CREATE_PER_BYTE * len(m.code)
    if cost > gas:
        return _finish(tx, Status.OUT_OF_GAS, b"", gas, 0)
    gas -= cost
    try:
        program = verify(m.code)
    except VerifyError as exc:
        return _finish(tx, Status.HALT, str(exc).encode(), m.gas, 0, halt=f"{HALT_INVALID_CODE}: {exc}")
    address = create_address(m.sender, m.nonce)
    state = tx.state
    existing = Account.decode(state.get(ACCOUNT_PREFIX + address))
    if existing.code_hash or existing.nonce:
        return _finish(tx, Status.HALT, b"", m.gas, 0, halt=HALT_ADDRESS_COLLISION)
    PROGRAMS.put(program)
    R.write(tx, CODE_PREFIX + program.code_hash, m.code)
    R.write(tx, ACCOUNT_PREFIX + address, Account(1, existing.balance, program.code_hash).encode())
    tx.warm_accounts.add(address)
    if not R.move_value(tx, m.sender, address, m.value):
        return _finish(tx, Status.REVERT, R.INSUFFICIENT_BALANCE, m.gas, gas)
    if program.constructor is None:
        if m.value:
            return _finish(tx, Status.REVERT, R.NOT_PAYABLE, m.gas, gas)
        return _finish(tx, Status.SUCCESS, b"", m.gas, gas, created=address)
    fn = program.container.functions[program.constructor]
    if m.value and not fn.flags & PAYABLE:
        return _finish(tx, Status.REVERT, R.NOT_PAYABLE, m.gas, gas)
    frame = Frame(tx, program, address, m.sender, m.value, False, 0, 0)
    status, output, gas_left, halt, failure = _run(tx, frame, program.constructor, gas, m.data)
    return _finish(tx, status, output if status is not Status.SUCCESS else b"", m.gas, gas_left, halt,
                   failure, created=address if status is Status.SUCCESS else None)


def _call(tx: Tx, m: Message) -> ExecutionResult:
    gas = m.gas
    if not R.move_value(tx, m.sender, m.to, m.value):
        return _finish(tx, Status.REVERT, R.INSUFFICIENT_BALANCE, gas, gas)
    tx.warm_accounts.add(m.to)
    try:
        program = load_program(tx, m.to)
    except VerifyError as exc:  # stored code that no longer verifies (format change)
        return _finish(tx, Status.HALT, b"", gas, 0, halt=f"{HALT_INVALID_CODE}: {exc}")
    if program is None:
        if m.selector or m.data:
            return _finish(tx, Status.REVERT, R.NO_CODE, gas, gas)
        return _finish(tx, Status.SUCCESS, b"", gas, gas)
    entry = _entry(program, m.selector, m.value)
    if entry.__class__ is bytes:
        return _finish(tx, Status.REVERT, entry, gas, gas)
    frame = Frame(tx, program, m.to, m.sender, m.value, m.static, 0, 0)
    status, output, gas_left, halt, failure = _run(tx, frame, entry, gas, m.data)
    return _finish(tx, status, output, gas, gas_left, halt, failure)


def _entry(program: Program, selector: bytes, value: int) -> int | bytes:
    """The function index a message enters, or the revert data refusing it."""
    index = program.by_selector.get(selector)
    if index is None:
        return R.UNKNOWN_FUNCTION
    if value and not program.flags[index] & PAYABLE:
        return R.NOT_PAYABLE
    return index


def _enter(tx: Tx, frame: Frame, index: int) -> bool:
    """Take the per-contract re-entrancy lock for an external entry; False if held."""
    flags = frame.program.flags[index]
    if flags & VIEW:
        frame.static = True
    if flags & (REENTRANT | CONSTRUCTOR):
        return True
    if frame.address in tx.locked:
        return False
    tx.locked.add(frame.address)
    frame.holds_lock = True
    return True


def _run(tx: Tx, root: Frame, index: int, gas: int, data: bytes):
    """Drive the root frame and everything it calls. Returns
    (status, output, gas_left, halt_kind, failure_points)."""
    if not _enter(tx, root, index):
        return Status.REVERT, R.REENTRANCY, gas, None, ()
    engine = tx.engine
    leaf = engine.direct(root.program, index)
    if leaf is not None:
        status, output, gas_left, kind = _run_direct(tx, root, leaf, index, gas, data)
        return status, output, gas_left, kind, tuple(tx.failure)
    state = tx.state
    failure = tx.failure
    stack: list = [(engine.start(root, index, gas, (data,)), root, index)]
    send = None
    throw: Halt | None = None
    while True:
        gen, frame, fn_index = stack[-1]
        try:
            if throw is None:
                request = gen.send(send)
            else:
                request, throw = gen.throw(throw), None
        except Halt as halt:
            # Unwind every activation of this message frame.
            throw = None
            failure.append(_failure_point(frame, fn_index, halt.pc))
            _unwind(tx, stack, frame)
            left, output, kind = _halt_outcome(halt)
            if not stack:
                return halt.status, output, left, kind, tuple(failure)
            send = (frame.parent_gas + left, 0, output)
            continue
        except Exception as exc:  # an engine bug or a Python error the verifier did not rule out
            throw = None
            failure.append(FailurePoint(frame.address, fn_index, -1))
            _unwind(tx, stack, frame)
            if not stack:
                return Status.HALT, b"", 0, f"{HALT_INTERNAL}: {type(exc).__name__}", tuple(failure)
            send = (frame.parent_gas, 0, b"")
            continue

        kind = request[0]
        if kind == RET:
            stack.pop()
            if stack and stack[-1][1] is frame:
                send = (request[1], request[2])
                continue
            # The message frame returned.
            state.commit(frame.snapshot)
            if frame.holds_lock:
                tx.locked.discard(frame.address)
            failure.clear()
            output = request[2][0]
            if not stack:
                return Status.SUCCESS, output, request[1], None, ()
            send = (frame.parent_gas + request[1], 1, output)
        elif kind == ICALL:
            # A leaf (a function that makes no calls) never deepens the stack further.
            if len(stack) >= C.MAX_CALL_DEPTH and not frame.program.leaf[request[1]]:
                throw = ExceptionalHalt(HALT_CALL_DEPTH)
                continue
            callee = request[1]
            stack.append((engine.start(frame, callee, request[2], request[3]), frame, callee))
            send = None
        else:
            send, throw = _call_request(tx, stack, frame, request)


def _failure_point(frame: Frame, fn_index: int, pc: int) -> FailurePoint:
    """Where a frame failed. The function is the one whose code holds `pc`
    (a direct leaf call fails inside its caller's activation)."""
    if pc >= 0:
        entries = frame.program.entries
        fn_index = bisect.bisect_right(entries, pc) - 1
    return FailurePoint(frame.address, fn_index, pc)


def _halt_outcome(halt: Halt) -> tuple[int, bytes, str | None]:
    """(gas left, output, halt kind) of a frame that ended with `halt`."""
    if halt.__class__ is Revert:
        return halt.gas_left or 0, halt.data, None
    return 0, b"", halt.kind if halt.__class__ is ExceptionalHalt else None


def _run_direct(tx: Tx, frame: Frame, fn, index: int, gas: int, data: bytes):
    """Run a message frame whose entry function makes no calls (a leaf): a plain
    Python call, no generator and no driver loop. Same outcome as `_run`'s loop."""
    try:
        gas_left, values = fn(frame, gas, data)
    except Halt as halt:
        tx.failure.append(_failure_point(frame, index, halt.pc))
        _undo(tx, frame)
        left, output, kind = _halt_outcome(halt)
        return halt.status, output, left, kind
    except Exception as exc:
        tx.failure.append(FailurePoint(frame.address, index, -1))
        _undo(tx, frame)
        return Status.HALT, b"", 0, f"{HALT_INTERNAL}: {type(exc).__name__}"
    tx.state.commit(frame.snapshot)
    if frame.holds_lock:
        tx.locked.discard(frame.address)
    tx.failure.clear()
    return Status.SUCCESS, values[0], gas_left, None


def _unwind(tx: Tx, stack: list, frame: Frame) -> None:
    """Drop the activations of a failed message frame and undo its effects."""
    while stack and stack[-1][1] is frame:
        stack.pop()
    _undo(tx, frame)


def _undo(tx: Tx, frame: Frame) -> None:
    tx.state.rollback(frame.snapshot)
    del tx.logs[frame.log_start:]
    if frame.holds_lock:
        tx.locked.discard(frame.address)


def _call_request(tx: Tx, stack: list, parent: Frame, request):
    """Start a child message frame for CALL/SCALL, or answer at once.
    Returns (value to send to the caller, or None when a child starts; exception to throw)."""
    _, gas, address, sel, data, value, requested, static, pc = request
    # Only a 20-byte address can name an account (a call to anything else fails
    # with NoCode below): no warm-set entry and no account gas for it.
    cost = R.account_cost(tx, address) if address.__class__ is bytes and len(address) == 20 else 0
    if value:
        cost += C.CALL_VALUE
    if cost > gas:
        return None, OutOfGas(pc)
    gas -= cost
    available = gas - gas // C.CALL_RETAIN_DIVISOR
    forwarded = requested if 0 <= requested < available else available
    remaining = gas - forwarded
    if parent.static or static:
        static = True
        if value:
            return (remaining + forwarded, 0, R.INSUFFICIENT_BALANCE), None
    if len(stack) >= C.MAX_CALL_DEPTH:
        return (remaining + forwarded, 0, R.CALL_DEPTH_EXCEEDED), None
    if address.__class__ is not bytes or len(address) != 20 or sel.__class__ is not bytes:
        return (remaining + forwarded, 0, R.NO_CODE), None
    program = None
    try:
        program = load_program(tx, address)
    except VerifyError:
        pass
    if program is None:
        return (remaining + forwarded, 0, R.NO_CODE), None
    if address not in tx.code_loaded:
        load_cost = C.CODE_LOAD_PER_BYTE * len(program.container.code)
        if load_cost > forwarded:
            return (remaining, 0, b""), None
        forwarded -= load_cost
        # Loaded (and paid for) only now: a call that could not pay leaves the
        # next call to pay in full.
        tx.code_loaded.add(address)
    entry = _entry(program, sel, value)
    if entry.__class__ is bytes:
        return (remaining + forwarded, 0, entry), None
    child = Frame(tx, program, address, parent.address, value, static, remaining, len(stack))
    if not R.move_value(tx, parent.address, address, value):
        tx.state.rollback(child.snapshot)
        return (remaining + forwarded, 0, R.INSUFFICIENT_BALANCE), None
    if not _enter(tx, child, entry):
        tx.state.rollback(child.snapshot)
        return (remaining + forwarded, 0, R.REENTRANCY), None
    leaf = tx.engine.direct(program, entry)
    if leaf is not None:
        status, output, left, _ = _run_direct(tx, child, leaf, entry, forwarded, data)
        return (remaining + left, 1 if status is Status.SUCCESS else 0, output), None
    stack.append((tx.engine.start(child, entry, forwarded, (data,)), child, entry))
    return None, None
