"""Source text -> AST. The only module that touches Lark.

1. `prepass.check_source` (pragma, tabs, look-alike punctuation, brackets).
2. Lark's LALR parser with an `Indenter`; `propagate_positions=True`.
   A syntax error is recorded and the statement it sits in is replaced by
   `pass` (or `if True:` for a block header, or blanked at top level), then
   the text is parsed again, so one run reports several independent errors.
3. The parse tree's depth is measured iteratively and bounded, so every later
   pass may recurse over the AST without hitting Python's recursion limit.
4. `AstBuilder` (a non-recursive Lark transformer) turns the tree into the
   frozen dataclasses of compiler/ast.py. `lark.Tree` never leaves this module.
"""

from __future__ import annotations

import ast as python_ast
import dataclasses
import functools
import os

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
from lark.indenter import Indenter
from lark.visitors import Transformer_NonRecursive

from . import ast
from .errors import CompileError, Diagnostics, Span
from .prepass import check_source, decode_source

MAX_TREE_DEPTH = 200
MAX_RECOVERIES = 20

TOKEN_NAMES = {
    "_NEWLINE": "end of line", "_INDENT": "indentation", "_DEDENT": "end of block", "$END": "end of file",
    "NAME": "a name", "INT": "a number", "STRING": "a string", "BYTES": "a bytes literal",
    "DOCSTRING": "a docstring", "FLOAT": "a decimal number", "AUGOP": "an augmented assignment",
    "ADD_OP": "'+' or '-'", "MUL_OP": "'*', '//' or '%'", "UNARY_OP": "'-' or '~'", "SHIFT_OP": "'<<' or '>>'",
    "POW": "'**'",
}


class HutongIndenter(Indenter):
    NL_type = "_NEWLINE"
    OPEN_PAREN_types = ["LPAR", "LSQB", "LBRACE"]
    CLOSE_PAREN_types = ["RPAR", "RSQB", "RBRACE"]
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 4

    file = "<source>"

    def handle_NL(self, token):
        if self.paren_level > 0:
            return
        yield token
        indent_str = token.rsplit("\n", 1)[1]
        indent = len(indent_str)
        if indent > self.indent_level[-1]:
            self.indent_level.append(indent)
            yield Token.new_borrow_pos(self.INDENT_type, indent_str, token)
        else:
            while indent < self.indent_level[-1]:
                self.indent_level.pop()
                yield Token.new_borrow_pos(self.DEDENT_type, indent_str, token)
            if indent != self.indent_level[-1]:
                line = token.end_line
                raise _DedentProblem(line, indent, self.indent_level[-1])


class _DedentProblem(Exception):
    def __init__(self, line: int, indent: int, expected: int):
        super().__init__()
        self.line, self.indent, self.expected = line, indent, expected


@functools.lru_cache(maxsize=1)
def lark_parser() -> Lark:
    path = os.path.join(os.path.dirname(__file__), "grammar.lark")
    with open(path, encoding="utf-8") as f:
        grammar = f.read()
    return Lark(grammar, parser="lalr", postlex=HutongIndenter(), propagate_positions=True,
                start="module", maybe_placeholders=True)


def parse(source: str | bytes, file: str = "<source>") -> ast.Module:
    """Parse source text into an AST, or raise CompileError (possibly several)."""
    text = decode_source(source, file)
    check_source(text, file)
    tree, syntax_errors = parse_tree(text, file)
    diags = Diagnostics(text)
    for error in syntax_errors:
        diags.add(error)
    if tree is None:
        diags.check()
    check_depth(tree, text, file)
    builder = AstBuilder(file, diags)
    module = builder.transform(tree)
    diags.check()
    check_ast_depth(module, text)
    return module


def parse_tree(text: str, file: str) -> tuple[Tree | None, list[CompileError]]:
    """Lark parse with statement-level recovery. Returns the tree of the (possibly
    repaired) text, or None, and the syntax errors found."""
    parser = lark_parser()
    errors: list[CompileError] = []
    lines = (text if text.endswith("\n") else text + "\n").split("\n")
    seen_lines: set[int] = set()
    for _ in range(MAX_RECOVERIES):
        attempt = "\n".join(lines)
        try:
            tree = parser.parse(attempt)
        except _DedentProblem as p:
            error = CompileError("E0012", f"dedent to column {p.indent + 1} matches no outer block (expected column {p.expected + 1})",
                                 Span(file, p.line, 1, p.line, p.indent + 1), "indent with four spaces per level", text)
            line = p.line
        except UnexpectedInput as exc:
            error, line = _syntax_error(exc, text, file, parser)
        else:
            return tree, errors
        errors.append(error)
        if line is None or line in seen_lines or not _recover(lines, line):
            break
        seen_lines.add(line)
    return None, errors


