"""Module-level declarations -> the contract model.

Collects roles, structs, enums, events, errors, interfaces, constants, storage
variables, immutables and function signatures; resolves type annotations;
checks decorators; and synthesises the functions the compiler writes for the
user (public getters and the role functions). Function bodies are the type
checker's business (compiler/typecheck.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from . import ast
from .errors import Diagnostics, Span, did_you_mean
from .types import (
    ADDRESS, BYTES32, MAX_FIELDS, VOID, ArrayType, BytesType, DynArrayType, EnumType, HashMapType,
    InterfaceType, SIMPLE_TYPES, StringType, StructType, TupleType, Type, int_like,
)
from vm.container import selector as vm_selector

MAX_ARRAY = 65535
MAX_BYTES_BOUND = 1 << 20
ADMIN_ROLE = "ADMIN"
ROLES_VARIABLE = "$roles"
RESERVED_FUNCTIONS = ("grant_role", "revoke_role", "has_role", "renounce_role")
RESERVED_NAMES = {
    "self", "msg", "block", "chain", "tx", "True", "False", "None", "range", "len", "concat", "slice",
    "convert", "empty", "min", "max", "sha256", "sha3_256", "sm3", "abi_encode", "abi_decode", "raw_call",
    "mul_div", "max_value", "min_value", "public", "constant", "immutable", "indexed", "extcall", "staticcall", "HashMap", "DynArray",
    "Bytes", "String", "role", "emit", "assert", "raise", "pass", "ADMIN", "keccak256", "block_hash",
    *SIMPLE_TYPES,
}
BUILTIN_EVENTS = {
    "RoleGranted": (("role", BYTES32, True), ("account", ADDRESS, True), ("sender", ADDRESS, True)),
    "RoleRevoked": (("role", BYTES32, True), ("account", ADDRESS, True), ("sender", ADDRESS, True)),
}


def sha3(data: bytes) -> bytes:
    return hashlib.sha3_256(data).digest()


@dataclass
class Constant:
    name: str
    type: Type
    expr: ast.Expr
    span: Span
    value: object = None  # set by the type checker
    ready: bool = False


@dataclass
class StorageVar:
    name: str
    type: Type
    span: Span
    immutable: bool = False
    public: bool = False


@dataclass
class EventInfo:
    name: str
    fields: tuple  # ((name, Type, indexed), ...)
    span: Span | None

    @property
    def signature(self) -> str:
        return f"{self.name}({','.join(t.sig for _, t, _ in self.fields)})"

    @property
    def topic0(self) -> bytes:
        return sha3(self.signature.encode())


@dataclass
class ErrorInfo:
    name: str
    fields: tuple  # ((name, Type), ...)
    span: Span | None

    @property
    def signature(self) -> str:
        return f"{self.name}({','.join(t.sig for _, t in self.fields)})"

    @property
    def selector(self) -> bytes:
        return vm_selector(self.signature)


@dataclass
class InterfaceMethod:
    name: str
    params: tuple  # ((name, Type), ...)
    returns: Type
    mutability: str
    span: Span

    @property
    def signature(self) -> str:
        return f"{self.name}({','.join(t.sig for _, t in self.params)})"

    @property
    def selector(self) -> bytes:
        return vm_selector(self.signature)


@dataclass
class InterfaceInfo:
    name: str
    type: InterfaceType
    methods: dict
    span: Span


@dataclass
class FunctionInfo:
    name: str
    node: ast.FunctionDef
    visibility: str  # "external" | "internal" | "deploy"
    mutability: str  # "pure" | "view" | "nonpayable" | "payable"
    reentrant: bool
    roles: tuple
    params: tuple  # ((name, Type, Span), ...)
    returns: Type
    index: int = -1  # VM function index, set by codegen

    @property
    def signature(self) -> str:
        return f"{self.name}({','.join(t.sig for _, t, _ in self.params)})"

    @property
    def selector(self) -> bytes:
        return vm_selector(self.signature)

    @property
    def is_external(self) -> bool:
        return self.visibility == "external"

    @property
    def is_constructor(self) -> bool:
        return self.visibility == "deploy"


@dataclass
class Contract:
    file: str
    module: ast.Module
    structs: dict = field(default_factory=dict)
    enums: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    interfaces: dict = field(default_factory=dict)
    constants: dict = field(default_factory=dict)
    storage: dict = field(default_factory=dict)  # name -> StorageVar (immutables included)
    roles: dict = field(default_factory=dict)  # name -> Span | None
    functions: dict = field(default_factory=dict)  # name -> FunctionInfo
    uses_roles: bool = False
    doc: str | None = None

    def role_id(self, name: str) -> bytes:
        return sha3(name.encode())


class Declarations:
    def __init__(self, module: ast.Module, file: str, diags: Diagnostics):
        self.module = module
        self.diags = diags
        self.contract = Contract(file, module, doc=module.doc)
        self.seen: dict[str, Span] = {}
        self._const_stack: list[str] = []

    # --- entry point ---------------------------------------------------------------------
    def run(self) -> Contract:
        c = self.contract
        body = self.module.body
        # 1. names of user types first, so declarations can refer to later ones.
        for node in body:
            if isinstance(node, ast.StructDef) and self._declare(node.name, node.span):
                c.structs[node.name] = StructType(node.name, ())
            elif isinstance(node, ast.EnumDef) and self._declare(node.name, node.span):
                members = []
                for m in node.members:
                    if m.id in members:
                        self.diags.error("E0101", f"enum member {m.id} declared twice", m.span)
                    members.append(m.id)
                if not members or len(members) > 256:
                    self.diags.error("E0110", "an enum needs 1 to 256 members", node.span)
                c.enums[node.name] = EnumType(node.name, tuple(members))
            elif isinstance(node, ast.InterfaceDef) and self._declare(node.name, node.span):
                c.interfaces[node.name] = InterfaceInfo(node.name, InterfaceType(node.name), {}, node.span)
            elif isinstance(node, ast.RoleDecl):
                if node.name == ADMIN_ROLE:
                    self.diags.error("E0108", "ADMIN is a built-in role", node.span, "it is declared for you and given to the deployer")
                elif self._declare(node.name, node.span):
                    c.roles[node.name] = node.span
            elif isinstance(node, ast.VarDecl):
                kind, _ = self._var_kind(node.annotation)
                if kind == "constant" and self._declare(node.name, node.span):
                    c.constants[node.name] = Constant(node.name, None, node.value, node.span)
        # 2. struct fields
        for node in body:
            if isinstance(node, ast.StructDef) and c.structs.get(node.name) is not None:
                fields = self._members(node.members, "struct", allow_indexed=False)
                if not fields and node.members == ():
                    self.diags.error("E0110", f"struct {node.name} has no fields", node.span)
                object.__setattr__(c.structs[node.name], "fields", tuple((n, t) for n, t, _ in fields))
        self._check_struct_cycles()
        # 3. everything else
        for node in body:
            if isinstance(node, ast.EventDef):
                if node.name in BUILTIN_EVENTS:
                    self.diags.error("E0108", f"event {node.name} is emitted by the built-in role functions", node.span)
                elif self._declare(node.name, node.span):
                    c.events[node.name] = EventInfo(node.name, tuple(self._members(node.members, "event", allow_indexed=True)), node.span)
                    if sum(1 for _, _, ix in c.events[node.name].fields if ix) > 3:
                        self.diags.error("E0110", "an event has at most 3 indexed fields", node.span)
            elif isinstance(node, ast.ErrorDef):
                if node.name in ("Unauthorized", "Error", "AssertionFailed"):
                    self.diags.error("E0108", f"error {node.name} is built in", node.span)
                elif self._declare(node.name, node.span):
                    c.errors[node.name] = ErrorInfo(node.name, tuple((n, t) for n, t, _ in self._members(node.members, "error", allow_indexed=False)), node.span)
            elif isinstance(node, ast.InterfaceDef) and node.name in c.interfaces:
                self._interface(node)
            elif isinstance(node, ast.VarDecl):
                self._var(node)
        for node in body:
            if isinstance(node, ast.FunctionDef):
                self._function(node)
        self._synthesize()
        return c

    # --- helpers ---------------------------------------------------------------------------
    def _declare(self, name: str, span: Span) -> bool:
        if name in RESERVED_NAMES or name.startswith("$"):
            self.diags.error("E0108", f"`{name}` is a reserved name", span)
            return False
        if name in self.seen:
            first = self.seen[name]
            self.diags.error("E0101", f"`{name}` is already declared (at {first.line}:{first.column})", span)
            return False
        self.seen[name] = span
        return True

    def _var_kind(self, annotation: ast.Expr):
        if isinstance(annotation, ast.Call) and isinstance(annotation.func, ast.Name) \
                and annotation.func.id in ("constant", "immutable", "public") and len(annotation.args) == 1:
            return annotation.func.id, annotation.args[0]
        return "storage", annotation

    def _members(self, members, what: str, allow_indexed: bool):
        out = []
        names = set()
        if len(members) > MAX_FIELDS:
            self.diags.error("E0110", f"a {what} has at most {MAX_FIELDS} fields", members[0].span)
            return out
        for m in members:
            if m.name in names:
                self.diags.error("E0101", f"field `{m.name}` declared twice", m.span)
                continue
            names.add(m.name)
            annotation, indexed = m.annotation, False
            if isinstance(annotation, ast.Call) and isinstance(annotation.func, ast.Name) and annotation.func.id == "indexed":
                if not allow_indexed:
                    self.diags.error("E0110", "only event fields can be indexed", annotation.span)
                if len(annotation.args) != 1:
                    self.diags.error("E0110", "indexed(...) takes one type", annotation.span)
                    continue
                annotation, indexed = annotation.args[0], True
            t = self.resolve_type(annotation)
            if t is None:
                continue
            if not t.is_value:
                self.diags.error("E0103", f"{t.name} cannot be a {what} field", annotation.span,
                                 "HashMap is only allowed as a storage variable or as the value of another HashMap")
                continue
            out.append((m.name, t, indexed) if allow_indexed else (m.name, t, m.span))
        return out

    def _check_struct_cycles(self) -> None:
        for name, struct in self.contract.structs.items():
            work, seen = [ft for _, ft in struct.fields], 0
            while work and seen < 100000:
                seen += 1
                t = work.pop()
                if t is struct:
                    self.diags.error("E0103", f"struct {name} contains itself", self.seen.get(name))
                    break
                if isinstance(t, (ArrayType, DynArrayType)):
                    work.append(t.elem)
                elif isinstance(t, StructType):
                    work.extend(ft for _, ft in t.fields)

    # --- types -----------------------------------------------------------------------------
    def const_int(self, expr: ast.Expr) -> int | None:
        """A bound: an integer literal, a constant, or arithmetic over them."""
        if isinstance(expr, ast.Int):
            return expr.value
        if isinstance(expr, ast.Name) and expr.id in self.contract.constants:
            if expr.id in self._const_stack:
                return None
            self._const_stack.append(expr.id)
            try:
                return self.const_int(self.contract.constants[expr.id].expr)
            finally:
                self._const_stack.pop()
        if isinstance(expr, ast.BinOp):
            a, b = self.const_int(expr.left), self.const_int(expr.right)
            if a is None or b is None:
                return None
            try:
                return {"+": a + b, "-": a - b, "*": a * b, "//": a // b if b else None,
                        "%": a % b if b else None, "**": a ** b if 0 <= b <= 256 and abs(a) < 1 << 32 else None}.get(expr.op)
            except (OverflowError, ValueError):
                return None
        return None

    def _bound(self, expr: ast.Expr, limit: int, what: str) -> int | None:
        value = self.const_int(expr)
        if value is None:
            self.diags.error("E0111", f"{what} must be a constant integer", expr.span)
            return None
        if not 1 <= value <= limit:
            self.diags.error("E0111", f"{what} must be between 1 and {limit}, not {value}", expr.span)
            return None
        return value

    def type_names(self):
        c = self.contract
        return [*SIMPLE_TYPES, *c.structs, *c.enums, *c.interfaces, "HashMap", "DynArray", "Bytes", "String"]

    def resolve_type(self, expr: ast.Expr) -> Type | None:
        c = self.contract
        if isinstance(expr, ast.Name):
            name = expr.id
            for table in (SIMPLE_TYPES, c.structs, c.enums):
                if name in table:
                    return table[name]
            if name in c.interfaces:
                return c.interfaces[name].type
            if name in ("Bytes", "String", "DynArray", "HashMap"):
                self.diags.error("E0102", f"{name} needs parameters, e.g. {name}[...]", expr.span)
                return None
            hint = did_you_mean(name, self.type_names())
            if name in ("uint", "int"):
                hint = f"write the width: {name}256, {name}64, ..."
            elif name in ("string", "bytes"):
                hint = f"write {name.capitalize()}[N] with a maximum length N"
            elif name.lower() in ("decimal", "float"):
                hint = "there are no fractional numbers: use integer fen and basis points"
            self.diags.error("E0102", f"unknown type `{name}`", expr.span, hint)
            return None
        if isinstance(expr, ast.Subscript):
            base = expr.value
            if isinstance(base, ast.Name) and base.id in ("Bytes", "String"):
                if len(expr.index) != 1:
                    self.diags.error("E0102", f"{base.id}[N] takes one bound", expr.span)
                    return None
                n = self._bound(expr.index[0], MAX_BYTES_BOUND, f"the bound of {base.id}")
                if n is None:
                    return None
                return BytesType(n) if base.id == "Bytes" else StringType(n)
            if isinstance(base, ast.Name) and base.id == "DynArray":
                if len(expr.index) != 2:
                    self.diags.error("E0102", "DynArray[T, N] takes an element type and a bound", expr.span)
                    return None
                elem = self.resolve_type(expr.index[0])
                n = self._bound(expr.index[1], MAX_ARRAY, "the bound of DynArray")
                if elem is None or n is None:
                    return None
                if not elem.is_value:
                    self.diags.error("E0103", "arrays of HashMaps are not allowed", expr.index[0].span)
                    return None
                return DynArrayType(elem, n)
            if isinstance(base, ast.Name) and base.id == "HashMap":
                if len(expr.index) != 2:
                    self.diags.error("E0102", "HashMap[K, V] takes a key type and a value type", expr.span)
                    return None
                key = self.resolve_type(expr.index[0])
                value = self.resolve_type(expr.index[1])
                if key is None or value is None:
                    return None
                if not key.storage_leaf:
                    self.diags.error("E0103", f"{key.name} cannot be a HashMap key", expr.index[0].span,
                                     "keys are integers, bool, address, bytesN, enums, Bytes[N] or String[N]")
                    return None
                return HashMapType(key, value)
            if len(expr.index) != 1:
                self.diags.error("E0102", "a fixed array type is T[N]", expr.span)
                return None
            elem = self.resolve_type(base)
            n = self._bound(expr.index[0], MAX_ARRAY, "an array length")
            if elem is None or n is None:
                return None
            if not elem.is_value:
                self.diags.error("E0103", "arrays of HashMaps are not allowed", base.span)
                return None
            return ArrayType(elem, n)
        if isinstance(expr, ast.Tuple):
            elems = [self.resolve_type(e) for e in expr.elements]
            if any(e is None for e in elems):
                return None
            return TupleType(tuple(elems))
        self.diags.error("E0102", "not a type", expr.span)
        return None

    def value_type(self, expr: ast.Expr, what: str) -> Type | None:
        t = self.resolve_type(expr)
        if t is not None and not t.is_value:
            self.diags.error("E0103", f"{t.name} cannot be {what}", expr.span,
                             "HashMap is only allowed as a storage variable or as the value of another HashMap")
            return None
        return t

    # --- interfaces, variables, functions ------------------------------------------------------
    def _interface(self, node: ast.InterfaceDef) -> None:
        info = self.contract.interfaces[node.name]
        for fn in node.functions:
            if fn.name in info.methods:
                self.diags.error("E0101", f"method {fn.name} declared twice", fn.span)
                continue
            params = []
            for p in fn.params:
                t = self.value_type(p.annotation, "a parameter")
                if t is not None:
                    params.append((p.name, t))
            returns = VOID
            if fn.returns is not None:
                returns = self.value_type(fn.returns, "a return value") or VOID
            mutability = fn.mutability.id
            if mutability not in ("view", "pure", "nonpayable", "payable"):
                self.diags.error("E0110", f"unknown mutability `{mutability}`", fn.mutability.span,
                                 "write view, pure, nonpayable or payable")
                mutability = "nonpayable"
            info.methods[fn.name] = InterfaceMethod(fn.name, tuple(params), returns, mutability, fn.span)

    def _var(self, node: ast.VarDecl) -> None:
        c = self.contract
        kind, annotation = self._var_kind(node.annotation)
        if kind == "constant":
            if node.name not in c.constants:
                return
            t = self.resolve_type(annotation)
            if t is None:
                del c.constants[node.name]
                return
            if not (int_like(t) or t.kind == "b"):
                self.diags.error("E0103", f"a constant cannot have type {t.name}", annotation.span,
                                 "constants are integers, bool, address, bytesN, Bytes or String")
                del c.constants[node.name]
                return
            if node.value is None:
                self.diags.error("E0106", f"constant {node.name} needs a value", node.span)
                del c.constants[node.name]
                return
            c.constants[node.name].type = t
            return
        if not self._declare(node.name, node.span):
            return
        if node.value is not None:
            self.diags.error("E0110", "storage variables start empty and cannot have an initial value", node.value.span,
                             "assign it in the constructor (`@deploy def __init__`), or declare it constant(...)")
        public = False
        if kind == "public":
            public = True
            kind, annotation = self._var_kind(annotation)
            if kind not in ("storage", "immutable"):
                self.diags.error("E0110", "public(...) wraps a storage type or immutable(...)", node.annotation.span)
                return
        t = self.resolve_type(annotation)
        if t is None:
            return
        if kind == "immutable" and not t.is_value:
            self.diags.error("E0103", f"an immutable cannot be a {t.name}", annotation.span)
            return
        c.storage[node.name] = StorageVar(node.name, t, node.span, immutable=(kind == "immutable"), public=public)

    def _function(self, node: ast.FunctionDef) -> None:
        c = self.contract
        name = node.name
        if name in RESERVED_FUNCTIONS and not node.synthetic:
            self.diags.error("E0108", f"`{name}` is generated by the compiler for roles", node.name_span)
            return
        if not node.synthetic and not self._declare(name, node.name_span):
            return
        visibility, mutability, reentrant, roles = None, "nonpayable", False, []
        seen = set()
        for d in node.decorators:
            if d.name in seen:
                self.diags.error("E0104", f"@{d.name} given twice", d.span)
                continue
            seen.add(d.name)
            if d.name in ("external", "internal", "deploy"):
                if visibility is not None:
                    self.diags.error("E0104", f"@{d.name} conflicts with @{visibility}", d.span)
                visibility = d.name
            elif d.name in ("view", "pure", "payable", "nonpayable"):
                if mutability != "nonpayable":
                    self.diags.error("E0104", f"@{d.name} conflicts with @{mutability}", d.span)
                mutability = d.name
            elif d.name == "reentrant":
                reentrant = True
            elif d.name == "only":
                if not d.args:
                    self.diags.error("E0104", "@only names at least one role, e.g. @only(OWNER)", d.span)
                for arg in d.args or ():
                    if not isinstance(arg, ast.Name):
                        self.diags.error("E0104", "@only takes role names", arg.span)
                    elif arg.id != ADMIN_ROLE and arg.id not in c.roles:
                        self.diags.error("E0314", f"unknown role `{arg.id}`", arg.span,
                                         did_you_mean(arg.id, [ADMIN_ROLE, *c.roles]))
                    elif arg.id in roles:
                        self.diags.error("E0104", f"role {arg.id} listed twice", arg.span)
                    else:
                        roles.append(arg.id)
                c.uses_roles = True
            else:
                self.diags.error("E0104", f"unknown decorator @{d.name}", d.span,
                                 did_you_mean(d.name, ["external", "internal", "deploy", "view", "pure", "payable",
                                                       "reentrant", "only"]))
                continue
            if d.args is not None and d.name != "only":
                self.diags.error("E0104", f"@{d.name} takes no arguments", d.span)
        if name == "__init__":
            if visibility != "deploy":
                self.diags.error("E0104", "the constructor must be decorated @deploy", node.name_span)
            visibility = "deploy"
        elif visibility == "deploy":
            self.diags.error("E0104", "only `__init__` can be @deploy", node.name_span)
            visibility = "external"
        if visibility is None:
            self.diags.error("E0105", f"function {name} has no visibility", node.name_span,
                             "add @external (callable by transactions and other contracts) or @internal")
            visibility = "internal"
        if visibility == "internal" and (roles or reentrant or mutability == "payable"):
            self.diags.error("E0104", "@only, @reentrant and @payable apply to @external functions", node.name_span)
        if visibility == "deploy" and mutability in ("view", "pure"):
            self.diags.error("E0104", "the constructor cannot be @view or @pure", node.name_span)
        params, names = [], set()
        for p in node.params:
            if p.name in names:
                self.diags.error("E0101", f"parameter {p.name} declared twice", p.span)
                continue
            names.add(p.name)
            if not node.synthetic and (p.name in RESERVED_NAMES or p.name in c.constants) or p.name in c.storage and c.storage[p.name].immutable:
                self.diags.error("E0108", f"parameter name `{p.name}` is reserved or shadows a constant", p.span)
            t = self.value_type(p.annotation, "a parameter")
            if t is not None:
                params.append((p.name, t, p.span))
        returns = VOID
        if node.returns is not None:
            returns = self.value_type(node.returns, "a return value") or VOID
            if visibility == "deploy":
                self.diags.error("E0110", "the constructor returns nothing", node.returns.span)
                returns = VOID
        info = FunctionInfo(name, node, visibility, mutability, reentrant, tuple(roles), tuple(params), returns)
        c.functions[name] = info

    # --- synthesised functions -----------------------------------------------------------------
    def _synthesize(self) -> None:
        c = self.contract
        for var in list(c.storage.values()):
            if var.public:
                self._function(self._getter(var))
        if c.roles or c.uses_roles:
            c.uses_roles = True
            for fn in role_functions(c.module.span):
                self._function(fn)

    def _getter(self, var: StorageVar) -> ast.FunctionDef:
        span = var.span
        params, index_exprs = [], []
        t = var.type
        i = 0
        while isinstance(t, (HashMapType, ArrayType, DynArrayType)):
            pname = f"arg{i}"
            if isinstance(t, HashMapType):
                ptype, t = t.key, t.value
            else:
                ptype, t = SIMPLE_TYPES["uint256"], t.elem
            params.append(ast.Param(span, pname, _type_expr(ptype, span)))
            index_exprs.append(ast.Name(span, pname))
            i += 1
        target: ast.Expr = ast.Attribute(span, ast.Name(span, "self"), var.name) if not var.immutable else ast.Name(span, var.name)
        for e in index_exprs:
            target = ast.Subscript(span, target, (e,))
        body = (ast.Return(span, target),)
        decorators = (ast.Decorator(span, "external", None), ast.Decorator(span, "view", None))
        return ast.FunctionDef(span, var.name, span, decorators, tuple(params), _type_expr(t, span), body, None, True)


def _type_expr(t: Type, span: Span) -> ast.Expr:
    """An annotation expression that resolves back to `t` (for synthesised code)."""
    if isinstance(t, BytesType):
        return ast.Subscript(span, ast.Name(span, "Bytes"), (ast.Int(span, t.max),))
    if isinstance(t, StringType):
        return ast.Subscript(span, ast.Name(span, "String"), (ast.Int(span, t.max),))
    if isinstance(t, ArrayType):
        return ast.Subscript(span, _type_expr(t.elem, span), (ast.Int(span, t.length),))
    if isinstance(t, DynArrayType):
        return ast.Subscript(span, ast.Name(span, "DynArray"), (_type_expr(t.elem, span), ast.Int(span, t.max)))
    return ast.Name(span, t.name)


def role_functions(span: Span) -> list[ast.FunctionDef]:
    def name(x):
        return ast.Name(span, x)

    def call(fn, *args):
        return ast.Call(span, name(fn), tuple(args), ())

    def fn(fname, decorators, params, returns, body):
        decs = tuple(ast.Decorator(span, d, (name(ADMIN_ROLE),) if d == "only" else None) for d in decorators)
        ps = tuple(ast.Param(span, p, name(t)) for p, t in params)
        return ast.FunctionDef(span, fname, span, decs, ps, name(returns) if returns else None, body, None, True)

    role, account = name("role"), name("account")
    sender = ast.Attribute(span, name("msg"), "sender")
    return [
        fn("grant_role", ("external", "only"), (("role", "bytes32"), ("account", "address")), None,
           (ast.ExprStmt(span, call("grant_role", role, account)),)),
        fn("revoke_role", ("external", "only"), (("role", "bytes32"), ("account", "address")), None,
           (ast.ExprStmt(span, call("revoke_role", role, account)),)),
        fn("renounce_role", ("external",), (("role", "bytes32"),), None,
           (ast.ExprStmt(span, call("revoke_role", role, sender)),)),
        fn("has_role", ("external", "view"), (("role", "bytes32"), ("account", "address")), "bool",
           (ast.Return(span, call("has_role", role, account)),)),
    ]


def collect_declarations(module: ast.Module, file: str, diags: Diagnostics) -> Contract:
    return Declarations(module, file, diags).run()
