"""Checks on the raw text, before the parser sees it.

Parsers give poor messages for some mistakes, so these are caught first, each
with its own error code and a precise position:

* the version pragma on line 1 (`#@ version 0.1`);
* tabs (the language indents with spaces only, four per level);
* full-width punctuation and the ideographic space typed through Chinese input
  methods, and other look-alikes such as curly quotes and the no-break space
  ("full-width colon '：' (U+FF1A) at 12:18; did you mean ':'?");
* bidirectional control characters anywhere (they can make code read
  differently from how it compiles, SWC-130);
* any other non-ASCII character outside strings and comments;
* brackets: an unclosed bracket is reported at its opening, not at the end of
  the file; a closing bracket that does not match is reported where it is;
* unterminated strings, and nesting deeper than the compiler accepts.

One scan over the text, aware of strings and comments (full-width text inside a
string or a comment is fine: Chinese comments and messages are welcome).
"""

from __future__ import annotations

import re
import unicodedata

from .errors import CompileError, Diagnostics, Span

SUPPORTED_VERSION = "0.1"
PRAGMA = re.compile(r"#@\s*version\s+(\S+)\s*$")
LEADING_SPACE = re.compile(r"[ \t]*")
MAX_BRACKET_DEPTH = 32
MAX_INDENT_LEVELS = 32
INDENT_WIDTH = 4

# Look-alikes with a name people recognise and the ASCII they stand for.
CONFUSABLES: dict[str, tuple[str, str]] = {
    "\u3000": ("ideographic space", " "),
    "\u00a0": ("no-break space", " "),
    "\u2002": ("en space", " "), "\u2003": ("em space", " "), "\u2009": ("thin space", " "),
    "\u200b": ("zero-width space", ""), "\ufeff": ("zero-width no-break space (BOM)", ""),
    "\u201c": ("left curly double quote", '"'), "\u201d": ("right curly double quote", '"'),
    "\u2018": ("left curly single quote", "'"), "\u2019": ("right curly single quote", "'"),
    "\u3001": ("ideographic comma", ","), "\u3002": ("ideographic full stop", "."),
    "\u300a": ("left double angle bracket", "<"), "\u300b": ("right double angle bracket", ">"),
    "\u3010": ("left black lenticular bracket", "["), "\u3011": ("right black lenticular bracket", "]"),
    "\u2014": ("em dash", "-"), "\u2013": ("en dash", "-"), "\u2212": ("minus sign", "-"),
    "\u00d7": ("multiplication sign", "*"), "\u00f7": ("division sign", "/"),
    "\u2026": ("ellipsis", "..."), "\u00b7": ("middle dot", "."),
}
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
OPENERS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = {")": "(", "]": "[", "}": "{"}


def confusable(ch: str) -> tuple[str, str] | None:
    """(name, ASCII replacement) for a look-alike character, else None."""
    if ch in CONFUSABLES:
        return CONFUSABLES[ch]
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width forms of ASCII '!'..'~'
        ascii_ch = chr(code - 0xFEE0)
        name = unicodedata.name(ch, "full-width character").lower().replace("fullwidth", "full-width")
        return name, ascii_ch
    return None


def decode_source(source: str | bytes, file: str) -> str:
    if isinstance(source, str):
        text = source
    else:
        try:
            text = bytes(source).decode("utf-8")
        except UnicodeDecodeError as exc:
            line = source[:exc.start].count(b"\n") + 1
            column = exc.start - (source.rfind(b"\n", 0, exc.start) + 1) + 1
            raise CompileError("E0016", f"byte {source[exc.start]:#04x} at {line}:{column} is not valid UTF-8",
                               Span(file, line, column, line, column + 1),
                               "save the file as UTF-8") from None
    # A byte-order mark some editors write is not part of the program.
    if text.startswith("\ufeff"):
        text = text[1:]
    # Normalise Windows line ends; columns and line numbers are unaffected.
    return text.replace("\r\n", "\n")


def check_source(text: str, file: str) -> None:
    """Run every pre-parse check; raise all problems found together."""
    diags = Diagnostics(text)
    _check_pragma(text, file, diags)
    _scan(text, file, diags)
    diags.check()


