"""The verifier: each rule rejects what it should, with its name and offset;
arbitrary bytes only ever give a Program or a VerifyError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vm import MemoryState, Message, VerifyError, assemble_text, execute, selector, verify
from vm.constants import MAX_CODE_SIZE, MAX_STACK
from vm.container import CONSTRUCTOR, EXTERNAL, VIEW, Container, Function
from vm.opcodes import BY_NAME

from .helpers import SENDER
from .programs import programs

SEL = selector("f()")


def op(name: str, *imms: int) -> bytes:
    o = BY_NAME[name]
    out = bytes([o.code])
    for kind, value in zip(o.immediates, imms):
        size = {"i8": 1, "u8": 1, "type": 1, "local": 1, "kind": 1, "depth": 1}.get(kind, 2)
        out += value.to_bytes(size, "big", signed=kind == "i8")
    return out


RET_INPUT = op("LOAD", 0) + op("RET")  # returns the argument bytes


def container(code: bytes, *, params="b", locals_="", returns="b", flags=EXTERNAL, max_stack=1,
              constants=(), sel=SEL, extra_functions=()) -> bytes:
    functions = [Function(sel if flags & EXTERNAL else b"\0" * 4, flags, params, locals_, returns, 0, len(code),
                          max_stack)]
    entry = len(code)
    for fn_code, fn in extra_functions:
        functions.append(Function(fn.selector, fn.flags, fn.params, fn.locals, fn.returns, entry, len(fn_code),
                                  fn.max_stack))
        code += fn_code
        entry += len(fn_code)
    return Container(tuple(constants), tuple(functions), code).serialize()


def rule_of(data: bytes) -> str:
    with pytest.raises(VerifyError) as info:
        verify(data)
    return info.value.rule


def test_a_minimal_container_verifies():
    program = verify(container(RET_INPUT))
    assert program.by_selector == {SEL: 0}


@pytest.mark.parametrize("rule, data", [
    ("magic", b"NOPE" + container(RET_INPUT)[4:]),
    ("version", container(RET_INPUT)[:4] + b"\x09" + container(RET_INPUT)[5:]),
    ("truncated", container(RET_INPUT)[:-1]),
    ("trailing", container(RET_INPUT) + b"\x00"),
    ("unknown_opcode", container(b"\xff" + RET_INPUT)),
    ("truncated_instruction", container(op("LOAD", 0) + bytes([BY_NAME["PUSHC"].code, 0]))),
    ("constant_index", container(op("PUSHC", 3) + op("POP") + RET_INPUT)),
    ("local_index", container(op("LOAD", 1) + op("RET"))),
    ("numeric_type", container(op("PUSHI", 1) + op("PUSHI", 1) + op("ADD", 0x40) + op("POP") + RET_INPUT,
                               max_stack=2)),
    ("value_kind", container(op("LOAD", 0) + op("PUSHI", 0) + op("LGET", 3) + op("POP") + RET_INPUT, max_stack=2)),
    ("jump_target", container(op("JMP", 1) + RET_INPUT)),
    ("jump_target", container(op("JMP", 500) + RET_INPUT)),
    ("log_topics", container(op("LOAD", 0) + op("LOG", 5) + RET_INPUT)),
    ("type_descriptor", container(op("LOAD", 0) + op("DECODE", 0) + RET_INPUT, constants=(b"(u7)",))),
    ("type_descriptor", container(op("LOAD", 0) + op("DECODE", 0) + RET_INPUT, constants=(b"u8",))),
    ("type_descriptor", container(op("LOAD", 0) + op("DECODE", 0) + RET_INPUT, constants=(5,))),
    ("stack_underflow", container(op("POP") + RET_INPUT)),
    ("stack_underflow", container(op("PUSHI", 1) + op("ADD", 0x1F) + RET_INPUT)),
    ("stack_kind", container(op("LOAD", 0) + op("PUSHI", 1) + op("ADD", 0x1F) + RET_INPUT, max_stack=2)),
    ("stack_kind", container(op("PUSHI", 1) + op("RET"))),
    ("stack_kind", container(op("LOAD", 0) + op("PUSHI", 1) + op("EQ") + op("POP") + RET_INPUT, max_stack=2)),
    ("stack_mismatch", container(op("PUSHI", 1) + op("JMPIF", 7) + op("PUSHI", 1) + op("LOAD", 0) + op("RET"),
                                 max_stack=2)),
    ("falls_off_end", container(op("LOAD", 0) + op("POP"))),
    ("max_stack", container(RET_INPUT, max_stack=2)),
    ("entry_signature", container(RET_INPUT, params="i")),
    ("selector", container(RET_INPUT, sel=b"\0\0\0\0")),
    ("flags", container(RET_INPUT, flags=0x40)),
    ("flags", container(RET_INPUT, flags=EXTERNAL | CONSTRUCTOR)),
    ("locals", container(RET_INPUT, flags=0, params="ii", locals_="i" * 255)),
    ("code_size", container(op("NOP") * (MAX_CODE_SIZE + 1) + RET_INPUT)),
])
def test_each_rule_rejects_its_case(rule, data):
    assert rule_of(data) == rule


def test_view_flag_needs_an_entry_point_and_constructor_cannot_be_called():
    internal_view = Function(b"\0" * 4, VIEW, "b", "", "b", 0, len(RET_INPUT), 1)
    data = Container((), (internal_view,), RET_INPUT).serialize()
    assert rule_of(data) == "flags"
    ctor = Function(b"\0" * 4, CONSTRUCTOR, "b", "", "b", 0, 0, 1)
    caller = op("LOAD", 0) + op("ICALL", 1) + op("RET")
    data = container(caller, extra_functions=[(RET_INPUT, ctor)])
    assert rule_of(data) == "call_constructor"


def test_errors_name_the_offset():
    with pytest.raises(VerifyError) as info:
        verify(container(op("LOAD", 0) + op("NOP") + b"\xfe" + op("RET")))
    assert info.value.offset == 3 and "0xfe" in str(info.value)


def test_stack_limit_plus_minus_one():
    def pushes(n):
        return op("PUSHI", 0) * n + op("POP") * n + RET_INPUT
    assert verify(container(pushes(MAX_STACK - 1), max_stack=MAX_STACK - 1))
    state = MemoryState()
    created = execute(Message(SENDER, None, 10**7, code=container(pushes(MAX_STACK), max_stack=MAX_STACK)), state)
    assert created.success
    assert execute(Message(SENDER, created.created, 10**6, selector=SEL, data=b"ok"), state).output == b"ok"
    assert rule_of(container(pushes(MAX_STACK + 1), max_stack=MAX_STACK + 1)) == "stack_overflow"


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_give_a_program_or_verify_error(data):
    try:
        verify(data)
    except VerifyError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_random_code_in_a_valid_header_gives_a_program_or_verify_error(code):
    for max_stack in (0, 1, 3):
        try:
            verify(container(code, max_stack=max_stack))
        except VerifyError:
            pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(asm=programs(with_calls=False), flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)),
                                                      min_size=1, max_size=4))
def test_mutated_containers_verify_or_fail_cleanly_and_never_crash_the_vm(asm, flips):
    data = bytearray(assemble_text(asm).serialize())
    for position, xor in flips:
        data[position % len(data)] ^= xor
    try:
        verify(bytes(data))
    except VerifyError:
        return
    state = MemoryState()
    created = execute(Message(SENDER, None, 10**8, code=bytes(data)), state)
    if created.success:
        result = execute(Message(SENDER, created.created, 10**6, selector=selector("f()")), state)
        assert not (result.halt or "").startswith("internal_error"), result.halt
