"""Diagnostics of the compiler: user errors with stable codes, and our own bugs.

`CompileError` is what bad input produces: a stable code (`E0001`..), a message,
the span of the offending source, and an optional hint. Hints are built lazily
(a callable is accepted and only run when the error is rendered), because
"did you mean" searches cost time and most errors are never printed.

Several independent errors are reported in one run: passes collect them in a
`Diagnostics` list and raise `CompileErrors` (a `CompileError` whose `.errors`
holds every diagnostic, first one first) at the end of the pass.

`InternalCompilerError` is for bugs in the compiler itself. It is deliberately
*not* a `CompileError`: fuzzing asserts that bad input never produces one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

# Stable error codes. Never renumber: tests, docs and users refer to them.
CODES: dict[str, str] = {
    # source text and syntax (pre-passes and parser)
    "E0001": "version pragma missing or not supported",
    "E0002": "tab character in source",
    "E0003": "full-width or look-alike punctuation",
    "E0004": "non-ASCII character outside a string or comment",
    "E0005": "bidirectional control character",
    "E0006": "unclosed bracket",
    "E0007": "unmatched closing bracket",
    "E0008": "unterminated string",
    "E0009": "nesting too deep",
    "E0010": "syntax error",
    "E0011": "unexpected character",
    "E0012": "indentation error",
    "E0013": "invalid number literal",
    "E0014": "`while` loops are not allowed",
    "E0015": "unsupported syntax",
    "E0016": "source is not valid UTF-8 text",
    # declarations
    "E0101": "duplicate declaration",
    "E0102": "unknown type",
    "E0103": "type not allowed here",
    "E0104": "invalid decorator",
    "E0105": "function visibility missing",
    "E0106": "not a compile-time constant",
    "E0107": "immutable not assigned exactly once in the constructor",
    "E0108": "reserved name",
    "E0109": "storage layout error",
    "E0110": "invalid declaration",
    "E0111": "invalid bound or size",
    # names and types
    "E0201": "unknown name",
    "E0202": "unknown member",
    "E0203": "type mismatch",
    "E0204": "implicit narrowing conversion",
    "E0205": "wrong number of arguments",
    "E0206": "unknown function",
    "E0207": "literal out of range",
    "E0208": "operator not supported for this type",
    "E0209": "not assignable",
    "E0210": "state must be reached through `self.`",
    "E0211": "constant expression fails",
    "E0212": "invalid conversion",
    "E0213": "invalid keyword argument",
    "E0214": "invalid built-in call",
    "E0215": "missing return",
    "E0216": "chained comparison",
    "E0217": "value not allowed in this context",
    # semantics
    "E0301": "state change in a view or pure function",
    "E0302": "view or pure function calls a state-changing function",
    "E0303": "pure function reads state or environment",
    "E0304": "recursion",
    "E0305": "result of an external call is not used",
    "E0306": "loop bound is not a constant",
    "E0307": "loop variable or iterated array modified in the loop",
    "E0308": "`break` or `continue` outside a loop",
    "E0309": "external function called from inside the contract",
    "E0310": "wrong call kind (`extcall` / `staticcall`)",
    "E0311": "forbidden built-in",
    "E0312": "`msg.value` in a non-payable function",
    "E0313": "too many local variables",
    "E0314": "unknown role",
    "E0315": "too many errors",
    "E0316": "contract too large for the VM",
    "E0317": "too many parameters or return values",
}


@dataclass(frozen=True, slots=True)
class Span:
    """A source range: 1-based line and column; `end_column` is exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def to(self, other: "Span") -> "Span":
        return Span(self.file, self.line, self.column, other.end_line, other.end_column)


Hint = str | Callable[[], "str | None"] | None