def _check_pragma(text: str, file: str, diags: Diagnostics) -> None:
    first = text.split("\n", 1)[0]
    match = PRAGMA.match(first)
    hint = f"start the file with `#@ version {SUPPORTED_VERSION}`"
    if not first.startswith("#@"):
        diags.error("E0001", "the first line must be the version pragma", Span(file, 1, 1, 1, max(2, len(first) + 1)), hint)
    elif not match:
        diags.error("E0001", "malformed version pragma", Span(file, 1, 1, 1, len(first) + 1), hint)
    elif match.group(1) != SUPPORTED_VERSION:
        version = match.group(1)
        column = match.start(1) + 1
        floating = any(c in version for c in "^<>=~*")
        diags.error(
            "E0001",
            f"this compiler implements version {SUPPORTED_VERSION}, the file asks for {version}",
            Span(file, 1, column, 1, column + len(version)),
            ("floating versions are not accepted; pin the exact version: " if floating else "")
            + f"`#@ version {SUPPORTED_VERSION}`",
        )


def _scan(text: str, file: str, diags: Diagnostics) -> None:
    line, column = 1, 1
    i, n = 0, len(text)
    stack: list[tuple[str, int, int]] = []
    at_line_start = True

    def span(l: int, c: int, length: int = 1) -> Span:
        return Span(file, l, c, l, c + length)

    while i < n:
        ch = text[i]
        if at_line_start:
            at_line_start = False
            # Indentation: spaces only, multiples of four, not too deep (only
            # outside brackets, where indentation means something).
            j = LEADING_SPACE.match(text, i).end()
            indent = text[i:j]
            rest = text[j] if j < n else "\n"
            if "\t" in indent:
                tab = indent.index("\t")
                diags.error("E0002", f"tab character in indentation at {line}:{tab + 1}",
                            span(line, tab + 1), "indent with four spaces per level; tabs are not allowed")
            elif not stack and rest not in "\n#":
                if len(indent) % INDENT_WIDTH:
                    diags.error("E0012", f"indentation of {len(indent)} spaces is not a multiple of {INDENT_WIDTH}",
                                Span(file, line, 1, line, len(indent) + 1), "indent with four spaces per level")
                elif len(indent) // INDENT_WIDTH > MAX_INDENT_LEVELS:
                    diags.error("E0009", f"blocks nested {len(indent) // INDENT_WIDTH} deep; the limit is {MAX_INDENT_LEVELS}",
                                Span(file, line, 1, line, len(indent) + 1), "move the inner code into an @internal function")
                    return  # one report; the rest of a pathological file is not worth scanning
            column += j - i
            i = j
            continue
        if ch == "\n":
            i += 1
            line += 1
            column = 1
            at_line_start = True
            continue
        if ch == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            _check_text_chars(text[i:end], line, column, file, diags, allow_unicode=True)
            column += end - i
            i = end
            continue
        if ch in "\"'" or (ch in "bB" and i + 1 < n and text[i + 1] in "\"'" and not _ident_before(text, i)):
            end, end_line, end_column, ok = _skip_string(text, i, line, column)
            if not ok:
                diags.error("E0008", "unterminated string", span(line, column),
                            "close the string on the same line (use \"\"\" for text over several lines)")
                return
            _check_string_chars(text[i:end], line, column, file, diags)
            i, line, column = end, end_line, end_column
            continue
        bracket = ch
        if ord(ch) > 127:
            found = confusable(ch)
            if found and found[1] in "()[]{}" and found[1]:
                bracket = found[1]  # a full-width bracket still opens or closes, for balance
        if bracket in OPENERS and bracket != ch:
            stack.append((bracket, line, column))
            _check_code_char(ch, line, column, file, diags)
        elif bracket in CLOSERS and bracket != ch:
            if stack and stack[-1][0] == CLOSERS[bracket]:
                stack.pop()
            _check_code_char(ch, line, column, file, diags)
        elif ch in OPENERS:
            stack.append((ch, line, column))
            if len(stack) > MAX_BRACKET_DEPTH:
                diags.error("E0009", f"brackets nested {len(stack)} deep; the limit is {MAX_BRACKET_DEPTH}",
                            span(line, column), "split the expression with local variables")
                return
        elif ch in CLOSERS:
            if not stack:
                diags.error("E0007", f"'{ch}' at {line}:{column} closes nothing", span(line, column),
                            "remove it, or add the opening bracket it belongs to")
                return
            opener, ol, oc = stack.pop()
            if opener != CLOSERS[ch]:
                diags.error("E0007", f"'{ch}' at {line}:{column} does not match '{opener}' opened at {ol}:{oc}",
                            span(line, column), f"close '{opener}' with '{OPENERS[opener]}' first")
                return
        elif ch == "\t":
            diags.error("E0002", f"tab character at {line}:{column}", span(line, column), "use spaces")
        elif ord(ch) > 127 and confusable(ch) is None and ch not in BIDI_CONTROLS:
            # One error for a run of non-ASCII characters (a Chinese identifier, say).
            j = i
            while j < n and ord(text[j]) > 127 and confusable(text[j]) is None and text[j] not in BIDI_CONTROLS:
                j += 1
            run = text[i:j]
            diags.error("E0004", f"non-ASCII text '{run}' at {line}:{column} outside a string or comment",
                        Span(file, line, column, line, column + len(run)),
                        "identifiers are ASCII only; non-ASCII text belongs in strings and comments")
            column += j - i
            i = j
            continue
        elif ord(ch) > 127 or (ord(ch) < 32 and ch != "\n") or ch == "\x7f":
            _check_code_char(ch, line, column, file, diags)
        i += 1
        column += 1
    for opener, ol, oc in stack[:1]:
        diags.error("E0006", f"'{opener}' opened at {ol}:{oc} is never closed", span(ol, oc),
                    f"add the matching '{OPENERS[opener]}'")


