"""The reference engine: a plain interpreter, one Python function per instruction.

It is the executable specification of the instruction set. It is slow on
purpose (a list for the stack, a dict lookup per instruction) and has no
caches beyond what the verifier computed. Tests run random verified programs
through it and through the translator and require identical results; tracing
uses it, so the translator carries no tracing code at all.

Every instruction function reads as four steps: take operands from the stack,
charge dynamic gas, operate, push results (control flow sets `next_pc`).
Static gas is charged per basic block, on entry, as in the translator.
"""

from __future__ import annotations

from . import abi
from . import constants as C
from . import runtime as R
from .errors import OutOfGas, Revert
from .machine import CALL, ICALL, RET, Frame
from .opcodes import NUMTYPES, OPCODES
from .verifier import VerifiedFunction


class Activation:
    __slots__ = ("frame", "vf", "stack", "locals", "gas", "next_pc", "request", "constants")

    def __init__(self, frame: Frame, vf: VerifiedFunction, gas: int, args: tuple):
        self.frame = frame
        self.vf = vf
        self.stack: list = []
        defaults = [0 if kind == "i" else b"" if kind == "b" else [] for kind in vf.function.locals]
        self.locals = list(args) + defaults
        self.gas = gas
        self.next_pc = 0
        self.request = None
        self.constants = frame.program.container.constants

    def charge(self, cost: int, pc: int) -> None:
        self.gas -= cost
        if self.gas < 0:
            raise OutOfGas(pc)

    def charge_memory(self, words: int, pc: int, extra: int = 0) -> None:
        """Charge `extra` plus the memory gas of `words` new words; the
        transaction's allocation grows only if that charge succeeds."""
        tx = self.frame.tx
        self.charge(extra + R.memory_cost(tx.mem, words), pc)
        tx.mem += words

    def pop(self, n: int) -> list:
        values = self.stack[len(self.stack) - n:]
        del self.stack[len(self.stack) - n:]
        return values


def run(frame: Frame, vf: VerifiedFunction, gas: int, args: tuple):
    act = Activation(frame, vf, gas, args)
    instrs, block_gas = vf.instrs, vf.block_gas
    trace = frame.tx.trace
    pc = vf.function.entry
    try:
        while True:
            cost = block_gas.get(pc)
            if cost is not None:
                act.charge(cost, pc)
            ins = instrs[pc]
            if trace is not None:
                trace({"pc": pc, "op": ins.op.name, "gas": act.gas, "cost": ins.op.gas,
                       "stack": len(act.stack), "depth": frame.depth,
                       "function": vf.index, "address": frame.address.hex()})
            act.next_pc = ins.next_pc
            HANDLERS[ins.op.code](act, ins)
            if act.request is not None:
                request, act.request = act.request, None
                response = yield request
                if request[0] == ICALL:
                    act.gas = response[0]
                    act.stack.extend(response[1])
                elif request[0] == CALL:
                    act.gas = response[0]
                    act.stack.extend(response[1:])
            pc = act.next_pc
    except Revert as exc:
        if exc.gas_left is None:
            exc.gas_left = act.gas
        raise


# --- constants, stack, locals --------------------------------------------------

def op_NOP(a, ins):
    pass


def op_PUSHI(a, ins):
    a.stack.append(ins.args[0])


def op_PUSHC(a, ins):
    a.stack.append(a.constants[ins.args[0]])


def op_POP(a, ins):
    a.stack.pop()


def op_DUP(a, ins):
    a.stack.append(a.stack[-1 - ins.args[0]])


def op_SWAP(a, ins):
    s, d = a.stack, ins.args[0]
    s[-1], s[-1 - d] = s[-1 - d], s[-1]


def op_LOAD(a, ins):
    a.stack.append(a.locals[ins.args[0]])


def op_STORE(a, ins):
    a.locals[ins.args[0]] = a.stack.pop()


# --- arithmetic ----------------------------------------------------------------------

def _binary(fn):
    def handler(a, ins):
        x, y = a.pop(2)
        a.stack.append(fn(NUMTYPES[ins.args[0]], x, y, ins.pc))
    return handler


op_ADD = _binary(lambda t, x, y, pc: R.check(t, x + y, pc))
op_SUB = _binary(lambda t, x, y, pc: R.check(t, x - y, pc))
op_MUL = _binary(lambda t, x, y, pc: R.check(t, x * y, pc))
op_DIV = _binary(R.div)
op_MOD = _binary(R.mod)
op_SHL = _binary(R.shl)
op_SHR = _binary(R.shr)


