"""Checked integer arithmetic against a Python big-int reference, at every
width's boundaries, on both engines."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vm import ERROR_DATA, MemoryState, Status
from vm.opcodes import NumType, numtype_byte, numtype_from_byte

from .helpers import ENGINE_IDS, ENGINES, call, deploy, single_function

OVERFLOW = ERROR_DATA["Overflow"]
DIV0 = ERROR_DATA["DivisionByZero"]


class Reverted(Exception):
    def __init__(self, data):
        self.data = data


def in_range(t: NumType, value: int) -> int:
    lo = -(1 << (t.bits - 1)) if t.signed else 0
    hi = (1 << (t.bits - 1)) - 1 if t.signed else (1 << t.bits) - 1
    if not lo <= value <= hi:
        raise Reverted(OVERFLOW)
    return value


def reference(op: str, t: NumType, *xs: int) -> int:
    """The documented semantics, written independently of vm/runtime.py."""
    a = xs[0]
    b = xs[1] if len(xs) > 1 else None
    if op == "ADD":
        return in_range(t, a + b)
    if op == "SUB":
        return in_range(t, a - b)
    if op == "MUL":
        return in_range(t, a * b)
    if op in ("DIV", "MOD"):
        if b == 0:
            raise Reverted(DIV0)
        return in_range(t, a // b if op == "DIV" else a % b)
    if op == "EXP":
        if b < 0 or (abs(a) >= 2 and b > 600):
            raise Reverted(OVERFLOW)
        return in_range(t, a ** b)
    if op == "NEG":
        return in_range(t, -a)
    if op == "CAST":
        return in_range(t, a)
    if op == "NOT":
        mask_hi = (1 << t.bits) - 1
        return in_range(t, ~a if t.signed else mask_hi - a)
    if op == "MULDIV":
        if xs[2] == 0:
            raise Reverted(DIV0)
        return in_range(t, a * b // xs[2])
    if op in ("SHL", "SHR"):
        if not 0 <= b <= 256:
            raise Reverted(OVERFLOW)
        return in_range(t, a << b if op == "SHL" else a >> b)
    raise AssertionError(op)


ARITY = {"ADD": 2, "SUB": 2, "MUL": 2, "DIV": 2, "MOD": 2, "EXP": 2, "NEG": 1, "CAST": 1, "NOT": 1,
         "MULDIV": 3, "SHL": 2, "SHR": 2}

TYPES = [numtype_from_byte(numtype_byte(name)) for name in
         ("u8", "u16", "u64", "u128", "u256", "i8", "i16", "i64", "i128", "i256")]


def boundaries(t: NumType) -> list[int]:
    lo = -(1 << (t.bits - 1)) if t.signed else 0
    hi = (1 << (t.bits - 1)) - 1 if t.signed else (1 << t.bits) - 1
    return [lo, lo + 1, lo - 1, hi, hi - 1, hi + 1, 0, 1, -1, 2, hi // 2, lo // 2]


def operands(t: NumType):
    return st.one_of(st.sampled_from(boundaries(t)), st.integers(-(1 << 256), (1 << 256) - 1),
                     st.integers(-300, 300))


def run(op: str, t: NumType, xs: tuple[int, ...], engine) -> tuple[Status, object]:
    pushes = "\n".join(f"    PUSHC {x}" for x in xs)
    result_type = "(i256)" if t.signed else "(u256)"
    asm = single_function(f"{pushes}\n    {op} {t.name}", result_type)
    state = MemoryState()
    result = call(state, deploy(state, asm), "f()", engine=engine)
    if result.status is Status.SUCCESS:
        from vm import decode
        return Status.SUCCESS, decode(result_type, result.output)[0]
    return result.status, result.output


@pytest.mark.parametrize("engine", ENGINES, ids=ENGINE_IDS)
@pytest.mark.parametrize("op", sorted(ARITY))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_checked_arithmetic_matches_python(engine, op, data):
    t = data.draw(st.sampled_from(TYPES), label="type")
    xs = tuple(data.draw(operands(t), label=f"x{i}") for i in range(ARITY[op]))
    if op == "EXP":
        if data.draw(st.booleans()):
            xs = (data.draw(st.integers(-12, 12)),)
        xs = (xs[0], data.draw(st.one_of(st.integers(-2, 300), st.sampled_from([t.bits, t.bits - 1, 10**6]))))
    if op in ("SHL", "SHR"):
        xs = (xs[0], data.draw(st.one_of(st.integers(-1, 257), st.sampled_from([0, t.bits - 1, t.bits]))))
    try:
        expected = (Status.SUCCESS, reference(op, t, *xs))
    except Reverted as r:
        expected = (Status.REVERT, r.data)
    assert run(op, t, xs, engine) == expected


@pytest.mark.parametrize("engine", ENGINES, ids=ENGINE_IDS)
@pytest.mark.parametrize("t", TYPES, ids=[t.name for t in TYPES])
def test_overflow_by_one_at_each_boundary(engine, t):
    lo, hi = boundaries(t)[0], boundaries(t)[3]
    assert run("ADD", t, (hi, 0), engine) == (Status.SUCCESS, hi)
    assert run("ADD", t, (hi, 1), engine) == (Status.REVERT, OVERFLOW)
    assert run("SUB", t, (lo, 0), engine) == (Status.SUCCESS, lo)
    assert run("SUB", t, (lo, 1), engine) == (Status.REVERT, OVERFLOW)
    assert run("DIV", t, (hi, 0), engine) == (Status.REVERT, DIV0)
    assert run("MOD", t, (hi, 0), engine) == (Status.REVERT, DIV0)
    if t.signed:
        assert run("DIV", t, (lo, -1), engine) == (Status.REVERT, OVERFLOW)
        assert run("NEG", t, (lo,), engine) == (Status.REVERT, OVERFLOW)
        assert run("MOD", t, (-7, 2), engine) == (Status.SUCCESS, 1)  # floor semantics, sign of divisor
        assert run("DIV", t, (-7, 2), engine) == (Status.SUCCESS, -4)


def comparison_program(op: str, a: int, b: int) -> str:
    return single_function(f"    PUSHC {a}\n    PUSHC {b}\n    {op}", "(u8)")


@pytest.mark.parametrize("engine", ENGINES, ids=ENGINE_IDS)
@given(a=st.integers(-(1 << 256), 1 << 256), b=st.integers(-(1 << 256), 1 << 256))
@settings(max_examples=20, deadline=None)
def test_comparisons_bitwise_and_min_max(engine, a, b):
    expected = {"LT": int(a < b), "GT": int(a > b), "LE": int(a <= b), "GE": int(a >= b),
                "EQ": int(a == b), "NE": int(a != b)}
    state = MemoryState()
    for op, value in expected.items():
        result = call(state, deploy(state, comparison_program(op, a, b)), "f()", engine=engine)
        assert result.success and result.output == bytes([value]), op
    for op, value in {"AND": a & b, "OR": a | b, "XOR": a ^ b, "MIN": min(a, b), "MAX": max(a, b)}.items():
        asm = single_function(f"    PUSHC {a}\n    PUSHC {b}\n    {op}\n    CAST i256", "(i256)")
        result = call(state, deploy(state, asm), "f()", engine=engine)
        if -(1 << 255) <= value < (1 << 255):
            from vm import decode
            assert result.success and decode("(i256)", result.output) == [value], op
        else:
            assert result.status is Status.REVERT and result.output == OVERFLOW, op
