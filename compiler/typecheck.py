"""Type checking of constants and function bodies.

For each function this pass decides the type of every expression, what every
name refers to, which calls go where, and which expressions are compile-time
constants (folded here with the runtime's checked semantics, compiler/folding.py).
It also enforces the rules that are about meaning rather than form: view and
pure functions, read-only parameters and loop variables, bounded loops,
must-use external results, `self.` for state, no implicit narrowing.

Errors are collected per function, so one run reports problems in every function.
The result is a `FunctionFacts` per function, read by compiler/codegen.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import ast
from .declarations import ADMIN_ROLE, Contract, Declarations, FunctionInfo
from .errors import Diagnostics, did_you_mean
from .folding import FoldError, check_range, fold_binop, fold_compare, fold_unary
from .types import (
    ADDRESS, BOOL, BYTES32, INT256, UINT256, UINT64, VOID, AddressType, ArrayType, BytesType,
    DynArrayType, FixedBytesType, HashMapType, IntType, InterfaceType, StringType, StructType,
    TupleType, Type, VoidType, assignable,
)

MAX_RANGE = 1 << 32
ARITH = {"+", "-", "*", "//", "%", "**", "&", "|", "^", "<<", ">>"}
ENV = {
    ("msg", "sender"): ADDRESS, ("msg", "value"): UINT256,
    ("block", "timestamp"): UINT64, ("block", "number"): UINT64, ("chain", "id"): UINT64,
}
FORBIDDEN_ENV = {
    ("tx", "origin"): "authorising by tx.origin lets any contract the user calls act for them (SWC-115); use msg.sender",
    ("block", "prevrandao"): "contracts must be deterministic: there is no randomness",
    ("block", "difficulty"): "contracts must be deterministic: there is no randomness",
    ("block", "coinbase"): "there is no block producer address",
    ("block", "gaslimit"): "not available",
    ("msg", "gas"): "not available",
    ("block", "height"): "write block.number",
}
BUILTINS = ("len", "concat", "slice", "convert", "empty", "min", "max", "sha256", "sha3_256", "sm3",
            "abi_encode", "abi_decode", "raw_call", "mul_div", "has_role", "grant_role", "revoke_role", "range",
            "max_value", "min_value")


@dataclass(eq=False)
class LocalVar:
    name: str
    type: Type
    kind: str  # "param" | "local" | "loop" | "hidden"
    span: object = None
    slot: int = -1


@dataclass
class FunctionFacts:
    info: FunctionInfo
    types: dict = field(default_factory=dict)      # Expr -> Type
    consts: dict = field(default_factory=dict)     # Expr -> folded value
    refs: dict = field(default_factory=dict)       # Name -> ("local", LocalVar) | ("constant", c) | ("immutable", var) | ("self",)
    storage: set = field(default_factory=set)      # Exprs that denote a storage location (ids)
    calls: dict = field(default_factory=dict)      # Call -> (kind, ...)
    locals: list = field(default_factory=list)     # LocalVar, declaration order
    decls: dict = field(default_factory=dict)      # AnnAssign / For -> LocalVar
    callees: list = field(default_factory=list)    # (FunctionInfo, span) internal calls, in order
    loops: dict = field(default_factory=dict)      # For -> ("range", start, count, bound_expr|None) | ("array",)

    def is_storage(self, e) -> bool:
        return id(e) in self.storage


class _Skip(Exception):
    """Abandon checking the current statement (its error is already recorded)."""


class Checker:
    def __init__(self, contract: Contract, decls: Declarations, diags: Diagnostics):
        self.c = contract
        self.decls = decls
        self.diags = diags
        self.facts: FunctionFacts | None = None
        self.fn: FunctionInfo | None = None
        self.scopes: list[dict] = []
        self.loop_depth = 0
        self.loop_roots: list = []
        self.immutable_writes: dict = {}

    # --- errors -------------------------------------------------------------------------------
    def error(self, code: str, message: str, node, hint=None):
        self.diags.error(code, message, node.span if node is not None else None, hint)
        raise _Skip()

    # --- constants ----------------------------------------------------------------------------
    def check_constants(self) -> None:
        dummy = FunctionInfo("<constants>", None, "internal", "pure", False, (), (), VOID)
        for const in list(self.c.constants.values()):
            if const.type is None:
                continue
            self.facts = FunctionFacts(dummy)
            self.fn = dummy
            self.scopes = [{}]
            try:
                t = self.expr(const.expr, const.type)
                self.expect(const.expr, t, const.type)
                value = self.facts.consts.get(const.expr, _NOVALUE)
                if value is _NOVALUE:
                    self.error("E0106", f"the value of constant {const.name} is not known at compile time", const.expr,
                               "constants are built from literals, other constants and operators")
                const.value = value
                const.ready = True
            except _Skip:
                pass
        self.facts = None

    # --- functions ------------------------------------------------------------------------------
    def check_function(self, info: FunctionInfo) -> FunctionFacts:
        self.fn = info
        self.facts = facts = FunctionFacts(info)
        self.scopes = [{}]
        self.loop_depth = 0
        self.loop_roots = []
        for name, t, span in info.params:
            var = LocalVar(name, t, "param", span)
            self.scopes[0][name] = var
            facts.locals.append(var)
        self.block(info.node.body)
        if info.returns is not VOID and not self.terminates(info.node.body):
            self.diags.error("E0215", f"function {info.name} can end without returning a {info.returns.name}",
                             info.node.name_span, "end every path with `return ...` or `raise ...`")
        if info.is_constructor:
            self.check_immutables(info)
        return facts

    def check_immutables(self, info: FunctionInfo) -> None:
        counts: dict[str, int] = {}
        for stmt in info.node.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                name = stmt.targets[0].id
                if name in self.c.storage and self.c.storage[name].immutable:
                    counts[name] = counts.get(name, 0) + 1
        for var in self.c.storage.values():
            if var.immutable and counts.get(var.name, 0) != 1:
                self.diags.error("E0107", f"immutable {var.name} must be assigned exactly once at the top level of the constructor",
                                 var.span)

    def terminates(self, body) -> bool:
        if not body:
            return False
        last = body[-1]
        if isinstance(last, (ast.Return, ast.Raise)):
            return True
        if isinstance(last, ast.If):
            return self.terminates(last.body) and self.terminates(last.orelse)
        if isinstance(last, ast.Assert) and isinstance(last.test, ast.Bool) and not last.test.value:
            return True
        return False

    # --- scopes ----------------------------------------------------------------------------------
    def lookup(self, name: str):
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def declare(self, name: str, t: Type, kind: str, node) -> LocalVar:
        if self.lookup(name) is not None:
            self.error("E0101", f"`{name}` is already declared in this function", node, "pick another name (shadowing is not allowed)")
        if name in self.c.constants or name in self.c.storage and self.c.storage[name].immutable:
            self.error("E0101", f"`{name}` would shadow a constant or immutable", node)
        from .declarations import RESERVED_NAMES
        if name in RESERVED_NAMES or name in self.c.structs or name in self.c.enums or name in self.c.interfaces:
            self.error("E0108", f"`{name}` is a reserved name", node)
        var = LocalVar(name, t, kind, node.span)
        self.scopes[-1][name] = var
        self.facts.locals.append(var)
        return var

    # --- statements --------------------------------------------------------------------------------
    def block(self, stmts) -> None:
        self.scopes.append({})
        for stmt in stmts:
            try:
                self.stmt(stmt)
            except _Skip:
                pass
        self.scopes.pop()

    def stmt(self, s) -> None:
        method = getattr(self, "s_" + type(s).__name__)
        method(s)

    def s_Pass(self, s):
        pass

    def s_Break(self, s):
        if not self.loop_depth:
            self.error("E0308", "`break` outside a loop", s)

    s_Continue = s_Break

    def s_Return(self, s):
        want = self.fn.returns
        if s.value is None:
            if want is not VOID:
                self.error("E0203", f"return a {want.name} here", s)
            return
        if want is VOID:
            self.error("E0203", f"function {self.fn.name} returns nothing", s.value)
        if isinstance(want, TupleType):
            if not isinstance(s.value, ast.Tuple) or len(s.value.elements) != len(want.elems):
                t = self.expr(s.value, want)
                self.expect(s.value, t, want)
                return
            for e, wt in zip(s.value.elements, want.elems):
                self.expect(e, self.expr(e, wt), wt)
            self.facts.types[s.value] = want
            return
        self.expect(s.value, self.expr(s.value, want), want)

    def s_Raise(self, s):
        if s.exc is None:
            self.error("E0214", "`raise` needs an error: raise Name(...) or raise \"message\"", s)
        self.error_value(s.exc)

    def error_value(self, e) -> None:
        if isinstance(e, ast.Str):
            self.expr(e, None)
            return
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id in self.c.errors:
            info = self.c.errors[e.func.id]
            self.field_args(e, info.fields, f"error {info.name}")
            self.facts.calls[e] = ("error", info)
            return
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Name):
            self.error("E0201", f"unknown error `{e.func.id}`", e.func, did_you_mean(e.func.id, self.c.errors))
        self.error("E0214", "expected an error: Name(...) of a declared `error`, or a string", e)

    def s_Assert(self, s):
        self.expect(s.test, self.expr(s.test, BOOL), BOOL)
        if s.msg is not None:
            self.error_value(s.msg)

    def s_Emit(self, s):
        call = s.call
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
            self.error("E0214", "emit takes an event: emit Name(...)", s)
        name = call.func.id
        if name not in self.c.events:
            self.error("E0201", f"unknown event `{name}`", call.func, did_you_mean(name, self.c.events))
        self.require_writable(s, "emit events")
        info = self.c.events[name]
        self.field_args(call, tuple((n, t) for n, t, _ in info.fields), f"event {name}")
        self.facts.calls[call] = ("event", info)

    def field_args(self, call: ast.Call, fields, what: str) -> None:
        """Positional or keyword arguments for struct/event/error fields, all required."""
        names = [n for n, _ in fields]
        if call.args and call.keywords:
            self.error("E0205", f"{what}: give the fields all by position or all by name", call)
        if call.keywords:
            given = {}
            for kw in call.keywords:
                if kw.name not in names:
                    self.error("E0213", f"{what} has no field `{kw.name}`", kw, did_you_mean(kw.name, names))
                if kw.name in given:
                    self.error("E0213", f"field `{kw.name}` given twice", kw)
                given[kw.name] = kw.value
            missing = [n for n in names if n not in given]
            if missing:
                self.error("E0205", f"{what}: missing field{'s' if len(missing) > 1 else ''} {', '.join(missing)}", call)
            for n, t in fields:
                self.expect(given[n], self.expr(given[n], t), t)
            return
        if len(call.args) != len(fields):
            self.error("E0205", f"{what} takes {len(fields)} field{'s' if len(fields) != 1 else ''}, {len(call.args)} given", call)
        for arg, (_, t) in zip(call.args, fields):
            self.expect(arg, self.expr(arg, t), t)

    def s_AnnAssign(self, s):
        t = self.decls.resolve_type(s.annotation)
        if t is None:
            raise _Skip()
        if not t.is_value:
            self.error("E0103", f"a local variable cannot be a {t.name}", s.annotation, "HashMap exists only in storage")
        if isinstance(t, TupleType):
            self.error("E0103", "a local variable cannot be a tuple; unpack it into separate variables", s.annotation)
        try:
            self.expect(s.value, self.expr(s.value, t), t)
        finally:
            # Declared even when the value is wrong, so later uses do not cascade.
            self.facts.decls[s] = self.declare(s.target.id, t, "local", s.target)

    def s_Assign(self, s):
        if len(s.targets) > 1:
            vt = self.expr(s.value, None)
            if not isinstance(vt, TupleType) or len(vt.elems) != len(s.targets):
                self.error("E0203", f"cannot unpack {vt.name} into {len(s.targets)} targets", s.value)
            for target, et in zip(s.targets, vt.elems):
                tt = self.target(target)
                self.expect(target, et, tt, node_for_error=s.value)
            return
        target = s.targets[0]
        tt = self.target(target)
        self.expect(s.value, self.expr(s.value, tt), tt)

    def s_AugAssign(self, s):
        tt = self.target(s.target)
        if not isinstance(tt, IntType):
            self.error("E0208", f"`{s.op}=` needs an integer target, not {tt.name}", s.target)
        if s.op in ("<<", ">>", "**"):
            vt = self.expr(s.value, None)
            if not isinstance(vt, IntType):
                self.error("E0203", "the right side must be an integer", s.value)
        else:
            self.expect(s.value, self.expr(s.value, tt), tt)

    def target(self, e) -> Type:
        """Type of an assignment target; checks it is writable here."""
        facts = self.facts
        if isinstance(e, ast.Name):
            var = self.lookup(e.id)
            if var is not None:
                if var.kind == "param":
                    self.error("E0209", f"parameter `{e.id}` is read-only", e, "copy it into a local variable first")
                if var.kind == "loop":
                    self.error("E0307", f"loop variable `{e.id}` is read-only", e)
                self.check_loop_root(e, ("local", e.id))
                facts.refs[e] = ("local", var)
                facts.types[e] = var.type
                return var.type
            if e.id in self.c.storage and self.c.storage[e.id].immutable:
                if not self.fn.is_constructor:
                    self.error("E0209", f"immutable `{e.id}` can only be assigned in the constructor", e)
                var = self.c.storage[e.id]
                facts.refs[e] = ("immutable", var)
                facts.types[e] = var.type
                return var.type
            if e.id in self.c.constants:
                self.error("E0209", f"constant `{e.id}` cannot be assigned", e)
            if e.id in self.c.storage:
                self.error("E0210", f"storage variable `{e.id}` is written through `self.{e.id}`", e)
            suggestion = did_you_mean(e.id, self.visible_names())
            self.error("E0201", f"unknown variable `{e.id}`", e,
                       lambda: suggestion() or f"declare it with its type first: `{e.id}: uint256 = ...`")
        if isinstance(e, (ast.Attribute, ast.Subscript)):
            t = self.expr(e, None, as_target=True)
            if facts.is_storage(e):
                self.require_writable(e, "write storage")
                self.check_loop_root(e, self.root_of(e))
            else:
                root = self.root_of(e)
                if root is None:
                    self.error("E0209", "this expression cannot be assigned", e)
                if root[0] == "local":
                    var = self.lookup(root[1])
                    if var is not None and var.kind == "loop":
                        self.error("E0307", f"loop variable `{root[1]}` is read-only", e, "copy it into a local variable first")
                    if var is not None and var.kind == "param":
                        self.error("E0209", f"parameter `{root[1]}` is read-only", e, "copy it into a local variable first")
                self.check_loop_root(e, root)
            if isinstance(t, HashMapType):
                self.error("E0209", "a whole HashMap cannot be assigned", e)
            return t
        if isinstance(e, ast.Tuple):
            self.error("E0209", "nested tuple targets are not supported", e)
        self.error("E0209", "this expression cannot be assigned", e)

    def root_of(self, e):
        while isinstance(e, (ast.Attribute, ast.Subscript)):
            if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id == "self":
                return ("storage", e.attr)
            e = e.value
        if isinstance(e, ast.Name):
            return ("local", e.id)
        return None

    def check_loop_root(self, node, root) -> None:
        if root is not None and root in self.loop_roots:
            self.error("E0307", "the array being iterated cannot be modified inside the loop", node)

    def s_ExprStmt(self, s):
        e = s.value
        if isinstance(e, ast.ExtCall):
            t = self.expr(e, None)
            if t is not VOID:
                self.error("E0305", f"the result of this call ({t.name}) is not used", e,
                           "use it, e.g. `assert extcall token.transfer(to, amount)`, or store it in a variable")
            return
        if isinstance(e, ast.Call):
            t = self.expr(e, None, statement=True)
            kind = self.facts.calls.get(e, ("?",))[0]
            if kind == "raw_call" and t is not VOID:
                self.error("E0305", "the result of raw_call is not used", e, "drop max_outsize= if you do not need it")
            if kind in ("struct", "interface_cast", "error", "event") or (kind == "builtin" and e.func.id not in ("grant_role", "revoke_role")):
                self.error("E0217", "this expression has no effect", e)
            return
        if isinstance(e, ast.Str):
            return
        self.expr(e, None)
        self.error("E0217", "this expression has no effect", e, "did you mean `==` to be `=`?" if isinstance(e, ast.Compare) and e.op == "==" else None)

    def s_If(self, s):
        self.expect(s.test, self.expr(s.test, BOOL), BOOL)
        self.block(s.body)
        self.block(s.orelse)

    def s_For(self, s):
        it = s.iter
        facts = self.facts
        annotated = self.decls.resolve_type(s.annotation) if s.annotation is not None else None
        if s.annotation is not None and annotated is None:
            raise _Skip()
        root = None
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range":
            var_type = annotated or UINT256
            if not isinstance(var_type, IntType):
                self.error("E0203", "a range loop variable is an integer", s.annotation)
            bound = None
            for kw in it.keywords:
                if kw.name != "bound":
                    self.error("E0213", f"range() has no argument `{kw.name}`", kw)
                bound = kw.value
            if not 1 <= len(it.args) <= 2:
                self.error("E0205", "range takes 1 or 2 arguments", it)
            if bound is not None:
                if len(it.args) != 1:
                    self.error("E0205", "range(n, bound=N) takes one count", it)
                b = self.const_of(bound, var_type)
                if b is None or not 0 < b <= MAX_RANGE:
                    self.error("E0306", f"bound= must be a constant between 1 and {MAX_RANGE}", bound)
                self.expect(it.args[0], self.expr(it.args[0], var_type), var_type)
                facts.loops[s] = ("range_bound", b)
            else:
                values = []
                for a in it.args:
                    v = self.const_of(a, var_type)
                    if v is None:
                        self.error("E0306", "a range bound must be a constant", a,
                                   "for a run-time count write range(n, bound=MAX) with a constant MAX")
                    values.append(v)
                start, stop = (0, values[0]) if len(values) == 1 else values
                if stop - start > MAX_RANGE:
                    self.error("E0306", f"a loop runs at most {MAX_RANGE} times", it)
                if stop < start:
                    self.error("E0306", "the range is empty", it)
                try:
                    check_range(var_type, start)
                    if stop > start:
                        check_range(var_type, stop - 1)
                except FoldError:
                    self.error("E0207", f"the range does not fit {var_type.name}", it)
                facts.loops[s] = ("range", start, stop)
            facts.types[it] = var_type
        else:
            t = self.expr(it, None)
            if not isinstance(t, (ArrayType, DynArrayType)):
                self.error("E0203", f"cannot iterate over {t.name}", it, "iterate over an array, or use range(N)")
            var_type = t.elem
            if annotated is not None and annotated != var_type:
                self.error("E0203", f"the loop variable is declared {annotated.name} but the elements are {var_type.name}", s.annotation)
            root = self.root_of(it)
            facts.loops[s] = ("array",)
        self.scopes.append({})
        var = self.declare(s.target.id, var_type, "loop", s.target)
        facts.decls[s] = var
        self.loop_depth += 1
        if root is not None:
            self.loop_roots.append(root)
        try:
            self.block(s.body)
        finally:
            self.loop_depth -= 1
            if root is not None:
                self.loop_roots.pop()
            self.scopes.pop()

    def const_of(self, e, t: Type):
        try:
            self.expect(e, self.expr(e, t), t)
        except _Skip:
            return None
        v = self.facts.consts.get(e, _NOVALUE)
        return None if v is _NOVALUE else v

    # --- mutability ---------------------------------------------------------------------------
    def require_writable(self, node, what: str) -> None:
        if self.fn.mutability in ("view", "pure"):
            self.error("E0301", f"a @{self.fn.mutability} function cannot {what}", node)

    def require_state_read(self, node, what: str) -> None:
        if self.fn.name == "<constants>":
            self.error("E0106", f"a constant's value is fixed at compile time; it cannot use {what}", node)
        if self.fn.mutability == "pure":
            self.error("E0303", f"a @pure function cannot read {what}", node)

    # --- expressions ------------------------------------------------------------------------------
    def expect(self, node, got: Type, want: Type, node_for_error=None) -> None:
        if got == want or assignable(got, want):
            return
        where = node_for_error or node
        if isinstance(got, IntType) and isinstance(want, IntType):
            self.error("E0204", f"{got.name} does not fit {want.name} without a check", where,
                       f"convert explicitly: convert(..., {want.name}) reverts if the value does not fit")
        if isinstance(got, (BytesType, StringType)) and type(got) is type(want):
            self.error("E0204", f"{got.name} may be longer than {want.name}", where,
                       f"convert explicitly: convert(..., {want.name}) reverts with LengthExceeded if it is")
        self.error("E0203", f"expected {want.name}, found {got.name}", where)

    def is_untyped(self, e) -> bool:
        """An integer expression of literals and integer constants only."""
        if isinstance(e, ast.Int):
            return True
        if isinstance(e, ast.Name):
            const = self.c.constants.get(e.id)
            return const is not None and isinstance(const.type, IntType) and self.lookup(e.id) is None
        if isinstance(e, ast.UnaryOp) and e.op in ("-", "~"):
            return self.is_untyped(e.operand)
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id in ("min", "max") \
                and len(e.args) == 2 and not e.keywords and self.lookup(e.func.id) is None:
            return self.is_untyped(e.args[0]) and self.is_untyped(e.args[1])
        if isinstance(e, ast.BinOp) and e.op in ARITH:
            return self.is_untyped(e.left) and self.is_untyped(e.right)
        return False

    def takes_context(self, e) -> bool:
        """Whether e's integer type comes from where it is used: untyped constants,
        and shifts and powers of them (`1 << n` is as wide as what it is added to)."""
        if self.is_untyped(e):
            return True
        if isinstance(e, ast.BinOp) and e.op in ("<<", ">>", "**"):
            return self.takes_context(e.left)
        if isinstance(e, ast.BinOp) and e.op in ARITH:
            return self.takes_context(e.left) and self.takes_context(e.right)
        if isinstance(e, ast.UnaryOp) and e.op in ("-", "~"):
            return self.takes_context(e.operand)
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id in ("min", "max") \
                and len(e.args) == 2 and self.lookup(e.func.id) is None:
            return self.takes_context(e.args[0]) and self.takes_context(e.args[1])
        return False

    def exact_value(self, e):
        """The exact (unchecked) value of an untyped expression, for choosing its type."""
        if isinstance(e, ast.Int):
            return e.value
        if isinstance(e, ast.Name):
            const = self.c.constants[e.id]
            return const.value if const.ready else 0
        if isinstance(e, ast.UnaryOp):
            v = self.exact_value(e.operand)
            return -v if e.op == "-" else ~v
        if isinstance(e, ast.Call):
            a, b = self.exact_value(e.args[0]), self.exact_value(e.args[1])
            return min(a, b) if e.func.id == "min" else max(a, b)
        a = self.exact_value(e.left)
        b = self.exact_value(e.right) if self.is_untyped(e.right) else 1
        try:
            if e.op == "**":
                return a ** b if 0 <= b <= 512 and abs(a) < (1 << 300) else 0
            if e.op == "<<":
                return a << b if 0 <= b <= 512 else 0
            return {"+": a + b, "-": a - b, "*": a * b, "//": a // b if b else 0, "%": a % b if b else 0,
                    "&": a & b, "|": a | b, "^": a ^ b, ">>": a >> b if b >= 0 else 0}[e.op]
        except (OverflowError, ValueError, MemoryError):
            return 0

    def default_int(self, e) -> IntType:
        v = self.exact_value(e)
        return UINT256 if v >= 0 else INT256

    def expr(self, e, expected: Type | None = None, as_target: bool = False, statement: bool = False) -> Type:
        method = getattr(self, "e_" + type(e).__name__, None)
        if method is None:
            self.error("E0015", f"{type(e).__name__.lower()} is not allowed here", e)
        if isinstance(e, (ast.Attribute, ast.Subscript)):
            t = method(e, expected, as_target)
        elif isinstance(e, ast.Call):
            t = method(e, expected, statement)
        else:
            t = method(e, expected)
        self.facts.types[e] = t
        return t

    def e_Int(self, e, expected):
        v = e.value
        if e.hex_digits and isinstance(expected, AddressType):
            if e.hex_digits != 40:
                self.error("E0207", f"an address literal has 40 hex digits, this one has {e.hex_digits}", e)
            self.facts.consts[e] = v.to_bytes(20, "big")
            return ADDRESS
        if e.hex_digits and isinstance(expected, FixedBytesType):
            if e.hex_digits != expected.size * 2:
                self.error("E0207", f"a {expected.name} literal has {expected.size * 2} hex digits, this one has {e.hex_digits}", e)
            self.facts.consts[e] = v.to_bytes(expected.size, "big")
            return expected
        t = expected if isinstance(expected, IntType) else self.default_int(e)
        if not t.lo <= v <= t.hi:
            self.error("E0207", f"{v} does not fit {t.name} ({t.lo}..{t.hi})", e)
        self.facts.consts[e] = v
        return t

    def e_Bool(self, e, expected):
        self.facts.consts[e] = 1 if e.value else 0
        return BOOL

    def e_Str(self, e, expected):
        data = e.value.encode("utf-8")
        self.facts.consts[e] = data
        if isinstance(expected, StringType) and len(data) <= expected.max:
            return expected
        return StringType(max(1, len(data)))

    def e_BytesLit(self, e, expected):
        self.facts.consts[e] = e.value
        if isinstance(expected, BytesType) and len(e.value) <= expected.max:
            return expected
        if isinstance(expected, FixedBytesType) and len(e.value) == expected.size:
            return expected
        return BytesType(max(1, len(e.value)))

    def visible_names(self):
        names = [n for scope in self.scopes for n in scope]
        return names + list(self.c.constants) + [v for v in self.c.storage if self.c.storage[v].immutable]

    def e_Name(self, e, expected):
        facts = self.facts
        var = self.lookup(e.id)
        if var is not None:
            facts.refs[e] = ("local", var)
            return var.type
        if e.id in self.c.constants:
            const = self.c.constants[e.id]
            if not const.ready:
                self.error("E0106", f"constant {e.id} is used before it has a value", e)
            facts.refs[e] = ("constant", const)
            if isinstance(const.type, IntType):
                t = expected if isinstance(expected, IntType) else self.default_int(e)
                if not t.lo <= const.value <= t.hi:
                    self.error("E0207", f"constant {e.id} = {const.value} does not fit {t.name}", e)
                facts.consts[e] = const.value
                return t
            facts.consts[e] = const.value
            if isinstance(const.type, StringType) and isinstance(expected, StringType) and len(const.value) <= expected.max:
                return expected
            return const.type
        if e.id in self.c.storage:
            var = self.c.storage[e.id]
            if var.immutable:
                self.require_state_read(e, "immutables")
                facts.refs[e] = ("immutable", var)
                return var.type
            self.error("E0210", f"storage variable `{e.id}` is read through `self.{e.id}`", e, f"write `self.{e.id}`")
        if e.id == "self":
            self.require_state_read(e, "the contract address")
            facts.refs[e] = ("self",)
            return ADDRESS
        if e.id in self.c.roles or e.id == ADMIN_ROLE:
            facts.refs[e] = ("role", e.id)
            facts.consts[e] = self.c.role_id(e.id)
            return BYTES32
        if e.id in ("msg", "block", "chain", "tx"):
            self.error("E0217", f"`{e.id}` is not a value; use e.g. msg.sender or block.timestamp", e)
        literals = {"true": "True", "false": "False", "none": "empty(T)", "null": "empty(T)"}
        if e.id.lower() in literals:
            self.error("E0201", f"unknown name `{e.id}`", e, f"write {literals[e.id.lower()]}")
        self.error("E0201", f"unknown name `{e.id}`", e, did_you_mean(e.id, self.visible_names()))

    def e_Attribute(self, e, expected, as_target=False):
        facts = self.facts
        base = e.value
        if isinstance(base, ast.Name) and self.lookup(base.id) is None:
            key = (base.id, e.attr)
            if base.id == "self":
                if e.attr in self.c.storage and not self.c.storage[e.attr].immutable:
                    self.require_state_read(e, "storage")
                    facts.storage.add(id(e))
                    return self.c.storage[e.attr].type
                if e.attr in self.c.storage:
                    self.error("E0210", f"immutable `{e.attr}` is written without `self.`", e)
                if e.attr in self.c.functions:
                    self.error("E0217", f"`self.{e.attr}` is a function; call it", e)
                self.error("E0202", f"no storage variable `{e.attr}`", e,
                           did_you_mean(e.attr, [v for v in self.c.storage if not self.c.storage[v].immutable]))
            if key in ENV:
                if key == ("msg", "value") and self.fn.mutability != "payable" and self.fn.name != "<constants>":
                    self.error("E0312", "msg.value is always 0 in a function that is not @payable", e)
                self.require_state_read(e, f"{base.id}.{e.attr}")
                return ENV[key]
            if key in FORBIDDEN_ENV:
                self.error("E0311", f"{base.id}.{e.attr} is not available", e, FORBIDDEN_ENV[key])
            if base.id in ("msg", "block", "chain", "tx"):
                options = [a for (b, a) in ENV if b == base.id]
                self.error("E0202", f"`{base.id}` has no `{e.attr}`", e, did_you_mean(e.attr, options))
            if base.id in self.c.enums:
                enum = self.c.enums[base.id]
                if e.attr not in enum.members:
                    self.error("E0202", f"enum {enum.name} has no member `{e.attr}`", e, did_you_mean(e.attr, enum.members))
                facts.consts[e] = enum.members.index(e.attr)
                return enum
        bt = self.expr(base, None, as_target=as_target)
        if isinstance(bt, StructType):
            found = bt.field(e.attr)
            if found is None:
                self.error("E0202", f"struct {bt.name} has no field `{e.attr}`", e, did_you_mean(e.attr, [n for n, _ in bt.fields]))
            if facts.is_storage(base):
                facts.storage.add(id(e))
            return found[1]
        if isinstance(bt, InterfaceType) and e.attr == "address":
            return ADDRESS
        self.error("E0202", f"{bt.name} has no member `{e.attr}`", e)

    def e_Subscript(self, e, expected, as_target=False):
        facts = self.facts
        if len(e.index) != 1:
            self.error("E0203", "one index at a time: x[i][j]", e)
        bt = self.expr(e.value, None, as_target=as_target)
        index = e.index[0]
        if isinstance(bt, HashMapType):
            self.expect(index, self.expr(index, bt.key), bt.key)
            facts.storage.add(id(e))
            return bt.value
        if isinstance(bt, (ArrayType, DynArrayType)):
            it = self.expr(index, UINT256)
            if not isinstance(it, IntType):
                self.error("E0203", f"an index is an integer, not {it.name}", index)
            value = facts.consts.get(index, _NOVALUE)
            if value is not _NOVALUE and (value < 0 or isinstance(bt, ArrayType) and value >= bt.length):
                self.error("E0207", f"index {value} is out of bounds for {bt.name}", index)
            if facts.is_storage(e.value):
                facts.storage.add(id(e))
            return bt.elem
        self.error("E0208", f"{bt.name} cannot be indexed", e, "use slice(b, start, length) for byte strings" if isinstance(bt, (BytesType, StringType)) else None)

    def e_Tuple(self, e, expected):
        elems = []
        for i, x in enumerate(e.elements):
            want = expected.elems[i] if isinstance(expected, TupleType) and i < len(expected.elems) else None
            elems.append(self.expr(x, want))
        return TupleType(tuple(elems))

    def e_List(self, e, expected):
        if not isinstance(expected, (ArrayType, DynArrayType)):
            self.error("E0203", "the type of a list literal comes from where it is used; declare a typed variable first", e)
        if isinstance(expected, ArrayType) and len(e.elements) != expected.length:
            self.error("E0205", f"{expected.name} needs {expected.length} elements, {len(e.elements)} given", e)
        if isinstance(expected, DynArrayType) and len(e.elements) > expected.max:
            self.error("E0205", f"{expected.name} holds at most {expected.max} elements", e)
        if len(e.elements) > 256:
            self.error("E0205", "a list literal has at most 256 elements", e, "append the rest in a loop")
        for x in e.elements:
            self.expect(x, self.expr(x, expected.elem), expected.elem)
        return expected

    def e_UnaryOp(self, e, expected):
        facts = self.facts
        if e.op == "not":
            self.expect(e.operand, self.expr(e.operand, BOOL), BOOL)
            v = facts.consts.get(e.operand, _NOVALUE)
            if v is not _NOVALUE:
                facts.consts[e] = 0 if v else 1
            return BOOL
        if e.op == "-" and isinstance(e.operand, ast.Int) and not e.operand.hex_digits:
            # A negative literal: its value, not the negation of a positive one.
            t = expected if isinstance(expected, IntType) else self.default_int(e)
            value = -e.operand.value
            if not t.lo <= value <= t.hi:
                self.error("E0207", f"{value} does not fit {t.name} ({t.lo}..{t.hi})", e)
            facts.types[e.operand] = t
            facts.consts[e] = value
            return t
        if self.takes_context(e):
            t = expected if isinstance(expected, IntType) else self.default_int(e)
        else:
            t = self.expr(e.operand, None)
            if not isinstance(t, IntType):
                self.error("E0208", f"unary {e.op} needs an integer, not {t.name}", e)
            if e.op == "-" and not t.signed:
                self.error("E0208", f"cannot negate unsigned {t.name}", e, "convert to a signed type first")
        ot = self.expr(e.operand, t)
        self.expect(e.operand, ot, t)
        v = facts.consts.get(e.operand, _NOVALUE)
        if v is not _NOVALUE:
            try:
                facts.consts[e] = fold_unary(e.op, v, t)
            except FoldError as exc:
                self.error("E0211", f"this expression always fails at run time: {exc.reason} in {t.name}", e)
        return t

    def e_BinOp(self, e, expected):
        facts = self.facts
        op = e.op
        if self.is_untyped(e):
            t = expected if isinstance(expected, IntType) else self.default_int(e)
            lt = self.expr(e.left, t)
            rt = self.expr(e.right, t)
        elif op in ("<<", ">>", "**"):
            # The amount or exponent may be any integer type; a constant one takes the
            # left operand's type, as it would if it were a variable of that type.
            lu = self.takes_context(e.left)
            t = (expected if isinstance(expected, IntType) else self.default_int(e.left)) if lu else self.expr(e.left, None)
            lt = self.expr(e.left, t) if lu else t
            rt = self.expr(e.right, t if self.is_untyped(e.right) and isinstance(t, IntType) else None)
            if not isinstance(rt, IntType):
                self.error("E0203", f"the right side of {op} is an integer", e.right)
        else:
            lu, ru = self.takes_context(e.left), self.takes_context(e.right)
            if lu and ru:
                t = expected if isinstance(expected, IntType) else self.default_int(e.left)
                lt = self.expr(e.left, t)
                rt = self.expr(e.right, t)
            elif lu:
                t = self.expr(e.right, None)
                rt = t
                lt = self.expr(e.left, t) if isinstance(t, IntType) else self.expr(e.left, None)
            elif ru:
                t = self.expr(e.left, None)
                lt = t
                rt = self.expr(e.right, t) if isinstance(t, IntType) else self.expr(e.right, None)
            else:
                lt = self.expr(e.left, None)
                rt = self.expr(e.right, None)
                if isinstance(lt, IntType) and isinstance(rt, IntType):
                    if lt.contains(rt):
                        t = lt
                    elif rt.contains(lt):
                        t = rt
                    else:
                        self.error("E0203", f"cannot combine {lt.name} and {rt.name}", e,
                                   "convert one side so both have a common type")
                else:
                    t = lt
        if not isinstance(t, IntType) or not isinstance(lt, IntType):
            bad = lt if not isinstance(lt, IntType) else t
            self.error("E0208", f"`{op}` needs integers, not {bad.name}", e,
                       "use concat(a, b) to join byte strings" if op == "+" and isinstance(bad, (BytesType, StringType)) else None)
        if op not in ("<<", ">>", "**"):
            if not isinstance(rt, IntType):
                self.error("E0208", f"`{op}` needs integers, not {rt.name}", e)
        a, b = facts.consts.get(e.left, _NOVALUE), facts.consts.get(e.right, _NOVALUE)
        if a is not _NOVALUE and b is not _NOVALUE:
            try:
                facts.consts[e] = fold_binop(op, a, b, t)
            except FoldError as exc:
                self.error("E0211", f"this expression always fails at run time: {exc.reason} in {t.name}", e)
        elif b is not _NOVALUE and op in ("//", "%") and b == 0:
            self.error("E0211", "division by zero", e.right)
        return t

    def e_BoolOp(self, e, expected):
        facts = self.facts
        self.expect(e.left, self.expr(e.left, BOOL), BOOL)
        self.expect(e.right, self.expr(e.right, BOOL), BOOL)
        a, b = facts.consts.get(e.left, _NOVALUE), facts.consts.get(e.right, _NOVALUE)
        if a is not _NOVALUE and b is not _NOVALUE:
            facts.consts[e] = (a and b) if e.op == "and" else (a or b)
        return BOOL

    def e_Compare(self, e, expected):
        facts = self.facts
        if isinstance(e.left, ast.Compare) and not e.left.parenthesized:
            self.error("E0216", "chained comparisons are not allowed", e, "write `a < b and b < c`")
        op = e.op
        if op in ("in", "not in"):
            if isinstance(e.right, ast.List) and not self.is_untyped(e.left):
                lt = self.expr(e.left, None)
                ct = self.expr(e.right, DynArrayType(lt, max(1, len(e.right.elements))))
            else:
                ct = self.expr(e.right, None)
            if not isinstance(ct, (ArrayType, DynArrayType)):
                self.error("E0208", f"`{op}` needs an array on the right, not {ct.name}", e.right)
            self.expect(e.left, self.expr(e.left, ct.elem), ct.elem)
            if ct.elem.kind == "l":
                self.error("E0208", f"`{op}` works on arrays of integers and byte strings", e)
            return BOOL
        lu, ru = self.takes_context(e.left), self.takes_context(e.right)
        if lu and not ru:
            rt = self.expr(e.right, None)
            lt = self.expr(e.left, rt if isinstance(rt, IntType) else None)
        elif ru and not lu:
            lt = self.expr(e.left, None)
            rt = self.expr(e.right, lt if isinstance(lt, IntType) else None)
        else:
            lt = self.expr(e.left, None)
            rt = self.expr(e.right, lt if not isinstance(lt, IntType) else None)
        if isinstance(lt, IntType) and isinstance(rt, IntType):
            pass
        elif op in ("==", "!="):
            if not (lt == rt or assignable(lt, rt) or assignable(rt, lt)
                    or isinstance(lt, BytesType) and isinstance(rt, BytesType)
                    or isinstance(lt, StringType) and isinstance(rt, StringType)):
                self.error("E0203", f"cannot compare {lt.name} with {rt.name}", e)
            if isinstance(lt, (HashMapType, TupleType, VoidType)):
                self.error("E0208", f"{lt.name} values cannot be compared", e)
        else:
            self.error("E0208", f"`{op}` compares integers, not {lt.name} and {rt.name}", e)
        a, b = facts.consts.get(e.left, _NOVALUE), facts.consts.get(e.right, _NOVALUE)
        if a is not _NOVALUE and b is not _NOVALUE and type(a) is type(b):
            facts.consts[e] = 1 if fold_compare(op, a, b) else 0
        return BOOL

    def e_ExtCall(self, e, expected):
        call = e.call
        word = "staticcall" if e.static else "extcall"
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
            self.error("E0214", f"{word} is followed by a method call: {word} target.method(...)", e)
        target = call.func.value
        tt = self.expr(target, None)
        if not isinstance(tt, InterfaceType):
            self.error("E0203", f"{word} needs a contract of an interface type, not {tt.name}", target,
                       "wrap an address: Token(addr)")
        iface = self.c.interfaces[tt.name]
        method = iface.methods.get(call.func.attr)
        if method is None:
            self.error("E0202", f"interface {tt.name} has no method `{call.func.attr}`", call.func, did_you_mean(call.func.attr, iface.methods))
        if e.static and method.mutability not in ("view", "pure"):
            self.error("E0310", f"{method.name} may change state; call it with extcall", e)
        if not e.static and method.mutability in ("view", "pure"):
            self.error("E0310", f"{method.name} is a {method.mutability} method; call it with staticcall", e)
        if not e.static:
            self.require_writable(e, "make state-changing calls (use staticcall for view methods)")
        else:
            self.require_state_read(e, "other contracts")
        if len(call.args) != len(method.params):
            self.error("E0205", f"{method.name} takes {len(method.params)} arguments, {len(call.args)} given", call)
        for arg, (_, pt) in zip(call.args, method.params):
            self.expect(arg, self.expr(arg, pt), pt)
        kwargs = {}
        for kw in call.keywords:
            if kw.name not in ("value", "gas"):
                self.error("E0213", f"unknown call option `{kw.name}`", kw, "call options are value= and gas=")
            if kw.name == "value" and (e.static or method.mutability != "payable"):
                self.error("E0213", "value= is only for payable methods", kw)
            self.expect(kw.value, self.expr(kw.value, UINT256), UINT256)
            kwargs[kw.name] = kw.value
        self.facts.calls[e] = ("extcall", iface, method, kwargs)
        return method.returns

    def e_Call(self, e, expected, statement=False):
        facts = self.facts
        func = e.func
        if isinstance(func, ast.Attribute):
            base = func.value
            if isinstance(base, ast.Name) and base.id == "self" and self.lookup("self") is None:
                return self.internal_call(e, func.attr)
            if func.attr in ("append", "pop"):
                return self.array_method(e, func)
            bt = self.expr(base, None) if not (isinstance(base, ast.Name) and base.id in self.c.interfaces) else None
            if isinstance(bt, InterfaceType):
                self.error("E0310", "calls to other contracts are written with extcall or staticcall", e,
                           f"write `extcall {_text(base)}.{func.attr}(...)` (or staticcall for a view method)")
            self.error("E0206", f"`{func.attr}` is not a function here", func)
        if not isinstance(func, ast.Name):
            self.error("E0206", "only named functions can be called", func)
        name = func.id
        if name in self.c.structs:
            st = self.c.structs[name]
            self.field_args(e, st.fields, f"struct {name}")
            facts.calls[e] = ("struct", st)
            return st
        if name in self.c.interfaces:
            if len(e.args) != 1 or e.keywords:
                self.error("E0205", f"{name}(address) takes one address", e)
            self.expect(e.args[0], self.expr(e.args[0], ADDRESS), ADDRESS)
            facts.calls[e] = ("interface_cast", self.c.interfaces[name])
            return self.c.interfaces[name].type
        if name in self.c.events:
            self.error("E0214", f"events are emitted: emit {name}(...)", e)
        if name in self.c.errors:
            self.error("E0214", f"errors are raised: raise {name}(...)", e)
        if name in BUILTINS:
            from .builtins import check_builtin
            return check_builtin(self, e, name, expected, statement)
        if name in self.c.functions:
            self.error("E0206", f"`{name}` is a function of this contract; call it as self.{name}(...)", func)
        if name in ("require", "revert"):
            self.error("E0206", f"there is no `{name}`", func,
                       "write `assert condition, \"message\"` or `raise ErrorName(...)`")
        if name in ("keccak256", "block_hash", "blockhash", "random", "now", "time", "send", "selfdestruct", "delegatecall", "print"):
            hints = {"keccak256": "use sha3_256, sha256 or sm3", "send": "money moves through a ledger contract: extcall token.transfer(...)"}
            self.error("E0311", f"`{name}` does not exist in this language", func, hints.get(name, "contracts are deterministic and self-contained"))
        self.error("E0206", f"unknown function `{name}`", func, did_you_mean(name, [*BUILTINS, *self.c.structs, *self.c.interfaces]))

    def internal_call(self, e, name):
        facts = self.facts
        target = self.c.functions.get(name)
        if target is None:
            self.error("E0206", f"no function `{name}`", e.func, did_you_mean(name, self.c.functions))
        if target.is_external:
            self.error("E0309", f"{name} is @external and cannot be called from inside the contract", e,
                       "move the shared code into an @internal function and call that from both")
        if target.is_constructor:
            self.error("E0309", "the constructor cannot be called", e)
        if self.fn.mutability in ("view", "pure") and target.mutability not in ("view", "pure"):
            self.error("E0302", f"a @{self.fn.mutability} function cannot call {name}, which may change state", e,
                       f"mark {name} @view if it does not")
        if self.fn.mutability == "pure" and target.mutability != "pure":
            self.error("E0303", f"a @pure function cannot call {name}, which reads state", e)
        if e.keywords:
            self.error("E0213", "internal calls take positional arguments", e.keywords[0])
        if len(e.args) != len(target.params):
            self.error("E0205", f"{name} takes {len(target.params)} argument{'s' if len(target.params) != 1 else ''}, {len(e.args)} given", e)
        for arg, (_, pt, _) in zip(e.args, target.params):
            self.expect(arg, self.expr(arg, pt), pt)
        facts.calls[e] = ("internal", target)
        facts.callees.append((target, e.span))
        return target.returns

    def array_method(self, e, func):
        facts = self.facts
        at = self.expr(func.value, None)
        if not isinstance(at, DynArrayType):
            self.error("E0202", f"{at.name} has no method {func.attr}", func, "only DynArray has append and pop")
        root = self.root_of(func.value)
        if facts.is_storage(func.value):
            self.require_writable(e, "modify storage")
        elif root is not None and root[0] == "local":
            var = self.lookup(root[1])
            if var is not None and var.kind in ("param", "loop"):
                self.error("E0209", f"`{root[1]}` is read-only", e)
        self.check_loop_root(e, root)
        if func.attr == "append":
            if len(e.args) != 1 or e.keywords:
                self.error("E0205", "append takes one value", e)
            self.expect(e.args[0], self.expr(e.args[0], at.elem), at.elem)
            facts.calls[e] = ("append", at)
            return VOID
        if e.args or e.keywords:
            self.error("E0205", "pop takes no arguments", e)
        facts.calls[e] = ("pop", at)
        return at.elem


def _text(e) -> str:
    if isinstance(e, ast.Name):
        return e.id
    if isinstance(e, ast.Attribute):
        return f"{_text(e.value)}.{e.attr}"
    return "target"


class _NoValue:
    def __repr__(self):
        return "<no value>"


_NOVALUE = _NoValue()


def check_contract(contract: Contract, decls: Declarations, diags: Diagnostics) -> dict:
    """Type-check constants and every function; returns {name: FunctionFacts}."""
    checker = Checker(contract, decls, diags)
    checker.check_constants()
    facts = {}
    for name, info in contract.functions.items():
        facts[name] = checker.check_function(info)
    if not any(info.is_constructor for info in contract.functions.values()):
        for var in contract.storage.values():
            if var.immutable:
                diags.error("E0107", f"immutable {var.name} is never assigned: the contract has no constructor",
                            var.span, f"add `@deploy def __init__(...)` that sets `{var.name} = ...`")
    return facts