def op_EXP(a, ins):
    x, y = a.pop(2)
    a.charge(R.exp_cost(y), ins.pc)
    a.stack.append(R.exp(NUMTYPES[ins.args[0]], x, y, ins.pc))


def op_NEG(a, ins):
    a.stack.append(R.check(NUMTYPES[ins.args[0]], -a.stack.pop(), ins.pc))


def op_CAST(a, ins):
    a.stack.append(R.check(NUMTYPES[ins.args[0]], a.stack.pop(), ins.pc))


def op_MULDIV(a, ins):
    x, y, z = a.pop(3)
    a.stack.append(R.muldiv(NUMTYPES[ins.args[0]], x, y, z, ins.pc))


def op_NOT(a, ins):
    a.stack.append(R.bitnot(NUMTYPES[ins.args[0]], a.stack.pop(), ins.pc))


def _plain(fn):
    def handler(a, ins):
        x, y = a.pop(2)
        a.stack.append(fn(x, y))
    return handler


op_MIN = _plain(min)
op_MAX = _plain(max)
op_LT = _plain(lambda x, y: 1 if x < y else 0)
op_GT = _plain(lambda x, y: 1 if x > y else 0)
op_LE = _plain(lambda x, y: 1 if x <= y else 0)
op_GE = _plain(lambda x, y: 1 if x >= y else 0)
op_EQ = _plain(lambda x, y: 1 if x == y else 0)
op_NE = _plain(lambda x, y: 1 if x != y else 0)
op_AND = _plain(lambda x, y: x & y)
op_OR = _plain(lambda x, y: x | y)
op_XOR = _plain(lambda x, y: x ^ y)


def op_LNOT(a, ins):
    a.stack.append(1 if a.stack.pop() == 0 else 0)


# --- byte strings and hashing ----------------------------------------------------------

def op_BLEN(a, ins):
    a.stack.append(len(a.stack.pop()))


def op_BCAT(a, ins):
    x, y = a.pop(2)
    a.charge_memory(R.memory_words(len(x) + len(y), ins.pc), ins.pc)
    a.stack.append(x + y)


def op_BSLICE(a, ins):
    b, start, length = a.pop(3)
    result = R.bslice(b, start, length, ins.pc)
    a.charge_memory(R.memory_words(len(result), ins.pc), ins.pc)
    a.stack.append(result)


def op_BGET(a, ins):
    b, i = a.pop(2)
    a.stack.append(R.bget(b, i, ins.pc))


def op_BFROMI(a, ins):
    a.stack.append(R.bfromi(NUMTYPES[ins.args[0]], a.stack.pop(), ins.pc))


def op_BTOI(a, ins):
    a.stack.append(R.btoi(NUMTYPES[ins.args[0]], a.stack.pop(), ins.pc))


def _hash(name):
    fn = R.HASHES[name]

    def handler(a, ins):
        data = a.stack.pop()
        a.charge(R.hash_cost(name, data), ins.pc)
        a.stack.append(fn(data))
    return handler


op_SHA256 = _hash("SHA256")
op_SHA3 = _hash("SHA3")
op_SM3 = _hash("SM3")


# --- lists -----------------------------------------------------------------------------------

def op_LMAKE(a, ins):
    n = ins.args[0]
    a.charge_memory(n, ins.pc)
    a.stack.append(a.pop(n) if n else [])


def op_LGET(a, ins):
    lst, i = a.pop(2)
    a.stack.append(R.lget(lst, i, ins.args[0], ins.pc))


def op_LSET(a, ins):
    lst, i, value = a.pop(3)
    R.lset(lst, i, value, ins.pc)


def op_LLEN(a, ins):
    a.stack.append(len(a.stack.pop()))


def op_LPUSH(a, ins):
    lst, value = a.pop(2)
    a.charge_memory(1, ins.pc)
    R.lpush(lst, value, ins.args[0], ins.pc)


def op_LPOP(a, ins):
    a.stack.append(R.lpop(a.stack.pop(), ins.args[0], ins.pc))


