"""Assembler and disassembler: text -> container -> text -> the same container."""

from hypothesis import HealthCheck, given, settings

from vm import assemble_text, disassemble, parse_container
from vm.asm import AsmError, parse_asm

from .programs import programs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(asm=programs())
def test_disassembly_reassembles_to_the_same_container(asm):
    container = assemble_text(asm)
    again = assemble_text(disassemble(container))
    assert again.serialize() == container.serialize()
    assert parse_container(container.serialize()) == container


def test_errors_name_the_line():
    try:
        parse_asm(".function f params=b returns=b\n    LOAD 0\n    FROB 1\n.end\n")
    except AsmError as exc:
        assert exc.line == 3 and "FROB" in str(exc)
    else:
        raise AssertionError("expected AsmError")


def test_assembler_refuses_code_that_does_not_verify():
    try:
        assemble_text(".function f params=b returns=b\n    POP\n    LOAD 0\n    RET\n.end\n")
    except AsmError as exc:
        assert "stack_underflow" in str(exc)
    else:
        raise AssertionError("expected AsmError")
