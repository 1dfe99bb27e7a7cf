"""Assembler and disassembler for the Hutong VM, driven by the opcode table.

Text form:

    ; comment
    .function add_one external sig="add_one(u64)" params=b locals=i returns=b
        LOAD 0
        DECODE "(u64)"
        PUSHI 1
        ADD u64
        ENCODE "(u64)"
        RET
    .end

Function header words: flags (external reentrant view payable constructor),
`sig="name(types)"` (its selector) or `selector=0x12345678`, and the kinds of
`params=`, `locals=` (the slots after the parameters) and `returns=`.
Immediates: numeric types by name (u256, i8); jump targets by label (`loop:`
on a line of its own); functions by name; constants as decimal integers,
0x-prefixed bytes or "quoted text" (UTF-8); kinds as int, bytes or list.

`Assembler` is also the API the compiler emits through: `FunctionBuilder.emit(
name, *args, note=...)` records an instruction, and `assemble()` returns the
container plus, per instruction, the pc and the note (the compiler's source span).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from .container import FLAG_NAMES, NO_SELECTOR, Container, Function, selector
from .errors import VerifyError
from .opcodes import BY_NAME, IMMEDIATE_SIZE, KIND_LETTERS, NUMTYPES, OP_AT, numtype_byte
from .verifier import compute_max_stack


class AsmError(ValueError):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


@dataclass
class Label:
    name: str


@dataclass
class FunctionBuilder:
    name: str
    flags: int = 0
    params: str = ""
    locals: str = ""
    returns: str = ""
    selector: bytes = NO_SELECTOR
    items: list = field(default_factory=list)  # ("op", name, args, note) | ("label", name)
    labels: set = field(default_factory=set)

    def emit(self, name: str, *args, note=None) -> None:
        if name not in BY_NAME:
            raise AsmError(f"unknown instruction {name}")
        self.items.append(("op", name, args, note))

    def label(self, name: str) -> None:
        if name in self.labels:
            raise AsmError(f"label {name} defined twice in {self.name}")
        self.labels.add(name)
        self.items.append(("label", name))


class Assembler:
    def __init__(self):
        self.functions: list[FunctionBuilder] = []
        self.constants: list[int | bytes] = []
        self._const_index: dict[tuple, int] = {}

    def function(self, name: str, **kwargs) -> FunctionBuilder:
        if any(f.name == name for f in self.functions):
            raise AsmError(f"function {name} defined twice")
        builder = FunctionBuilder(name, **kwargs)
        self.functions.append(builder)
        return builder

    def constant(self, value: int | bytes) -> int:
        key = (type(value).__name__, value)
        index = self._const_index.get(key)
        if index is None:
            index = self._const_index[key] = len(self.constants)
            self.constants.append(value)
        return index

    def assemble(self) -> tuple[Container, list[list[tuple[int, object]]]]:
        """Build the container. Returns it and, per function, [(pc, note)]."""
        names = {f.name: i for i, f in enumerate(self.functions)}
        # First pass: sizes and label positions.
        pc = 0
        entries, label_pcs = [], []
        for fn in self.functions:
            entries.append(pc)
            labels = {}
            for item in fn.items:
                if item[0] == "label":
                    labels[item[1]] = pc
                else:
                    pc += BY_NAME[item[1]].size
            label_pcs.append(labels)
        code = bytearray()
        notes: list[list[tuple[int, object]]] = []
        for fn, labels in zip(self.functions, label_pcs):
            fn_notes = []
            for item in fn.items:
                if item[0] == "label":
                    continue
                _, name, args, note = item
                op = BY_NAME[name]
                if len(args) != len(op.immediates):
                    raise AsmError(f"{name} takes {len(op.immediates)} immediates, got {len(args)} in {fn.name}")
                fn_notes.append((len(code), note))
                code.append(op.code)
                for kind, arg in zip(op.immediates, args):
                    code += self._immediate(kind, arg, labels, names, fn.name, name)
            notes.append(fn_notes)
        functions = []
        for i, fn in enumerate(self.functions):
            end = entries[i + 1] if i + 1 < len(entries) else len(code)
            functions.append(Function(fn.selector, fn.flags, fn.params, fn.locals, fn.returns,
                                      entries[i], end - entries[i], 0))
        container = Container(tuple(self.constants), tuple(functions), bytes(code))
        # Second step: max stack heights, computed by the verifier's own analysis.
        try:
            heights = [compute_max_stack(container, i) for i in range(len(functions))]
        except VerifyError as exc:
            raise AsmError(f"does not verify: {exc}") from None
        functions = [Function(f.selector, f.flags, f.params, f.locals, f.returns, f.entry, f.length, h)
                     for f, h in zip(functions, heights)]
        return Container(tuple(self.constants), tuple(functions), bytes(code)), notes

    def _immediate(self, kind, arg, labels, names, fn_name, op_name) -> bytes:
        size = IMMEDIATE_SIZE[kind]
        if kind == "target":
            if arg not in labels:
                raise AsmError(f"unknown label {arg!r} in {fn_name}")
            arg = labels[arg]
        elif kind == "func":
            if isinstance(arg, str):
                if arg not in names:
                    raise AsmError(f"unknown function {arg!r}")
                arg = names[arg]
        elif kind == "const":
            if not isinstance(arg, Const):
                arg = Const(arg)
            arg = self.constant(arg.value)
        elif kind == "type":
            if isinstance(arg, str):
                arg = numtype_byte(arg)
        elif kind == "kind":
            if isinstance(arg, str):
                arg = {"int": 0, "bytes": 1, "list": 2}[arg]
        if not isinstance(arg, int):
            raise AsmError(f"bad immediate {arg!r} for {op_name}")
        if kind == "i8":
            if not -128 <= arg <= 127:
                raise AsmError(f"{op_name} immediate {arg} out of range")
            return arg.to_bytes(1, "big", signed=True)
        if not 0 <= arg < (1 << (8 * size)):
            raise AsmError(f"{op_name} immediate {arg} out of range")
        return arg.to_bytes(size, "big")


@dataclass(frozen=True)
class Const:
    value: int | bytes


# --- text form -----------------------------------------------------------------------

_HEADER_WORD = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)|(\w+)')


def parse_asm(text: str) -> Assembler:
    asm = Assembler()
    current: FunctionBuilder | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        try:
            if line.startswith(".function"):
                if current is not None:
                    raise AsmError("missing .end before .function")
                current = _parse_header(asm, line[len(".function"):].strip())
            elif line == ".end":
                if current is None:
                    raise AsmError(".end without .function")
                current = None
            elif current is None:
                raise AsmError("instruction outside a .function")
            elif line.endswith(":") and re.fullmatch(r"[A-Za-z_][\w.]*:", line):
                current.label(line[:-1])
            else:
                name, _, rest = line.partition(" ")
                name = name.upper()
                if name not in BY_NAME:
                    raise AsmError(f"unknown instruction {name}")
                op = BY_NAME[name]
                args = _split_args(rest)
                if len(args) != len(op.immediates):
                    raise AsmError(f"{name} takes {len(op.immediates)} immediates")
                current.emit(name, *[_parse_immediate(kind, a) for kind, a in zip(op.immediates, args)],
                             note=number)
        except AsmError as exc:
            if exc.line is None:
                raise AsmError(str(exc), number) from None
            raise
        except (ValueError, KeyError) as exc:
            raise AsmError(str(exc), number) from None
    if current is not None:
        raise AsmError("missing .end at end of file")
    return asm


def _strip_comment(line: str) -> str:
    out, quoted = [], False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            break
        out.append(ch)
    return "".join(out)


def _split_args(rest: str) -> list[str]:
    return [m.group(0) for m in re.finditer(r'"(?:[^"\\]|\\.)*"|\S+', rest)]


def _parse_header(asm: Assembler, text: str) -> FunctionBuilder:
    words = list(_HEADER_WORD.finditer(text))
    if not words or words[0].group(3) is None:
        raise AsmError("a .function needs a name")
    builder = asm.function(words[0].group(3))
    for word in words[1:]:
        if word.group(3):
            if word.group(3) not in FLAG_NAMES:
                raise AsmError(f"unknown flag {word.group(3)}")
            builder.flags |= FLAG_NAMES[word.group(3)]
            continue
        key, value = word.group(1), word.group(2)
        if key == "sig":
            builder.selector = selector(ast.literal_eval(value))
        elif key == "selector":
            builder.selector = bytes.fromhex(value.removeprefix("0x"))
        elif key in ("params", "locals", "returns"):
            if value == "-":
                value = ""
            if not set(value) <= set(KIND_LETTERS):
                raise AsmError(f"{key} must be kind letters from 'ibl'")
            setattr(builder, key, value)
        else:
            raise AsmError(f"unknown header field {key}")
    return builder


def _parse_immediate(kind: str, text: str):
    if kind == "const":
        return Const(parse_constant(text))
    if kind in ("target", "func"):
        return text
    if kind == "type":
        return numtype_byte(text)
    if kind == "kind":
        return {"int": 0, "bytes": 1, "list": 2}[text] if text in ("int", "bytes", "list") else int(text)
    return int(text, 0)


def parse_constant(text: str) -> int | bytes:
    if text.startswith('"'):
        return ast.literal_eval(text).encode()
    if text.lower().startswith("0x"):
        return bytes.fromhex(text[2:])
    return int(text)


def format_constant(value: int | bytes) -> str:
    if isinstance(value, int):
        return str(value)
    try:
        text = value.decode("ascii")
        if text.isprintable() and '"' not in text and "\\" not in text and text:
            return f'"{text}"'
    except UnicodeDecodeError:
        pass
    return "0x" + value.hex()


def disassemble(container: Container) -> str:
    """Text that `parse_asm` turns back into the same container."""
    code = container.code
    out: list[str] = []
    names = [f"f{i}" for i in range(len(container.functions))]
    for index, fn in enumerate(container.functions):
        # Labels: every jump target.
        targets: dict[int, str] = {}
        pc = fn.entry
        decoded = []
        while pc < fn.entry + fn.length:
            op = OP_AT[code[pc]]
            pos, args = pc + 1, []
            for kind in op.immediates:
                size = IMMEDIATE_SIZE[kind]
                raw = code[pos:pos + size]
                args.append(int.from_bytes(raw, "big", signed=(kind == "i8")))
                pos += size
            if op.ends_block in ("jump", "branch"):
                targets.setdefault(args[0], f"L{args[0]}")
            decoded.append((pc, op, args))
            pc = pos
        flags = [name for name, bit in FLAG_NAMES.items() if fn.flags & bit]
        header = [f".function {names[index]}", *flags]
        if fn.selector != NO_SELECTOR:
            header.append(f"selector=0x{fn.selector.hex()}")
        header += [f"params={fn.params or '-'}", f"locals={fn.locals or '-'}", f"returns={fn.returns or '-'}"]
        out.append(" ".join(header))
        for pc, op, args in decoded:
            if pc in targets:
                out.append(f"{targets[pc]}:")
            rendered = []
            for kind, arg in zip(op.immediates, args):
                if kind == "target":
                    rendered.append(targets[arg])
                elif kind == "func":
                    rendered.append(names[arg])
                elif kind == "const":
                    rendered.append(format_constant(container.constants[arg]))
                elif kind == "type":
                    rendered.append(NUMTYPES[arg].name)
                elif kind == "kind":
                    rendered.append(("int", "bytes", "list")[arg])
                else:
                    rendered.append(str(arg))
            out.append(f"    {op.name}{' ' if rendered else ''}{' '.join(rendered)}    ; pc {pc}")
        out.append(".end")
    return "\n".join(out) + "\n"


def assemble_text(text: str) -> Container:
    return parse_asm(text).assemble()[0]