def op_LCOPY(a, ins):
    lst = a.stack.pop()
    n = R.count_elements(lst, a.gas // C.COPY_ELEMENT, ins.pc)
    a.charge_memory(n, ins.pc, C.COPY_ELEMENT * n)
    a.stack.append(R.deep_copy(lst))


def op_LNEW(a, ins):
    n = R.list_count(a.stack.pop(), ins.pc)
    a.charge_memory(n, ins.pc)
    a.stack.append(R.lnew(n, ins.args[0]))


# --- canonical encoding --------------------------------------------------------------------

def op_ENCODE(a, ins):
    codec = abi.codec(a.constants[ins.args[0]].decode("ascii"))
    fields = a.pop(len(codec.type.fields))
    data = R.encode(codec, fields, a.gas, ins.pc)
    words = R.memory_words(len(data), ins.pc)
    a.charge_memory(words, ins.pc, C.CODEC_WORD * words)
    a.stack.append(data)


def op_DECODE(a, ins):
    codec = abi.codec(a.constants[ins.args[0]].decode("ascii"))
    data = a.stack.pop()
    try:
        fields, elements = codec.decode_fields(data)
    except abi.AbiError:
        raise Revert(R.ABI_DECODE_ERROR, ins.pc) from None
    words = R.memory_words(len(data), ins.pc)
    a.charge_memory(words + elements, ins.pc, C.CODEC_WORD * words)
    a.stack.extend(fields)


# --- storage and environment ------------------------------------------------------------------

def op_SLOAD(a, ins):
    full, cost = R.storage_access(a.frame, a.stack.pop(), ins.pc)
    a.charge(cost, ins.pc)
    a.stack.append(R.read_int(a.frame.tx.state, full, ins.pc))


def op_SLOADB(a, ins):
    full, cost = R.storage_access(a.frame, a.stack.pop(), ins.pc)
    a.charge(cost, ins.pc)
    value = a.frame.tx.state.get(full) or b""
    a.charge_memory(R.memory_words(len(value), ins.pc), ins.pc)
    a.stack.append(value)


def op_SSTORE(a, ins):
    key, value = a.pop(2)
    a.charge(R.sstore(a.frame, key, value, ins.pc), ins.pc)


op_SSTOREB = op_SSTORE


def op_CALLER(a, ins):
    a.stack.append(a.frame.caller)


def op_SELF(a, ins):
    a.stack.append(a.frame.address)


def op_CALLVALUE(a, ins):
    a.stack.append(a.frame.value)


def op_HEIGHT(a, ins):
    a.stack.append(a.frame.height)


def op_TIMESTAMP(a, ins):
    a.stack.append(a.frame.timestamp)


def op_CHAINID(a, ins):
    a.stack.append(a.frame.chain_id)


def op_GASLEFT(a, ins):
    a.stack.append(a.gas)


def op_BALANCE(a, ins):
    value, cost = R.balance(a.frame, a.stack.pop(), ins.pc)
    a.charge(cost, ins.pc)
    a.stack.append(value)


def op_CODEHASH(a, ins):
    value, cost = R.codehash(a.frame, a.stack.pop(), ins.pc)
    a.charge(cost, ins.pc)
    a.stack.append(value)


def op_LOG(a, ins):
    values = a.pop(ins.args[0] + 1)
    a.charge(R.log(a.frame, tuple(values[:-1]), values[-1], ins.pc), ins.pc)


# --- calls and control flow ---------------------------------------------------------------------

def op_ICALL(a, ins):
    program = a.frame.program
    callee = program.container.functions[ins.args[0]]
    args = a.pop(len(callee.params)) if callee.params else []
    if not program.leaf[ins.args[0]]:
        a.charge(C.ICALL_FRAME, ins.pc)
    a.request = (ICALL, ins.args[0], a.gas, tuple(args))


def op_RET(a, ins):
    n = len(a.vf.function.returns)
    values = a.pop(n) if n else []
    a.request = (RET, a.gas, tuple(values))


def op_CALL(a, ins):
    address, sel, data, value, gas = a.pop(5)
    a.request = (CALL, a.gas, address, sel, data, value, gas, False, ins.pc)


def op_SCALL(a, ins):
    address, sel, data, gas = a.pop(4)
    a.request = (CALL, a.gas, address, sel, data, 0, gas, True, ins.pc)


def op_TRANSFER(a, ins):
    address, amount = a.pop(2)
    a.charge(R.transfer(a.frame, address, amount, ins.pc), ins.pc)


def op_REVERT(a, ins):
    raise Revert(a.stack.pop(), ins.pc)


def op_JMP(a, ins):
    a.next_pc = ins.args[0]


def op_JMPIF(a, ins):
    if a.stack.pop() != 0:
        a.next_pc = ins.args[0]


def op_JMPIFNOT(a, ins):
    if a.stack.pop() == 0:
        a.next_pc = ins.args[0]


HANDLERS = [None] * 256
for _op in OPCODES:
    HANDLERS[_op.code] = globals()[f"op_{_op.name}"]


class ReferenceEngine:
    name = "reference"

    def direct(self, program, index: int):
        return None  # every activation is a generator driven by the machine

    def start(self, frame: Frame, index: int, gas: int, args: tuple):
        return run(frame, frame.program.functions[index], gas, args)


REFERENCE = ReferenceEngine()