class CompileError(Exception):
    """One user-facing diagnostic (or, as `CompileErrors`, several)."""

    def __init__(self, code: str, message: str, span: Span | None = None, hint: Hint = None,
                 source: str | None = None):
        if code not in CODES:
            raise InternalCompilerError(f"unknown error code {code}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.span = span
        self._hint = hint
        self.source = source  # full source text, for rendering the excerpt

    @property
    def hint(self) -> str | None:
        hint = self._hint
        if callable(hint):
            hint = self._hint = hint()
        return hint

    @property
    def errors(self) -> list["CompileError"]:
        return [self]

    def location(self) -> str:
        return str(self.span) if self.span else "<unknown>"

    def __str__(self) -> str:
        return self.render()

    def render(self) -> str:
        return render(self, self.source)

    def as_json(self) -> dict:
        span = self.span
        return {
            "code": self.code,
            "message": self.message,
            "file": span.file if span else None,
            "line": span.line if span else None,
            "column": span.column if span else None,
            "end_line": span.end_line if span else None,
            "end_column": span.end_column if span else None,
            "hint": self.hint,
        }


class CompileErrors(CompileError):
    """Several independent diagnostics from one run, in source order."""

    def __init__(self, errors: list[CompileError]):
        first = errors[0]
        super().__init__(first.code, first.message, first.span, first._hint, first.source)
        self._errors = list(errors)

    @property
    def errors(self) -> list[CompileError]:
        return self._errors

    def render(self) -> str:
        parts = [e.render() for e in self._errors]
        count = len(self._errors)
        parts.append(f"{count} error{'s' if count != 1 else ''}")
        return "\n\n".join(parts)


class InternalCompilerError(Exception):
    """A bug in the compiler, never the user's fault. Please report it."""


def _display_width(text: str) -> int:
    width = 0
    for ch in text:
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def render(error: CompileError, source: str | None) -> str:
    """`error[E0203]: message`, `--> file:line:col`, two lines of context and a caret
    underline spanning the node, then `= hint: ...`."""
    out = [f"error[{error.code}]: {error.message}"]
    span = error.span
    if span is not None:
        out.append(f"  --> {span.file}:{span.line}:{span.column}")
        lines = source.splitlines() if source is not None else []
        if 1 <= span.line <= len(lines):
            gutter = len(str(span.line))
            first = max(1, span.line - 2)
            out.append(" " * (gutter + 1) + "|")
            for number in range(first, span.line + 1):
                out.append(f"{number:>{gutter}} | {lines[number - 1]}")
            line_text = lines[span.line - 1]
            start = max(0, span.column - 1)
            if span.end_line == span.line:
                end = max(start + 1, span.end_column - 1)
            else:
                end = max(start + 1, len(line_text))
            pad = _display_width(line_text[:start])
            width = max(1, _display_width(line_text[start:end]))
            out.append(" " * (gutter + 1) + "| " + " " * pad + "^" * width)
    hint = error.hint
    if hint:
        out.append(f"  = hint: {hint}")
    return "\n".join(out)


class Diagnostics:
    """Collects errors of one pass; `check()` raises them together."""

    MAX_ERRORS = 50

    def __init__(self, source: str | None = None):
        self.source = source
        self.items: list[CompileError] = []

    def add(self, error: CompileError) -> None:
        if error.source is None:
            error.source = self.source
        for e in error.errors:
            if e.source is None:
                e.source = self.source
            if len(self.items) < self.MAX_ERRORS:
                self.items.append(e)

    def error(self, code: str, message: str, span: Span | None, hint: Hint = None) -> None:
        self.add(CompileError(code, message, span, hint, self.source))

    def __bool__(self) -> bool:
        return bool(self.items)

    def check(self) -> None:
        if self.items:
            raise collect(self.items)


def collect(errors: list[CompileError]) -> CompileError:
    """One exception for a list of errors, sorted by position (stable)."""
    def key(e: CompileError):
        s = e.span
        return (0, s.file, s.line, s.column) if s else (1, "", 0, 0)
    ordered = sorted(errors, key=key)
    # The same error reported twice (e.g. by recovery) is reported once.
    unique, seen = [], set()
    for e in ordered:
        k = (e.code, e.message, e.span)
        if k not in seen:
            seen.add(k)
            unique.append(e)
    return unique[0] if len(unique) == 1 else CompileErrors(unique)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, giving up (returning limit + 1) past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        best = i
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            current.append(cost)
            best = min(best, cost)
        if best > limit:
            return limit + 1
        previous = current
    return previous[-1]


def did_you_mean(name: str, candidates: Iterable[str]) -> Callable[[], str | None]:
    """A lazy hint: the closest candidate by edit distance, if it is close."""
    def build() -> str | None:
        best, best_distance = None, None
        limit = max(1, min(3, len(name) // 3 + 1))
        for candidate in sorted(set(candidates)):
            if candidate == name:
                continue
            d = edit_distance(name.lower(), candidate.lower(), limit)
            if d <= limit and (best_distance is None or d < best_distance):
                best, best_distance = candidate, d
        return f"did you mean `{best}`?" if best else None
    return build