def _describe(name: str, parser: Lark) -> str:
    if name in TOKEN_NAMES:
        return TOKEN_NAMES[name]
    try:
        pattern = parser.get_terminal(name).pattern
    except KeyError:
        return name
    return f"'{pattern.value}'" if pattern.type == "str" else name.lower()


def _syntax_error(exc: UnexpectedInput, text: str, file: str, parser: Lark):
    if isinstance(exc, UnexpectedCharacters):
        line, column = exc.line, exc.column
        ch = text.split("\n")[line - 1][column - 1:column] if line - 1 < len(text.split("\n")) else "?"
        hint = None
        line_text = text.split("\n")[line - 1] if line - 1 < len(text.split("\n")) else ""
        if ch == "\\":
            hint = "line continuation with '\\' is not supported; wrap the expression in brackets instead"
        elif ch == "{" and not line_text[column:].strip():
            hint = "blocks are written with ':' and indentation, not braces"
        elif ch == "{":
            hint = "there are no dictionary or set literals; use a struct or HashMap"
        elif ch == ";":
            hint = "a statement ends at the end of its line; remove the ';'"
        elif ch == "!":
            hint = "use `not` for negation and `!=` for inequality"
        return CompileError("E0011", f"unexpected character '{ch}'", Span(file, line, column, line, column + 1),
                            hint, text), line
    if isinstance(exc, UnexpectedEOF) or (isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
        lines = text.rstrip("\n").split("\n")
        line = len(lines)
        return CompileError("E0010", "unexpected end of file", Span(file, line, len(lines[-1]) + 1, line, len(lines[-1]) + 2),
                            None, text), None
    assert isinstance(exc, UnexpectedToken)
    token = exc.token
    line, column = token.line, token.column
    expected = sorted(exc.expected)
    names = [_describe(e, parser) for e in expected if not e.startswith("__")]
    length = max(1, len(str(token)) if token.type not in ("_NEWLINE", "_INDENT", "_DEDENT") else 1)
    span = Span(file, line, column, line, column + length)
    if token.type == "_INDENT":
        return CompileError("E0012", "unexpected indentation", Span(file, token.end_line, 1, token.end_line, max(2, token.end_column)),
                            "a block is indented only after a line ending in ':'", text), token.end_line
    if token.type == "_DEDENT":
        return CompileError("E0012", "block ends too early", span, "an indented block needs at least one statement; write `pass`", text), line
    if token.type == "_NEWLINE":
        what = "end of line"
        if "COLON" in expected:
            return CompileError("E0010", "expected ':' at the end of the line", span,
                                "a line that opens a block (if, for, def, struct, ...) ends with ':'", text), line
    else:
        what = f"'{token}'" if len(str(token)) < 40 else f"'{str(token)[:37]}...'"
    hint = None
    lines = text.split("\n")
    first_word = lines[line - 1].split()[0] if line - 1 < len(lines) and lines[line - 1].split() else ""
    if str(token) in ("elif", "else") or first_word.rstrip(":") in ("elif", "else"):
        hint = "`elif`/`else` must line up with its `if`"
    elif str(token) == "=" and first_word in ("if", "elif", "assert"):
        hint = "compare with `==`; `=` assigns"
    elif str(token) == "=" and "COLON" in expected:
        hint = "a declaration names its type: `x: uint256 = ...`"
    if len(names) > 8:
        expectation = "; expected an expression or a statement" if "NAME" in expected else ""
    else:
        expectation = "; expected " + ", ".join(names) if names else ""
    return CompileError("E0010", f"unexpected {what}{expectation}", span, hint, text), line


def _line_depths(lines: list[str]) -> list[int]:
    """Bracket depth at the start of each line (strings and comments skipped)."""
    depths, depth = [], 0
    for line in lines:
        depths.append(depth)
        i, n = 0, len(line)
        while i < n:
            c = line[i]
            if c == "#":
                break
            if c in "\"'":
                end = line.find(c, i + 1)
                while end > 0 and line[end - 1] == "\\":
                    end = line.find(c, end + 1)
                i = n if end < 0 else end + 1
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth = max(0, depth - 1)
            i += 1
    depths.append(depth)
    return depths


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _recover(lines: list[str], line: int) -> bool:
    """Neutralise the statement containing `line` (1-based). False if nothing to do."""
    if not 1 <= line <= len(lines):
        return False
    depths = _line_depths(lines)
    start = line - 1
    while start > 0 and depths[start] > 0:
        start -= 1
    end = line - 1
    while end + 1 < len(lines) and depths[end + 1] > 0:
        end += 1
    indent = _indent(lines[start])
    following = end + 1
    while following < len(lines) and not lines[following].strip():
        following += 1
    opens_block = following < len(lines) and _indent(lines[following]) > indent and lines[following].strip()
    if indent == 0:
        # Top level: blank the whole declaration (and its body).
        stop = end + 1
        if opens_block:
            while stop < len(lines) and (not lines[stop].strip() or _indent(lines[stop]) > 0):
                stop += 1
        for i in range(start, stop):
            lines[i] = ""
        return True
    replacement = " " * indent + ("if True:" if opens_block else "pass")
    if lines[start] == replacement and end == start:
        return False
    lines[start] = replacement
    for i in range(start + 1, end + 1):
        lines[i] = ""
    return True


def check_depth(tree: Tree, text: str, file: str) -> None:
    """Bound nesting so later (recursive) passes are safe. Iterative."""
    work = [(tree, 1)]
    while work:
        node, depth = work.pop()
        if depth > MAX_TREE_DEPTH:
            meta = node.meta
            span = Span(file, meta.line, meta.column, meta.end_line, meta.end_column) if not meta.empty else None
            raise CompileError("E0009", f"code nested too deeply (more than {MAX_TREE_DEPTH} levels)", span,
                               "split long or deeply nested expressions using local variables", text)
        for child in node.children:
            if isinstance(child, Tree):
                work.append((child, depth + 1))


def check_ast_depth(module: ast.Module, text: str) -> None:
    """The AST can be deeper than the parse tree (a flat `a + b + ... + z` becomes a
    left-nested chain), so bound it too. Iterative."""
    work = [(module, 1)]
    children_of = ast.child_nodes
    while work:
        node, depth = work.pop()
        if depth > MAX_TREE_DEPTH:
            raise CompileError("E0009", f"code nested too deeply (more than {MAX_TREE_DEPTH} levels)", node.span,
                               "split long or deeply nested expressions using local variables", text)
        for child in children_of(node):
            work.append((child, depth + 1))


# --- parse tree -> AST ----------------------------------------------------------------

def _unescape(raw: str, is_bytes: bool):
    try:
        value = python_ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return None
    if is_bytes and not isinstance(value, bytes):
        return None
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate such as "\ud800" is not text
            return None
    return value


class AstBuilder(Transformer_NonRecursive):
    """One method per grammar rule; each receives (meta, children)."""

    def __init__(self, file: str, diags: Diagnostics):
        super().__init__()
        self.file = file
        self.diags = diags

    # spans
    def _span(self, meta) -> Span:
        return Span(self.file, meta.line, meta.column, meta.end_line, meta.end_column)

    def _tspan(self, token: Token) -> Span:
        return Span(self.file, token.line, token.column, token.end_line, token.end_column)

    def _call_userfunc(self, tree, new_children=None):
        children = new_children if new_children is not None else tree.children
        method = getattr(self, "r_" + tree.data, None)
        if method is None:
            return self.__default__(tree.data, children, tree.meta)
        return method(tree.meta, children)

    def __default__(self, data, children, meta):
        raise AssertionError(f"no AST rule for {data}")

    # --- module level
    def r_module(self, meta, children):
        doc = None
        body = []
        for child in children:
            if isinstance(child, _Doc):
                if doc is None and not body:
                    doc = child.text
                continue
            body.append(child)
        span = self._span(meta) if not meta.empty else Span(self.file, 1, 1, 1, 1)
        return ast.Module(span, tuple(body), doc)

    def r_docstring(self, meta, children):
        return _Doc(_unescape(str(children[0]), False) or "")

    def r_role_decl(self, meta, children):
        return ast.RoleDecl(self._span(meta), str(children[0]))

    def _members(self, children):
        return tuple(c for c in children if isinstance(c, ast.Member))

    def r_member(self, meta, children):
        return ast.Member(self._span(meta), str(children[0]), children[1])

    def r_struct_def(self, meta, children):
        return ast.StructDef(self._span(meta), str(children[0]), self._members(children[1:]))

    def r_event_def(self, meta, children):
        return ast.EventDef(self._span(meta), str(children[0]), self._members(children[1:]))

    def r_error_def(self, meta, children):
        return ast.ErrorDef(self._span(meta), str(children[0]), self._members(children[1:]))

    def r_error_def_empty(self, meta, children):
        return ast.ErrorDef(self._span(meta), str(children[0]), ())

    def r_enum_member(self, meta, children):
        return ast.Name(self._tspan(children[0]), str(children[0]))

    def r_enum_def(self, meta, children):
        return ast.EnumDef(self._span(meta), str(children[0]), tuple(c for c in children[1:] if isinstance(c, ast.Name)))

    def r_iface_fn(self, meta, children):
        name, params, returns, mutability = children
        return ast.InterfaceFunction(self._span(meta), str(name), params or (), returns,
                                     ast.Name(self._tspan(mutability), str(mutability)))

    def r_interface_def(self, meta, children):
        return ast.InterfaceDef(self._span(meta), str(children[0]),
                                tuple(c for c in children[1:] if isinstance(c, ast.InterfaceFunction)))

    def r_var_decl(self, meta, children):
        return ast.VarDecl(self._span(meta), str(children[0]), children[1], children[2])

    def r_params(self, meta, children):
        return tuple(c for c in children if c is not None)

    def r_param(self, meta, children):
        return ast.Param(self._span(meta), str(children[0]), children[1])

    def r_returns(self, meta, children):
        return children[0]

    def r_decorator(self, meta, children):
        name, args = children
        parsed = None  # `@only()` and `@only` are not told apart; both have no arguments
        if args is not None:
            parsed = tuple(args.positional)
            if args.keywords:
                self.diags.error("E0104", "decorators take no keyword arguments", args.keywords[0].span)
        return ast.Decorator(self._span(meta), str(name), parsed)

    def r_function_def(self, meta, children):
        decorators = tuple(c for c in children if isinstance(c, ast.Decorator))
        rest = [c for c in children if not isinstance(c, ast.Decorator)]
        name, params, returns, body = rest
        stmts, doc = body
        return ast.FunctionDef(self._span(meta), str(name), self._tspan(name), decorators, params or (), returns,
                               stmts, doc)

    def r_body(self, meta, children):
        doc = None
        stmts = []
        for child in children:
            if isinstance(child, _Doc):
                if doc is None and not stmts:
                    doc = child.text
                continue
            stmts.append(child)
        return tuple(stmts), doc

    # --- statements
    def r_pass_stmt(self, meta, children):
        return ast.Pass(self._span(meta))

    def r_break_stmt(self, meta, children):
        return ast.Break(self._span(meta))

    def r_continue_stmt(self, meta, children):
        return ast.Continue(self._span(meta))

    def r_return_stmt(self, meta, children):
        return ast.Return(self._span(meta), children[0])

    def r_raise_stmt(self, meta, children):
        return ast.Raise(self._span(meta), children[0])

    def r_assert_stmt(self, meta, children):
        return ast.Assert(self._span(meta), children[0], children[1])

    def r_emit_stmt(self, meta, children):
        return ast.Emit(self._span(meta), children[0])

    def r_ann_assign(self, meta, children):
        name, annotation, value = children
        return ast.AnnAssign(self._span(meta), ast.Name(self._tspan(name), str(name)), annotation, value)

    def r_assign(self, meta, children):
        targets, value = children
        if isinstance(targets, ast.Tuple):
            targets = targets.elements
        else:
            targets = (targets,)
        return ast.Assign(self._span(meta), targets, value)

    def r_aug_assign(self, meta, children):
        target, op, value = children
        op = str(op)[:-1]
        if op == "/":
            self.diags.error("E0015", "there is no '/' division", self._tspan(children[1]), "use `//=` (integer division, rounding down)")
        return ast.AugAssign(self._span(meta), target, op, value)

    def r_expr_stmt(self, meta, children):
        return ast.ExprStmt(self._span(meta), children[0])

    def r_if_stmt(self, meta, children):
        test, body, *rest = children
        elifs = [c for c in rest if isinstance(c, _Elif)]
        orelse = rest[-1] if rest and isinstance(rest[-1], tuple) else None
        tail = orelse[0] if orelse else ()
        for clause in reversed(elifs):
            tail = (ast.If(clause.span, clause.test, clause.body, tail),)
        return ast.If(self._span(meta), test, body[0], tail)

    def r_elif_clause(self, meta, children):
        return _Elif(self._span(meta), children[0], children[1][0])

    def r_else_clause(self, meta, children):
        return children[0]

    def r_for_stmt(self, meta, children):
        name, annotation, iterable, body = children
        return ast.For(self._span(meta), ast.Name(self._tspan(name), str(name)), annotation, iterable, body[0])

    def r_while_stmt(self, meta, children):
        span = self._span(meta)
        self.diags.error("E0014", "`while` loops are not allowed", Span(span.file, span.line, span.column, span.line, span.column + 5),
                         "every loop needs a visible bound: use `for i in range(N)` with a constant N, or `for x in array`")
        return ast.Pass(span)

    def r_exprlist(self, meta, children):
        items = tuple(c for c in children if c is not None)
        if len(items) == 1:
            return items[0]
        return ast.Tuple(self._span(meta), items)

    # --- expressions
    def r_or_op(self, meta, c):
        return ast.BoolOp(self._span(meta), "or", c[0], c[1])

    def r_and_op(self, meta, c):
        return ast.BoolOp(self._span(meta), "and", c[0], c[1])

    def r_not_op(self, meta, c):
        return ast.UnaryOp(self._span(meta), "not", c[0])

    def r_comp_op(self, meta, c):
        return _Op(" ".join(str(t) for t in c), Span(self.file, c[0].line, c[0].column, c[-1].end_line, c[-1].end_column))

    def r_binary(self, meta, c):
        """Operands and operators, flat: apply precedence (all left-associative)."""
        operands, operators = [c[0]], []

        def reduce():
            right, left = operands.pop(), operands.pop()
            op = operators.pop()
            span = left.span.to(right.span)
            if op.text in COMPARISONS:
                operands.append(ast.Compare(span, left, op.text, right))
            else:
                operands.append(ast.BinOp(span, left, op.text, right))

        for i in range(1, len(c), 2):
            token = c[i]
            op = token if isinstance(token, _Op) else _Op(str(token), self._tspan(token))
            if op.text == "/":
                self.diags.error("E0015", "there is no '/' division", op.span,
                                 "use `//` (integer division, rounding down) or mul_div(a, b, c)")
            while operators and PRECEDENCE[operators[-1].text] >= PRECEDENCE[op.text]:
                reduce()
            operators.append(op)
            operands.append(c[i + 1])
        while operators:
            reduce()
        return operands[0]

    def r_power(self, meta, c):
        return ast.BinOp(self._span(meta), c[0], "**", c[2])

    def r_unary(self, meta, c):
        return ast.UnaryOp(self._span(meta), str(c[0]), c[1])

    def r_extcall(self, meta, c):
        return ast.ExtCall(self._span(meta), c[0], False)

    def r_staticcall(self, meta, c):
        return ast.ExtCall(self._span(meta), c[0], True)

    def r_call(self, meta, c):
        func, args = c
        if args is None:
            return ast.Call(self._span(meta), func, (), ())
        return ast.Call(self._span(meta), func, tuple(args.positional), tuple(args.keywords))

    def r_arguments(self, meta, c):
        positional, keywords = [], []
        for item in c:
            if item is None:
                continue
            if isinstance(item, ast.Keyword):
                keywords.append(item)
            else:
                if keywords:
                    self.diags.error("E0010", "positional argument after a keyword argument", item.span)
                positional.append(item)
        return _Args(positional, keywords)

    def r_keyword(self, meta, c):
        return ast.Keyword(self._span(meta), str(c[0]), c[1])

    def r_subscript(self, meta, c):
        value, index = c
        items = index.elements if isinstance(index, ast.Tuple) else (index,)
        return ast.Subscript(self._span(meta), value, items)

    def r_attribute(self, meta, c):
        return ast.Attribute(self._span(meta), c[0], str(c[1]))

    def r_paren(self, meta, c):
        # The node's span grows to include the brackets (so `(a + b) * c` spans from '(').
        inner = c[0]
        if isinstance(inner, ast.Compare):
            return dataclasses.replace(inner, span=self._span(meta), parenthesized=True)
        return dataclasses.replace(inner, span=self._span(meta))

    def r_empty_tuple(self, meta, c):
        return ast.Tuple(self._span(meta), ())

    def r_tuple(self, meta, c):
        first, rest = c
        items = (first,) + (rest.elements if isinstance(rest, ast.Tuple) else (rest,) if rest is not None else ())
        return ast.Tuple(self._span(meta), items)

    def r_list(self, meta, c):
        inner = c[0]
        items = () if inner is None else inner.elements if isinstance(inner, ast.Tuple) else (inner,)
        return ast.List(self._span(meta), items)

    def r_name(self, meta, c):
        return ast.Name(self._span(meta), str(c[0]))

    def r_int_lit(self, meta, c):
        text = str(c[0])
        span = self._span(meta)
        clean = text.replace("_", "")
        hex_digits = 0
        try:
            if text.startswith("_") or text.endswith("_") or "__" in text:
                raise ValueError
            if clean[:2] in ("0x", "0X"):
                value = int(clean[2:], 16)
                hex_digits = len(clean) - 2
            elif clean[:2] == "0b":
                value = int(clean[2:], 2)
            elif clean[:2] == "0o":
                value = int(clean[2:], 8)
            else:
                if len(clean) > 1 and clean[0] == "0":
                    self.diags.error("E0013", f"number {text} has a leading zero", span, "write it without leading zeros (use 0o for octal)")
                    return ast.Int(span, 0)
                value = int(clean)
        except ValueError:
            self.diags.error("E0013", f"invalid number {text}", span)
            return ast.Int(span, 0)
        if value.bit_length() > 512:
            self.diags.error("E0207", "number literal is far too large", span)
            return ast.Int(span, 0)
        return ast.Int(span, value, hex_digits)

    def r_float_lit(self, meta, c):
        span = self._span(meta)
        self.diags.error("E0013", f"decimal number {c[0]} is not supported", span,
                         "there are no fractional numbers: keep money in integer fen and rates in basis points")
        return ast.Int(span, 0)

    def r_str_lit(self, meta, c):
        span = self._span(meta)
        value = _unescape(str(c[0]), False)
        if not isinstance(value, str):
            self.diags.error("E0010", "invalid string literal", span,
                             "strings are UTF-8 text: use ordinary escapes (\\n, \\t, \\\", \\u4e2d); "
                             "surrogate escapes such as \\ud800 are not characters")
            value = ""
        return ast.Str(span, value)

    def r_bytes_lit(self, meta, c):
        span = self._span(meta)
        value = _unescape(str(c[0]), True)
        if value is None:
            self.diags.error("E0010", "invalid bytes literal (bytes literals are ASCII)", span)
            value = b""
        return ast.BytesLit(span, value)

    def r_true(self, meta, c):
        return ast.Bool(self._span(meta), True)

    def r_false(self, meta, c):
        return ast.Bool(self._span(meta), False)


COMPARISONS = ("<", ">", "<=", ">=", "==", "!=", "in", "not in")
PRECEDENCE = {**{op: 1 for op in COMPARISONS}, "|": 2, "^": 3, "&": 4, "<<": 5, ">>": 5,
              "+": 6, "-": 6, "*": 7, "//": 7, "/": 7, "%": 7}


class _Op:
    __slots__ = ("text", "span")

    def __init__(self, text, span):
        self.text, self.span = text, span


class _Doc:
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


class _Elif:
    __slots__ = ("span", "test", "body")

    def __init__(self, span, test, body):
        self.span, self.test, self.body = span, test, body


class _Args:
    __slots__ = ("positional", "keywords")

    def __init__(self, positional, keywords):
        self.positional, self.keywords = positional, keywords
