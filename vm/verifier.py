"""The bytecode verifier: run on every deployment, before any code executes.

It accepts a container only if, in every function:

* every byte decodes to a known opcode with all its immediates present;
* immediates are in range: constant, local and function indexes exist,
  numeric types and value kinds are valid, LOG has at most 4 topics, ENCODE and
  DECODE name a bytes constant that is a tuple type descriptor;
* every jump lands on an instruction start inside its own function;
* abstract interpretation over value kinds ('i', 'b', 'l') finds the same stack
  (height and kinds) on every path into each instruction, never pops more than
  is there, never exceeds MAX_STACK, and never lets execution run off the end;
* the declared max stack height equals the computed one.

Each instruction is visited once and each merge compares two short strings, so
verification is linear in code size. The result, a `Program`, carries what the
engines need and never recompute: decoded instructions, the stack at each one,
basic blocks and their static gas.

Failures raise `VerifyError(rule, message, offset)`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from . import abi
from .constants import MAX_STACK
from .container import CONSTRUCTOR, EXTERNAL, Container, Function, parse_container
from .errors import VerifyError
from .opcodes import IMMEDIATE_SIZE, KIND_LETTERS, NUMTYPES, OP_AT, Op


@dataclass(frozen=True, slots=True)
class Instr:
    pc: int
    op: Op
    args: tuple
    next_pc: int


@dataclass
class VerifiedFunction:
    index: int
    function: Function
    instrs: dict[int, Instr]          # pc -> instruction, in code order
    stack_in: dict[int, str]          # pc -> stack kinds on entry (reachable instructions only)
    blocks: dict[int, tuple[int, ...]]  # leader pc -> pcs of the block (reachable blocks only)
    block_gas: dict[int, int]         # leader pc -> static gas of the block


@dataclass
class Program:
    container: Container
    code_hash: bytes
    functions: list[VerifiedFunction]
    by_selector: dict[bytes, int]
    constructor: int | None
    # Filled lazily by the engines (translated functions, etc.).
    cache: dict
    flags: list[int]
    # leaf[i]: function i makes no calls (no ICALL, CALL or SCALL in reachable code).
    leaf: list[bool]
    # Entry offsets, ascending (functions tile the code).
    entries: list[int]


def verify(data: bytes) -> Program:
    """Parse and verify serialized container bytes."""
    container = parse_container(data)
    program = verify_container(container)
    return program


def verify_container(container: Container) -> Program:
    functions = [_verify_function(container, index)[0] for index in range(len(container.functions))]
    by_selector = {fn.selector: i for i, fn in enumerate(container.functions) if fn.flags & EXTERNAL}
    constructor = next((i for i, fn in enumerate(container.functions) if fn.flags & CONSTRUCTOR), None)
    flags = [fn.flags for fn in container.functions]
    leaf = [_is_leaf(vf) for vf in functions]
    entries = [fn.entry for fn in container.functions]
    return Program(container, container.code_hash, functions, by_selector, constructor, {}, flags, leaf, entries)


def _is_leaf(vf: VerifiedFunction) -> bool:
    return not any(vf.instrs[pc].op.name in ("ICALL", "CALL", "SCALL") for block in vf.blocks.values() for pc in block)


# Per opcode: how to read each immediate (1 or 2 bytes, signed or not).
_READERS = {op.code: tuple((IMMEDIATE_SIZE[kind], kind == "i8") for kind in op.immediates)
            for op in OP_AT if op is not None}


def _decode(container: Container, fn: Function, index: int) -> dict[int, Instr]:
    code = container.code
    end = fn.entry + fn.length
    instrs: dict[int, Instr] = {}
    pc = fn.entry
    while pc < end:
        byte = code[pc]
        op = OP_AT[byte]
        if op is None:
            raise VerifyError("unknown_opcode", f"byte {byte:#04x} is not an opcode", pc)
        pos = pc + 1
        args = []
        for size, signed in _READERS[byte]:
            if pos + size > end:
                raise VerifyError("truncated_instruction", f"{op.name} is missing its immediate", pc)
            if size == 1:
                value = code[pos]
                args.append(value - 256 if signed and value > 127 else value)
            else:
                args.append((code[pos] << 8) | code[pos + 1])
            pos += size
        instrs[pc] = Instr(pc, op, tuple(args), pos)
        pc = pos
    return instrs


def _check_immediates(container: Container, fn: Function, instr: Instr, starts: dict) -> None:
    op, pc = instr.op, instr.pc
    if not op.immediates:
        return
    nlocals = len(fn.params) + len(fn.locals)
    for kind, value in zip(op.immediates, instr.args):
        if kind == "const" and value >= len(container.constants):
            raise VerifyError("constant_index", f"constant {value} does not exist", pc)
        if kind == "local" and value >= nlocals:
            raise VerifyError("local_index", f"local {value} does not exist ({nlocals} declared)", pc)
        if kind == "func" and value >= len(container.functions):
            raise VerifyError("function_index", f"function {value} does not exist", pc)
        if kind == "type" and value not in NUMTYPES:
            raise VerifyError("numeric_type", f"{value:#04x} is not a numeric type", pc)
        if kind == "kind" and value > 2:
            raise VerifyError("value_kind", f"{value} is not a value kind", pc)
        if kind == "target" and value not in starts:
            raise VerifyError("jump_target", f"target {value} is not an instruction start in this function", pc)
    name = op.name
    if name == "LOG" and instr.args[0] > 4:
        raise VerifyError("log_topics", f"{instr.args[0]} topics; at most 4", pc)
    if name == "LNEW" and instr.args[0] == 2:
        raise VerifyError("value_kind", "LNEW creates lists of ints or bytes only", pc)
    if name == "ENCODE" or name == "DECODE":
        descriptor = container.constants[instr.args[0]]
        if not isinstance(descriptor, bytes):
            raise VerifyError("type_descriptor", "ENCODE/DECODE need a bytes constant", pc)
        problem = _descriptor_problem(descriptor)
        if problem:
            raise VerifyError("type_descriptor", problem, pc)


@functools.lru_cache(maxsize=4096)
def _descriptor_problem(descriptor: bytes) -> str | None:
    try:
        text = descriptor.decode("ascii")
        parsed = abi.parse_type(text)
    except (UnicodeDecodeError, abi.AbiError) as exc:
        return f"bad type descriptor: {exc}"
    if parsed.kind != "tuple" or str(parsed) != text:
        return f"{text!r} is not a canonical tuple type"
    return None


def descriptor_kinds(container: Container, const_index: int) -> str:
    return _descriptor_kinds(container.constants[const_index])


@functools.lru_cache(maxsize=4096)
def _descriptor_kinds(descriptor: bytes) -> str:
    return "".join(field.value_kind for field in abi.parse_type(descriptor.decode("ascii")).fields)


def _effect(container: Container, fn: Function, instr: Instr, stack: str) -> str:
    """The stack after `instr`, or VerifyError."""
    op, pc, args = instr.op, instr.pc, instr.args
    name = op.name

    def need(kinds: str) -> None:
        if len(stack) < len(kinds):
            raise VerifyError("stack_underflow", f"{name} needs {len(kinds)} values, stack has {len(stack)}", pc)
        top = stack[len(stack) - len(kinds):]
        for want, have in zip(kinds, top):
            if want != "*" and want != have:
                raise VerifyError("stack_kind", f"{name} expects {kinds!r} on top of the stack, found {top!r}", pc)

    if op.pops is not None:
        need(op.pops)
        rest = stack[:len(stack) - len(op.pops)]
        if name == "LGET" or name == "LPOP":
            return rest + KIND_LETTERS[args[0]]
        return rest + op.pushes

    if name == "PUSHC":
        return stack + ("b" if isinstance(container.constants[args[0]], bytes) else "i")
    if name == "DUP":
        if args[0] >= len(stack):
            raise VerifyError("stack_underflow", f"DUP {args[0]} on a stack of {len(stack)}", pc)
        return stack + stack[-1 - args[0]]
    if name == "SWAP":
        depth = args[0]
        if depth < 1 or depth >= len(stack):
            raise VerifyError("stack_underflow", f"SWAP {depth} on a stack of {len(stack)}", pc)
        items = list(stack)
        items[-1], items[-1 - depth] = items[-1 - depth], items[-1]
        return "".join(items)
    if name == "LOAD":
        return stack + fn.local_kinds[args[0]]
    if name == "STORE":
        need(fn.local_kinds[args[0]])
        return stack[:-1]
    if name in ("EQ", "NE"):
        need("**")
        a, b = stack[-2], stack[-1]
        if a != b or a == "l":
            raise VerifyError("stack_kind", f"{name} compares two ints or two byte strings, found {a!r} and {b!r}", pc)
        return stack[:-2] + "i"
    if name == "ICALL":
        callee = container.functions[args[0]]
        if callee.flags & CONSTRUCTOR:
            raise VerifyError("call_constructor", "the constructor cannot be called", pc)
        need(callee.params)
        return stack[:len(stack) - len(callee.params)] + callee.returns
    if name == "RET":
        need(fn.returns)
        return ""
    if name == "LMAKE":
        count = args[0]
        if count > len(stack):
            raise VerifyError("stack_underflow", f"LMAKE {count} on a stack of {len(stack)}", pc)
        return stack[:len(stack) - count] + "l"
    if name == "ENCODE":
        kinds = descriptor_kinds(container, args[0])
        need(kinds)
        return stack[:len(stack) - len(kinds)] + "b"
    if name == "DECODE":
        need("b")
        return stack[:-1] + descriptor_kinds(container, args[0])
    if name == "LOG":
        need("b" * (args[0] + 1))
        return stack[:len(stack) - args[0] - 1]
    raise VerifyError("internal", f"no stack rule for {name}", pc)


def compute_max_stack(container: Container, index: int) -> int:
    """The max stack height of a function (for assemblers; verification rules apply)."""
    return _verify_function(container, index, check_max_stack=False)[1]


def _verify_function(container: Container, index: int, check_max_stack: bool = True):
    fn = container.functions[index]
    instrs = _decode(container, fn, index)
    for instr in instrs.values():
        _check_immediates(container, fn, instr, instrs)

    end = fn.entry + fn.length
    stack_in: dict[int, str] = {fn.entry: ""}
    work = [fn.entry]
    max_height = 0
    while work:
        pc = work.pop()
        instr = instrs[pc]
        out = _effect(container, fn, instr, stack_in[pc])
        if len(out) > MAX_STACK:
            raise VerifyError("stack_overflow", f"stack height {len(out)} exceeds {MAX_STACK}", pc)
        if len(out) > max_height:
            max_height = len(out)
        successors = []
        ends = instr.op.ends_block
        if ends in ("jump", "branch"):
            successors.append(instr.args[0])
        if ends in (None, "branch"):
            if instr.next_pc >= end:
                raise VerifyError("falls_off_end", "execution can run past the end of the function", pc)
            successors.append(instr.next_pc)
        for succ in successors:
            seen = stack_in.get(succ)
            if seen is None:
                stack_in[succ] = out
                work.append(succ)
            elif seen != out:
                raise VerifyError("stack_mismatch", f"stack {seen!r} on one path and {out!r} on another", succ)
    if check_max_stack and max_height != fn.max_stack:
        raise VerifyError("max_stack", f"function {index} declares max stack {fn.max_stack}, computed {max_height}")

    # Basic blocks over reachable code.
    leaders = {fn.entry}
    for instr in instrs.values():
        if instr.op.ends_block:
            if instr.op.ends_block != "stop" and instr.args:
                leaders.add(instr.args[0])
            leaders.add(instr.next_pc)
    members: dict[int, list[int]] = {}
    block_gas: dict[int, int] = {}
    current: list[int] | None = None
    leader = -1
    for pc, instr in instrs.items():
        if pc in leaders:
            leader = pc
            current = members[leader] = [] if pc in stack_in else None
            if current is not None:
                block_gas[leader] = 0
        if current is not None:
            current.append(pc)
            block_gas[leader] += instr.op.gas
    blocks = {leader: tuple(pcs) for leader, pcs in members.items() if pcs is not None}
    return VerifiedFunction(index, fn, instrs, stack_in, blocks, block_gas), max_height
