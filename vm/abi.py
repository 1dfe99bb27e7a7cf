"""Hutong's canonical encoding: one byte string per typed value, and back.

It is used for call arguments and results, revert data, event data and the
`abi_encode` built-in that contracts hash (commitments, hashed IDs), so it must
be reproducible bit for bit from Python: `encode(type, value)` here is the
reference, and the VM's ENCODE/DECODE run the same generated code.

Types are written as strings:

  u8 .. u256, i8 .. i256   N/8 bytes, big-endian (two's complement if signed)
  bool                     1 byte, 0x00 or 0x01 (anything else is rejected)
  address                  20 bytes
  bytes1 .. bytes32        exactly M bytes
  bytes<=N, string<=N      u32 length, then the bytes (length <= N; strings UTF-8)
  T[N]                     N elements, concatenated
  T[<=N]                   u32 count (<= N), then the elements
  (T1,T2,...)              the fields, concatenated

Every value has exactly one encoding and decoding is strict (exact length,
bounds, booleans, UTF-8), so `encode(t, decode(t, data)) == data` for every
accepted `data`: nothing is malleable.

VM values: integers and booleans are ints, addresses, byte strings and strings
are `bytes`, arrays and tuples are lists.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Callable

MAX_DESCRIPTOR = 4096
MAX_NESTING = 32
MAX_BOUND = 1 << 32  # bounds and counts are u32
# The VM's MAX_BYTES: the byte-string parts of one encoding may not exceed it, so
# an encoding is never much larger than the memory its caller already paid for.
MAX_ENCODED = 1 << 20


class AbiError(ValueError):
    """A value does not fit its type, or bytes are not a canonical encoding."""


class EncodeLimit(Exception):
    """An encoder stopped at a limit its caller set (`visits` or `size`): the VM
    passes limits derived from gas left and MAX_BYTES, so that aliased (even
    cyclic) lists cannot make an encoding do unpaid work. Not an AbiError: the
    value may be perfectly well-typed."""


class EncodeVisitLimit(EncodeLimit):
    """More list elements to visit than `visits` allows."""


class EncodeSizeLimit(EncodeLimit):
    """The encoding would be longer than `size` bytes."""


# No limit (the default for callers outside the VM).
NO_LIMIT = 1 << 62


@dataclass(frozen=True)
class AbiType:
    kind: str  # int bool address fixed_bytes bytes string array dynarray tuple
    bits: int = 0
    signed: bool = False
    size: int = 0  # fixed_bytes length, array length, or max length/count
    elem: "AbiType | None" = None
    fields: tuple["AbiType", ...] = ()

    def __str__(self) -> str:
        k = self.kind
        if k == "int":
            return f"{'i' if self.signed else 'u'}{self.bits}"
        if k in ("bool", "address"):
            return k
        if k == "fixed_bytes":
            return f"bytes{self.size}"
        if k in ("bytes", "string"):
            return f"{k}<={self.size}"
        if k == "array":
            return f"{self.elem}[{self.size}]"
        if k == "dynarray":
            return f"{self.elem}[<={self.size}]"
        return "(" + ",".join(str(f) for f in self.fields) + ")"

    @property
    def value_kind(self) -> str:
        """The VM value kind: 'i' (int), 'b' (bytes) or 'l' (list)."""
        if self.kind in ("int", "bool"):
            return "i"
        if self.kind in ("address", "fixed_bytes", "bytes", "string"):
            return "b"
        return "l"

    @property
    def fixed_size(self) -> int | None:
        """Encoded size in bytes when it does not depend on the value."""
        k = self.kind
        if k == "int":
            return self.bits // 8
        if k == "bool":
            return 1
        if k == "address":
            return 20
        if k == "fixed_bytes":
            return self.size
        if k == "array":
            inner = self.elem.fixed_size
            return None if inner is None else inner * self.size
        if k == "tuple":
            sizes = [f.fixed_size for f in self.fields]
            return None if None in sizes else sum(sizes)
        return None


_TOKEN = re.compile(r"\s*(?:(u|i)(\d+)|(bool|address)|bytes(\d+)|(bytes|string)<=(\d+)|(\())")


def parse_type(text: str) -> AbiType:
    """Parse a type string; raises AbiError for anything malformed."""
    if not isinstance(text, str) or len(text) > MAX_DESCRIPTOR:
        raise AbiError("type descriptor too long or not a string")
    return _parse_cached(text)


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str) -> AbiType:
    t, pos = _parse(text, 0, 0)
    if pos != len(text):
        raise AbiError(f"unexpected text at {pos} in type {text!r}")
    return t


def _parse(text: str, pos: int, depth: int) -> tuple[AbiType, int]:
    if depth > MAX_NESTING:
        raise AbiError("type nested too deeply")
    m = _TOKEN.match(text, pos)
    if not m:
        raise AbiError(f"bad type at {pos} in {text!r}")
    pos = m.end()
    if m.group(1):
        bits = int(m.group(2))
        if bits % 8 or not 8 <= bits <= 256 or m.group(2) != str(bits):
            raise AbiError(f"bad integer width in {text!r}")
        t = AbiType("int", bits=bits, signed=m.group(1) == "i")
    elif m.group(3):
        t = AbiType(m.group(3))
    elif m.group(4):
        size = int(m.group(4))
        if not 1 <= size <= 32 or m.group(4) != str(size):
            raise AbiError(f"bad fixed bytes size in {text!r}")
        t = AbiType("fixed_bytes", size=size)
    elif m.group(5):
        t = AbiType(m.group(5), size=_bound(m.group(6), text))
    else:
        fields = []
        if text.startswith(")", pos):
            pos += 1
        else:
            while True:
                field, pos = _parse(text, pos, depth + 1)
                fields.append(field)
                if text.startswith(",", pos):
                    pos += 1
                elif text.startswith(")", pos):
                    pos += 1
                    break
                else:
                    raise AbiError(f"expected ',' or ')' at {pos} in {text!r}")
        t = AbiType("tuple", fields=tuple(fields))
    while text.startswith("[", pos):
        depth += 1
        if depth > MAX_NESTING:
            raise AbiError("type nested too deeply")
        end = text.find("]", pos)
        if end < 0:
            raise AbiError(f"unclosed '[' in {text!r}")
        inner = text[pos + 1:end]
        if inner.startswith("<="):
            t = AbiType("dynarray", size=_bound(inner[2:], text), elem=t)
        else:
            t = AbiType("array", size=_bound(inner, text), elem=t)
        pos = end + 1
    return t, pos


def _bound(digits: str, text: str) -> int:
    if not digits.isdigit() or digits != str(int(digits)) or not 0 < int(digits) < MAX_BOUND:
        raise AbiError(f"bad bound {digits!r} in {text!r}")
    return int(digits)


# ---------------------------------------------------------------------------
# code generation: one encoder and one decoder per type, cached
# ---------------------------------------------------------------------------

class _Source:
    def __init__(self, max_total: int = MAX_ENCODED):
        self.lines: list[str] = []
        self.counter = 0
        self.max_total = max_total  # byte-string parts of one encoding, at most

    def var(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)


def _emit_encode(src: _Source, t: AbiType, value: str, indent: int, counted: bool = False) -> None:
    """Append the encoding of `value` to the list `out`.

    Two budgets run down as the encoder goes, each checked before the work it
    covers: `v`, list elements still allowed to visit (every array subtracts its
    length as it is entered), and `z`, bytes still allowed in the output (each
    part subtracts its size before it is appended; a fixed-size part is counted
    once, by the outermost fixed-size type around it: `counted`)."""
    k = t.kind
    fixed = t.fixed_size
    if fixed is not None and not counted:
        if fixed:
            src.add(indent, f"z -= {fixed}")
            src.add(indent, "if z < 0: raise EncodeSizeLimit()")
        counted = True
    if k == "int":
        src.add(indent, f"out.append({value}.to_bytes({t.bits // 8}, 'big'{', signed=True' if t.signed else ''}))")
    elif k == "bool":
        src.add(indent, f"if {value} != 0 and {value} != 1: raise AbiError('bool must be 0 or 1')")
        src.add(indent, f"out.append(b'\\x01' if {value} else b'\\x00')")
    elif k in ("address", "fixed_bytes"):
        size = 20 if k == "address" else t.size
        src.add(indent, f"if {value}.__class__ is not bytes or len({value}) != {size}: raise AbiError('expected {size} bytes')")
        src.add(indent, f"out.append({value})")
    elif k in ("bytes", "string"):
        src.add(indent, f"if {value}.__class__ is not bytes or len({value}) > {t.size}: raise AbiError('expected at most {t.size} bytes')")
        src.add(indent, f"z -= 4 + len({value})")
        src.add(indent, "if z < 0: raise EncodeSizeLimit()")
        src.add(indent, f"out.append(len({value}).to_bytes(4, 'big')); out.append({value})")
        src.add(indent, f"total += len({value})")
        src.add(indent, f"if total > {src.max_total}: raise AbiError('encoding longer than {src.max_total} bytes')")
    elif k in ("array", "dynarray"):
        src.add(indent, f"if {value}.__class__ is not list and {value}.__class__ is not tuple: raise AbiError('expected a list')")
        if k == "array":
            src.add(indent, f"if len({value}) != {t.size}: raise AbiError('expected {t.size} elements')")
        else:
            src.add(indent, f"if len({value}) > {t.size}: raise AbiError('expected at most {t.size} elements')")
        src.add(indent, f"v -= len({value})")
        src.add(indent, "if v < 0: raise EncodeVisitLimit()")
        if k == "dynarray":
            elem_fixed = t.elem.fixed_size
            if not counted:
                src.add(indent, f"z -= 4 + len({value}) * {elem_fixed}" if elem_fixed else "z -= 4")
                src.add(indent, "if z < 0: raise EncodeSizeLimit()")
            src.add(indent, f"out.append(len({value}).to_bytes(4, 'big'))")
        item = src.var("e")
        src.add(indent, f"for {item} in {value}:")
        _emit_encode(src, t.elem, item, indent + 1, counted or t.elem.fixed_size is not None)
    else:
        src.add(indent, f"if {value}.__class__ is not list and {value}.__class__ is not tuple: raise AbiError('expected a tuple')")
        src.add(indent, f"if len({value}) != {len(t.fields)}: raise AbiError('expected {len(t.fields)} fields')")
        for i, field in enumerate(t.fields):
            item = src.var("f")
            src.add(indent, f"{item} = {value}[{i}]")
            _emit_encode(src, field, item, indent, counted)


def _emit_decode(src: _Source, t: AbiType, target: str, indent: int) -> None:
    """Decode one value of type t from d at p into variable `target`."""
    k = t.kind
    if k in ("int", "address", "fixed_bytes", "bool"):
        size = t.fixed_size
        src.add(indent, f"e = p + {size}")
        src.add(indent, "if e > n: raise AbiError('input too short')")
        if k == "int":
            src.add(indent, f"{target} = int.from_bytes(d[p:e], 'big'{', signed=True' if t.signed else ''})")
        elif k == "bool":
            src.add(indent, f"{target} = d[p]")
            src.add(indent, f"if {target} > 1: raise AbiError('bool must be 0 or 1')")
        else:
            src.add(indent, f"{target} = d[p:e]")
        src.add(indent, "p = e")
    elif k in ("bytes", "string"):
        src.add(indent, "e = p + 4")
        src.add(indent, "if e > n: raise AbiError('input too short')")
        length = src.var("n")
        src.add(indent, f"{length} = int.from_bytes(d[p:e], 'big')")
        src.add(indent, f"if {length} > {t.size}: raise AbiError('length over bound {t.size}')")
        src.add(indent, f"p = e; e = p + {length}")
        src.add(indent, "if e > n: raise AbiError('input too short')")
        src.add(indent, f"{target} = d[p:e]; p = e")
        if k == "string":
            src.add(indent, f"{target}.decode('utf-8')")
    elif k in ("array", "dynarray"):
        count = src.var("n")
        if k == "array":
            src.add(indent, f"{count} = {t.size}")
        else:
            src.add(indent, "e = p + 4")
            src.add(indent, "if e > n: raise AbiError('input too short')")
            src.add(indent, f"{count} = int.from_bytes(d[p:e], 'big'); p = e")
            src.add(indent, f"if {count} > {t.size}: raise AbiError('count over bound {t.size}')")
        src.add(indent, f"elements += {count}")
        item = src.var("x")
        src.add(indent, f"{target} = []")
        src.add(indent, f"for _ in range({count}):")
        _emit_decode(src, t.elem, item, indent + 1)
        src.add(indent + 1, f"{target}.append({item})")
    else:
        names = [src.var("f") for _ in t.fields]
        for field, name in zip(t.fields, names):
            _emit_decode(src, field, name, indent)
        src.add(indent, f"{target} = [{', '.join(names)}]")
        src.add(indent, f"elements += {len(names)}")


@dataclass(frozen=True)
class Codec:
    """Encoder and decoder of one tuple type, as used by ENCODE and DECODE.

    `encode_fields(*fields, visits=NO_LIMIT, size=NO_LIMIT) -> bytes` and
    `decode_fields(data) -> (fields, n)` where n counts the list elements the
    decoder created (for memory gas). The encoder raises EncodeVisitLimit
    before visiting more than `visits` list elements (over all paths: lists may
    alias) and EncodeSizeLimit before producing more than `size` bytes.
    """

    type: AbiType
    encode_fields: Callable[..., bytes]
    decode_fields: Callable[[bytes], tuple[tuple, int]]


@functools.lru_cache(maxsize=4096)
def codec(descriptor: str, max_total: int = MAX_ENCODED) -> Codec:
    """The codec of a tuple type. `max_total` caps the byte-string parts of one
    encoding (the VM's MAX_BYTES by default; the node's receipts, whose parts are
    each bounded by the VM and together by gas, set their own)."""
    t = parse_type(descriptor)
    if t.kind != "tuple":
        raise AbiError(f"ENCODE/DECODE need a tuple type, not {descriptor!r}")
    names = [f"a{i}" for i in range(len(t.fields))]
    src = _Source(max_total)
    src.add(0, f"def encode_fields({''.join(n + ', ' for n in names)}*, visits=NO_LIMIT, size=NO_LIMIT):")
    src.add(1, "out = []; total = 0; v = visits; z = size")
    src.add(1, "try:")
    # The fixed-size fields are counted against `size` together, up front.
    fixed = sum(f.fixed_size for f in t.fields if f.fixed_size is not None)
    if fixed:
        src.add(2, f"z -= {fixed}")
        src.add(2, "if z < 0: raise EncodeSizeLimit()")
    else:
        src.add(2, "pass")
    for name, field in zip(names, t.fields):
        _emit_encode(src, field, name, 2, field.fixed_size is not None)
    src.add(1, "except (OverflowError, TypeError, AttributeError) as exc:")
    src.add(2, "raise AbiError(str(exc)) from None")
    src.add(1, "return b''.join(out)")
    src.add(0, "def decode_fields(d):")
    src.add(1, "n = len(d); p = 0; elements = 0")
    src.add(1, "try:")
    src.add(2, "pass")
    for name, field in zip(names, t.fields):
        _emit_decode(src, field, name, 2)
    src.add(1, "except UnicodeDecodeError:")
    src.add(2, "raise AbiError('string is not UTF-8') from None")
    src.add(1, "if p != n: raise AbiError('trailing bytes')")
    src.add(1, f"return ({', '.join(names)}{',' if len(names) == 1 else ''}), elements")
    namespace: dict[str, Any] = {"AbiError": AbiError, "EncodeVisitLimit": EncodeVisitLimit,
                                 "EncodeSizeLimit": EncodeSizeLimit, "NO_LIMIT": NO_LIMIT}
    exec(compile("\n".join(src.lines), f"<codec {descriptor}>", "exec"), namespace)
    return Codec(t, namespace["encode_fields"], namespace["decode_fields"])


def encode(descriptor: str, value: Any) -> bytes:
    """Encode one value of any type (the reference encoding)."""
    t = parse_type(descriptor)
    if t.kind == "tuple":
        if not isinstance(value, (list, tuple)) or len(value) != len(t.fields):
            raise AbiError(f"a value of type {descriptor} must be a list of {len(t.fields)} fields")
        return codec(descriptor).encode_fields(*value)
    return codec(f"({descriptor})").encode_fields(value)


def decode(descriptor: str, data: bytes) -> Any:
    """Decode one value of any type; raises AbiError unless `data` is canonical."""
    if not isinstance(data, (bytes, bytearray)):
        raise AbiError("data must be bytes")
    data = bytes(data)
    if parse_type(descriptor).kind == "tuple":
        fields, _ = codec(descriptor).decode_fields(data)
        return list(fields)
    fields, _ = codec(f"({descriptor})").decode_fields(data)
    return fields[0]

