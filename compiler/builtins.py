"""Type rules of the built-in functions (their code is in compiler/codegen.py).

Each rule checks the arguments, records `("builtin", name, detail)` for the
code generator, and returns the result type.
"""

from __future__ import annotations

from . import ast
from .types import (
    ADDRESS, BOOL, BYTES32, UINT256, VOID, AddressType, ArrayType, BoolType, BytesType, DynArrayType,
    EnumType, FixedBytesType, IntType, InterfaceType, StringType, TupleType, Type,
    max_encoded_size,
)

MAX_HASH_INPUT = 1 << 20


def _bytes_like(t: Type) -> bool:
    return isinstance(t, (BytesType, StringType, FixedBytesType, AddressType))


def _max_len(t: Type) -> int:
    if isinstance(t, (BytesType, StringType)):
        return t.max
    if isinstance(t, FixedBytesType):
        return t.size
    if isinstance(t, AddressType):
        return 20
    return 0


def check_builtin(ck, e: ast.Call, name: str, expected, statement: bool) -> Type:
    facts = ck.facts
    args, kws = e.args, e.keywords

    def arity(n: int, what: str) -> None:
        if len(args) != n:
            ck.error("E0205", f"{name} takes {what}", e)
        if kws and name not in ("raw_call",):
            ck.error("E0213", f"{name} takes no keyword arguments", kws[0])

    def record(detail=None) -> None:
        facts.calls[e] = ("builtin", name, detail)

    if name == "range":
        ck.error("E0214", "range(...) is only used in `for` loops", e)
    if name in ("max_value", "min_value"):
        arity(1, "an integer type: max_value(uint64)")
        target = ck.decls.resolve_type(args[0])
        if target is None:
            raise_skip(ck)
        if not isinstance(target, IntType):
            ck.error("E0214", f"{name} takes an integer type, not {target.name}", args[0])
        facts.consts[e] = target.hi if name == "max_value" else target.lo
        record(target)
        return target
    if name == "len":
        arity(1, "one argument")
        t = ck.expr(args[0], None)
        if not isinstance(t, (BytesType, StringType, DynArrayType, ArrayType)):
            ck.error("E0214", f"len() needs a byte string or an array, not {t.name}", args[0])
        record()
        return UINT256
    if name == "concat":
        if len(args) < 2 or kws:
            ck.error("E0205", "concat takes two or more byte strings", e)
        types = [ck.expr(a, None) for a in args]
        for a, t in zip(args, types):
            if not _bytes_like(t):
                ck.error("E0214", f"concat joins byte strings, not {t.name}", a)
        strings = [isinstance(t, StringType) for t in types]
        if any(strings) and not all(strings):
            ck.error("E0214", "concat joins only strings or only bytes", e, "convert one side first")
        total = sum(_max_len(t) for t in types)
        record()
        return StringType(total) if all(strings) else BytesType(total)
    if name == "slice":
        arity(3, "three arguments: slice(b, start, length)")
        t = ck.expr(args[0], None)
        if not _bytes_like(t):
            ck.error("E0214", f"slice needs a byte string, not {t.name}", args[0])
        for a in args[1:]:
            ck.expect(a, ck.expr(a, UINT256), UINT256)
        length = facts.consts.get(args[2])
        record()
        if isinstance(length, int) and not isinstance(length, bool):
            if length < 1 or length > _max_len(t):
                ck.error("E0214", f"slice length {length} does not fit {t.name}", args[2])
            return BytesType(length)
        return BytesType(_max_len(t))
    if name == "convert":
        arity(2, "a value and a type: convert(x, uint64)")
        target = ck.decls.resolve_type(args[1])
        if target is None:
            raise_skip(ck)
        source = ck.expr(args[0], target if isinstance(target, IntType) and ck.is_untyped(args[0]) else None)
        if not convertible(source, target):
            ck.error("E0212", f"cannot convert {source.name} to {target.name}", e)
        record(target)
        value = facts.consts.get(args[0])
        if isinstance(source, IntType) and isinstance(target, IntType) and isinstance(value, int):
            if not target.lo <= value <= target.hi:
                ck.error("E0211", f"{value} does not fit {target.name}", e)
            facts.consts[e] = value
        return target
    if name == "empty":
        arity(1, "a type: empty(T)")
        target = ck.decls.resolve_type(args[0])
        if target is None:
            raise_skip(ck)
        if not target.is_value or isinstance(target, TupleType):
            ck.error("E0214", f"there is no empty {target.name}", args[0])
        record(target)
        return target
    if name in ("min", "max"):
        arity(2, "two integers")
        from .types import UINT256 as default
        lu, ru = ck.takes_context(args[0]), ck.takes_context(args[1])
        if lu and ru:
            t = expected if isinstance(expected, IntType) else default
            ck.expr(args[0], t)
            ck.expr(args[1], t)
        elif lu:
            t = ck.expr(args[1], None)
            ck.expect(args[0], ck.expr(args[0], t if isinstance(t, IntType) else None), t)
        elif ru:
            t = ck.expr(args[0], None)
            ck.expect(args[1], ck.expr(args[1], t if isinstance(t, IntType) else None), t)
        else:
            a, b = ck.expr(args[0], None), ck.expr(args[1], None)
            if not (isinstance(a, IntType) and isinstance(b, IntType)):
                ck.error("E0214", f"{name} compares integers", e)
            t = a if a.contains(b) else b if b.contains(a) else None
            if t is None:
                ck.error("E0203", f"cannot combine {a.name} and {b.name}", e)
        if not isinstance(t, IntType):
            ck.error("E0214", f"{name} compares integers", e)
        va, vb = facts.consts.get(args[0]), facts.consts.get(args[1])
        if isinstance(va, int) and isinstance(vb, int):
            facts.consts[e] = min(va, vb) if name == "min" else max(va, vb)
        record()
        return t
    if name == "mul_div":
        arity(3, "three integers: mul_div(a, b, c) = a * b // c")
        t = None
        for a in args:
            if not ck.is_untyped(a):
                at = ck.expr(a, None)
                if not isinstance(at, IntType):
                    ck.error("E0214", "mul_div takes integers", a)
                t = at if t is None or at.contains(t) else t
        t = t or (expected if isinstance(expected, IntType) else UINT256)
        for a in args:
            ck.expect(a, ck.expr(a, t), t)
        record(t)
        return t
    if name in ("sha256", "sha3_256", "sm3"):
        arity(1, "one byte string")
        t = ck.expr(args[0], None)
        if not _bytes_like(t):
            ck.error("E0214", f"{name} hashes byte strings, not {t.name}", args[0],
                     "hash the canonical encoding: sha3_256(abi_encode(a, b, ...))")
        record()
        return BYTES32
    if name == "abi_encode":
        if not args or kws:
            ck.error("E0205", "abi_encode takes one or more values", e)
        types = []
        for a in args:
            t = ck.expr(a, None)
            if isinstance(t, (TupleType,)) or not t.is_value or t is VOID:
                ck.error("E0214", f"{t.name} has no encoding", a)
            types.append(t)
        record(TupleType(tuple(types)))
        return BytesType(max(1, sum(max_encoded_size(t) for t in types)))
    if name == "abi_decode":
        arity(2, "a byte string and a type: abi_decode(b, T)")
        t = ck.expr(args[0], None)
        if not isinstance(t, BytesType):
            ck.error("E0214", f"abi_decode reads Bytes, not {t.name}", args[0])
        target = ck.decls.resolve_type(args[1])
        if target is None:
            raise_skip(ck)
        if not target.is_value:
            ck.error("E0214", f"cannot decode {target.name}", args[1])
        record(target)
        return target
    if name == "raw_call":
        if len(args) != 3:
            ck.error("E0205", "raw_call(target, method_signature, args) takes three arguments", e)
        ck.require_writable(e, "make state-changing calls")
        ck.expect(args[0], ck.expr(args[0], ADDRESS), ADDRESS)
        st = ck.expr(args[1], None)
        if not isinstance(st, StringType):
            ck.error("E0203", f"the method signature is a String such as \"transfer(address,u256)\", not {st.name}", args[1])
        bt = ck.expr(args[2], None)
        if not isinstance(bt, BytesType):
            ck.error("E0203", f"the arguments are encoded Bytes, not {bt.name}", args[2], "encode them with abi_encode(...)")
        options = {}
        for kw in kws:
            if kw.name == "max_outsize":
                n = ck.const_of(kw.value, UINT256)
                if n is None or not 1 <= n <= 1 << 20:
                    ck.error("E0214", "max_outsize is a constant between 1 and 1048576", kw.value)
                options["max_outsize"] = n
            elif kw.name in ("value", "gas"):
                ck.expect(kw.value, ck.expr(kw.value, UINT256), UINT256)
                options[kw.name] = kw.value
            else:
                ck.error("E0213", f"raw_call has no option `{kw.name}`", kw, "options: max_outsize=, value=, gas=")
        facts.calls[e] = ("raw_call", options)
        return BytesType(options["max_outsize"]) if "max_outsize" in options else VOID
    if name in ("has_role", "grant_role", "revoke_role"):
        arity(2, "a role and an account")
        ck.expect(args[0], ck.expr(args[0], BYTES32), BYTES32)
        ck.expect(args[1], ck.expr(args[1], ADDRESS), ADDRESS)
        if name == "has_role":
            ck.require_state_read(e, "roles")
        else:
            ck.require_writable(e, "change roles")
        ck.c.uses_roles = True
        record()
        return BOOL if name == "has_role" else VOID
    ck.error("E0206", f"unknown function `{name}`", e.func)


def raise_skip(ck):
    from .typecheck import _Skip
    raise _Skip()


def convertible(source: Type, target: Type) -> bool:
    if source == target:
        return True
    s, t = source, target
    if isinstance(s, IntType):
        return isinstance(t, (IntType, BoolType, FixedBytesType, AddressType, EnumType))
    if isinstance(s, BoolType):
        return isinstance(t, IntType)
    if isinstance(s, EnumType):
        return isinstance(t, IntType)
    if isinstance(s, (AddressType, InterfaceType)):
        return isinstance(t, (AddressType, InterfaceType, IntType)) or isinstance(t, FixedBytesType) and t.size == 20 \
            or isinstance(t, BytesType) and t.max >= 20
    if isinstance(s, FixedBytesType):
        return isinstance(t, (IntType, FixedBytesType)) or isinstance(t, BytesType) and t.max >= s.size \
            or isinstance(t, AddressType) and s.size == 20
    if isinstance(s, BytesType):
        return isinstance(t, (BytesType, StringType, FixedBytesType, AddressType))
    if isinstance(s, StringType):
        return isinstance(t, (StringType, BytesType))
    return False
