"""Constant folding with exactly the runtime's checked semantics.

Every operation is evaluated at the type the type checker chose for it, and a
result outside that type, or a zero divisor, is a `FoldError`: the compiler
reports at compile time what the VM would revert on at run time. Division and
modulo floor like Python (and the VM). Property tests compare these functions
with compiled code (tests/compiler/test_properties.py).
"""

from __future__ import annotations

from .types import IntType


class FoldError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "overflow" | "division by zero" | text


def check_range(t: IntType, value: int) -> int:
    if not t.lo <= value <= t.hi:
        raise FoldError("overflow")
    return value


def fold_binop(op: str, a: int, b: int, t: IntType) -> int:
    if op == "+":
        return check_range(t, a + b)
    if op == "-":
        return check_range(t, a - b)
    if op == "*":
        return check_range(t, a * b)
    if op == "//":
        if b == 0:
            raise FoldError("division by zero")
        return check_range(t, a // b)
    if op == "%":
        if b == 0:
            raise FoldError("division by zero")
        return check_range(t, a % b)
    if op == "**":
        if b < 0:
            raise FoldError("overflow")
        if a not in (0, 1, -1) and b > t.bits:
            raise FoldError("overflow")
        return check_range(t, a ** b)
    if op == "&":
        return check_range(t, a & b)
    if op == "|":
        return check_range(t, a | b)
    if op == "^":
        return check_range(t, a ^ b)
    if op == "<<":
        if not 0 <= b <= 256:
            raise FoldError("overflow")
        return check_range(t, a << b)
    if op == ">>":
        if not 0 <= b <= 256:
            raise FoldError("overflow")
        return check_range(t, a >> b)
    raise FoldError(f"operator {op} cannot be folded")


def fold_unary(op: str, a: int, t: IntType) -> int:
    if op == "-":
        return check_range(t, -a)
    if op == "~":
        return check_range(t, ~a if t.signed else t.hi - a)
    raise FoldError(f"operator {op} cannot be folded")


def fold_compare(op: str, a, b) -> bool:
    return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b, "==": a == b, "!=": a != b}[op]