def _ident_before(text: str, i: int) -> bool:
    return i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")


def _skip_string(text: str, i: int, line: int, column: int):
    """End index, line and column after the string starting at i; ok flag."""
    n = len(text)
    j = i
    if text[j] in "bB":
        j += 1
    quote = text[j]
    triple = text.startswith(quote * 3, j)
    delim = quote * 3 if triple else quote
    j += len(delim)
    while j < n:
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "\n" and not triple:
            return j, line, column, False
        if text.startswith(delim, j):
            j += len(delim)
            segment = text[i:j]
            newlines = segment.count("\n")
            if newlines:
                return j, line + newlines, len(segment) - segment.rfind("\n"), True
            return j, line, column + len(segment), True
        j += 1
    return j, line, column, False


def _check_code_char(ch: str, line: int, column: int, file: str, diags: Diagnostics) -> None:
    where = Span(file, line, column, line, column + 1)
    code = f"U+{ord(ch):04X}"
    if ch in BIDI_CONTROLS:
        diags.error("E0005", f"bidirectional control character {code} at {line}:{column}", where,
                    "it can make code display differently from how it compiles; delete it")
        return
    found = confusable(ch)
    if found:
        name, ascii_ch = found
        replacement = f"'{ascii_ch}'" if ascii_ch else "nothing (delete it)"
        diags.error("E0003", f"{name} '{ch}' ({code}) at {line}:{column}; did you mean {replacement}?", where,
                    "switch the input method to half-width (English) punctuation")
        return
    if ord(ch) < 32 or ch == "\x7f":
        diags.error("E0011", f"control character {code} at {line}:{column}", where, "delete it")
        return
    diags.error("E0004", f"non-ASCII character '{ch}' ({code}) at {line}:{column}", where,
                "identifiers are ASCII only; non-ASCII text belongs in strings and comments")


def _check_text_chars(segment: str, line: int, column: int, file: str, diags: Diagnostics,
                      allow_unicode: bool) -> None:
    for offset, ch in enumerate(segment):
        if ch in BIDI_CONTROLS:
            _check_code_char(ch, line, column + offset, file, diags)
        elif ch == "\t":
            diags.error("E0002", f"tab character at {line}:{column + offset}",
                        Span(file, line, column + offset, line, column + offset + 1), "use spaces")
        elif ord(ch) < 32 or ch == "\x7f":
            _check_code_char(ch, line, column + offset, file, diags)


def _check_string_chars(segment: str, line: int, column: int, file: str, diags: Diagnostics) -> None:
    for part_index, part in enumerate(segment.split("\n")):
        base = column if part_index == 0 else 1
        _check_text_chars(part, line + part_index, base, file, diags, allow_unicode=True)
