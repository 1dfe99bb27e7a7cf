"""The abstract syntax tree: frozen dataclasses, each with the span it came from.

Nodes compare by identity (`eq=False`): passes keep side tables keyed by node,
and structural equality of deep trees would recurse. `to_json(node)` gives the
structural view (used by `-f ast` and golden tests), iteratively.

Types are written as expressions (`HashMap[address, uint256]` is a `Subscript`)
and resolved later by compiler/declarations.py.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .errors import Span


@dataclass(frozen=True, eq=False, slots=True)
class Node:
    span: Span


# --- expressions ------------------------------------------------------------------

@dataclass(frozen=True, eq=False, slots=True)
class Expr(Node):
    pass


@dataclass(frozen=True, eq=False, slots=True)
class Name(Expr):
    id: str


@dataclass(frozen=True, eq=False, slots=True)
class Int(Expr):
    value: int
    hex_digits: int = 0  # digits of a 0x literal (address / bytesN literals), else 0


@dataclass(frozen=True, eq=False, slots=True)
class Str(Expr):
    value: str


@dataclass(frozen=True, eq=False, slots=True)
class BytesLit(Expr):
    value: bytes


@dataclass(frozen=True, eq=False, slots=True)
class Bool(Expr):
    value: bool


@dataclass(frozen=True, eq=False, slots=True)
class Attribute(Expr):
    value: Expr
    attr: str


@dataclass(frozen=True, eq=False, slots=True)
class Subscript(Expr):
    value: Expr
    index: tuple[Expr, ...]


@dataclass(frozen=True, eq=False, slots=True)
class Keyword(Node):
    name: str
    value: Expr


@dataclass(frozen=True, eq=False, slots=True)
class Call(Expr):
    func: Expr
    args: tuple[Expr, ...]
    keywords: tuple[Keyword, ...]


@dataclass(frozen=True, eq=False, slots=True)
class ExtCall(Expr):
    call: Expr
    static: bool


@dataclass(frozen=True, eq=False, slots=True)
class BinOp(Expr):
    left: Expr
    op: str
    right: Expr


@dataclass(frozen=True, eq=False, slots=True)
class UnaryOp(Expr):
    op: str  # "-", "~", "not"
    operand: Expr


@dataclass(frozen=True, eq=False, slots=True)
class BoolOp(Expr):
    op: str  # "and", "or"
    left: Expr
    right: Expr


@dataclass(frozen=True, eq=False, slots=True)
class Compare(Expr):
    left: Expr
    op: str  # "<" ">" "<=" ">=" "==" "!=" "in" "not in"
    right: Expr
    parenthesized: bool = False  # written in brackets: (a < b) == c is not a chain


@dataclass(frozen=True, eq=False, slots=True)
class Tuple(Expr):
    elements: tuple[Expr, ...]


@dataclass(frozen=True, eq=False, slots=True)
class List(Expr):
    elements: tuple[Expr, ...]


# --- statements ----------------------------------------------------------------------

@dataclass(frozen=True, eq=False, slots=True)
class Stmt(Node):
    pass


@dataclass(frozen=True, eq=False, slots=True)
class Pass(Stmt):
    pass


@dataclass(frozen=True, eq=False, slots=True)
class Break(Stmt):
    pass


@dataclass(frozen=True, eq=False, slots=True)
class Continue(Stmt):
    pass


@dataclass(frozen=True, eq=False, slots=True)
class Return(Stmt):
    value: Expr | None


@dataclass(frozen=True, eq=False, slots=True)
class Raise(Stmt):
    exc: Expr | None


@dataclass(frozen=True, eq=False, slots=True)
class Assert(Stmt):
    test: Expr
    msg: Expr | None


@dataclass(frozen=True, eq=False, slots=True)
class Emit(Stmt):
    call: Expr


@dataclass(frozen=True, eq=False, slots=True)
class AnnAssign(Stmt):
    target: Name
    annotation: Expr
    value: Expr


@dataclass(frozen=True, eq=False, slots=True)
class Assign(Stmt):
    targets: tuple[Expr, ...]  # more than one: tuple unpacking
    value: Expr


@dataclass(frozen=True, eq=False, slots=True)
class AugAssign(Stmt):
    target: Expr
    op: str  # "+", "-", ...
    value: Expr


@dataclass(frozen=True, eq=False, slots=True)
class ExprStmt(Stmt):
    value: Expr


@dataclass(frozen=True, eq=False, slots=True)
class If(Stmt):
    test: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]


@dataclass(frozen=True, eq=False, slots=True)
class For(Stmt):
    target: Name
    annotation: Expr | None
    iter: Expr
    body: tuple[Stmt, ...]


# --- declarations ------------------------------------------------------------------------

@dataclass(frozen=True, eq=False, slots=True)
class Member(Node):
    name: str
    annotation: Expr


@dataclass(frozen=True, eq=False, slots=True)
class RoleDecl(Node):
    name: str


@dataclass(frozen=True, eq=False, slots=True)
class StructDef(Node):
    name: str
    members: tuple[Member, ...]


@dataclass(frozen=True, eq=False, slots=True)
class EventDef(Node):
    name: str
    members: tuple[Member, ...]  # an indexed field's annotation is `indexed(T)`


@dataclass(frozen=True, eq=False, slots=True)
class ErrorDef(Node):
    name: str
    members: tuple[Member, ...]


@dataclass(frozen=True, eq=False, slots=True)
class EnumDef(Node):
    name: str
    members: tuple[Name, ...]


@dataclass(frozen=True, eq=False, slots=True)
class Param(Node):
    name: str
    annotation: Expr


@dataclass(frozen=True, eq=False, slots=True)
class InterfaceFunction(Node):
    name: str
    params: tuple[Param, ...]
    returns: Expr | None
    mutability: Name


@dataclass(frozen=True, eq=False, slots=True)
class InterfaceDef(Node):
    name: str
    functions: tuple[InterfaceFunction, ...]


@dataclass(frozen=True, eq=False, slots=True)
class VarDecl(Node):
    name: str
    annotation: Expr  # may be constant(T), immutable(T), public(T)
    value: Expr | None


@dataclass(frozen=True, eq=False, slots=True)
class Decorator(Node):
    name: str
    args: tuple[Expr, ...] | None


@dataclass(frozen=True, eq=False, slots=True)
class FunctionDef(Node):
    name: str
    name_span: Span
    decorators: tuple[Decorator, ...]
    params: tuple[Param, ...]
    returns: Expr | None
    body: tuple[Stmt, ...]
    doc: str | None = None
    synthetic: bool = False  # generated by the compiler (getters, role functions)


@dataclass(frozen=True, eq=False, slots=True)
class Module(Node):
    body: tuple[Node, ...]
    doc: str | None


_NODE_FIELDS: dict[type, tuple[str, ...]] = {}


def child_nodes(node: Node) -> list[Node]:
    """The direct child nodes of a node (in field order)."""
    names = _NODE_FIELDS.get(type(node))
    if names is None:
        names = _NODE_FIELDS[type(node)] = tuple(f.name for f in fields(node) if f.name != "span")
    out = []
    for name in names:
        value = getattr(node, name)
        if isinstance(value, Node):
            out.append(value)
        elif isinstance(value, tuple):
            out.extend(v for v in value if isinstance(v, Node))
    return out


def to_json(node) -> object:
    """A JSON-ready structural view of a tree (iterative; any depth)."""
    root: list = [None]
    work = [(node, root, 0)]
    while work:
        value, parent, key = work.pop()
        if isinstance(value, Node):
            out: dict = {"node": type(value).__name__}
            span = value.span
            out["span"] = [span.line, span.column, span.end_line, span.end_column]
            for f in fields(value):
                if f.name == "span":
                    continue
                out[f.name] = None
                work.append((getattr(value, f.name), out, f.name))
            parent[key] = out
        elif isinstance(value, tuple):
            items = [None] * len(value)
            parent[key] = items
            for i, item in enumerate(value):
                work.append((item, items, i))
        elif isinstance(value, Span):
            parent[key] = [value.line, value.column, value.end_line, value.end_column]
        elif isinstance(value, bytes):
            parent[key] = "0x" + value.hex()
        else:
            parent[key] = value
    return root[0]
