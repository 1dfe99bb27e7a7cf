"""The bytecode container: what a deployment carries and what the VM runs.

Layout (all integers big-endian; one canonical serialization, so the code hash
`sha3_256(container bytes)` names the code exactly):

  magic        4 bytes  b"HTVM"
  version      u8       FORMAT_VERSION
  constants    u16 count, then per constant:
                 u8 tag (0 integer, 1 bytes), u32 length, payload
                 (integers: minimal two's-complement big-endian, at most 33 bytes)
  functions    u16 count, then per function:
                 selector (4 bytes, zero unless external), u8 flags,
                 u8 n + n kind letters: parameter kinds  ('i', 'b', 'l')
                 u8 n + n kind letters: further local kinds
                 u8 n + n kind letters: return kinds
                 u16 entry, u16 length, u16 max stack height
  code         u32 length, then the code bytes

Functions tile the code: the first starts at 0 and each starts where the
previous one ends. Parameters are the first local slots.

Flags: EXTERNAL (callable by messages; takes and returns one byte string, the
encoded arguments and results), REENTRANT (opts out of the per-contract lock
taken on external entry), VIEW (frames entered through it are static),
PAYABLE (may receive value), CONSTRUCTOR (run once, at deployment).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .constants import (
    FORMAT_VERSION, MAGIC, MAX_CODE_SIZE, MAX_CONSTANT_INT_BYTES, MAX_CONSTANTS,
    MAX_CONTAINER_SIZE, MAX_FUNCTIONS, MAX_LOCALS,
)
from .errors import VerifyError

EXTERNAL = 0x01
REENTRANT = 0x02
VIEW = 0x04
PAYABLE = 0x08
CONSTRUCTOR = 0x10
KNOWN_FLAGS = EXTERNAL | REENTRANT | VIEW | PAYABLE | CONSTRUCTOR
FLAG_NAMES = {"external": EXTERNAL, "reentrant": REENTRANT, "view": VIEW, "payable": PAYABLE, "constructor": CONSTRUCTOR}

NO_SELECTOR = b"\x00\x00\x00\x00"
VALUE_KINDS = frozenset("ibl")


def selector(signature: str) -> bytes:
    """The 4-byte selector of a function or error signature, e.g. "transfer(address,u256)"."""
    return hashlib.sha3_256(signature.encode()).digest()[:4]


@dataclass(frozen=True)
class Function:
    selector: bytes
    flags: int
    params: str
    locals: str
    returns: str
    entry: int
    length: int
    max_stack: int

    @property
    def local_kinds(self) -> str:
        return self.params + self.locals

    @property
    def is_external(self) -> bool:
        return bool(self.flags & EXTERNAL)


@dataclass(frozen=True)
class Container:
    constants: tuple[int | bytes, ...]
    functions: tuple[Function, ...]
    code: bytes
    _hash: list = field(default_factory=list, compare=False, repr=False)

    def serialize(self) -> bytes:
        out = bytearray(MAGIC)
        out.append(FORMAT_VERSION)
        out += len(self.constants).to_bytes(2, "big")
        for const in self.constants:
            if isinstance(const, bytes):
                out.append(1)
                payload = const
            else:
                out.append(0)
                payload = int_to_minimal(const)
            out += len(payload).to_bytes(4, "big") + payload
        out += len(self.functions).to_bytes(2, "big")
        for fn in self.functions:
            out += fn.selector
            out.append(fn.flags)
            for kinds in (fn.params, fn.locals, fn.returns):
                out.append(len(kinds))
                out += kinds.encode()
            out += fn.entry.to_bytes(2, "big") + fn.length.to_bytes(2, "big") + fn.max_stack.to_bytes(2, "big")
        out += len(self.code).to_bytes(4, "big") + self.code
        return bytes(out)

    @property
    def code_hash(self) -> bytes:
        if not self._hash:
            self._hash.append(code_hash(self.serialize()))
        return self._hash[0]


def code_hash(container_bytes: bytes) -> bytes:
    return hashlib.sha3_256(container_bytes).digest()


def int_to_minimal(value: int) -> bytes:
    """Shortest two's-complement big-endian encoding (0 is one zero byte)."""
    length = max(1, (value.bit_length() + 8) // 8)
    return value.to_bytes(length, "big", signed=True)


class _Reader:
    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def take(self, n: int, what: str) -> bytes:
        end = self.pos + n
        if end > len(self.data):
            raise VerifyError("truncated", f"container ends inside {what}")
        chunk = self.data[self.pos:end]
        self.pos = end
        return chunk

    def u8(self, what: str) -> int:
        return self.take(1, what)[0]

    def u16(self, what: str) -> int:
        return int.from_bytes(self.take(2, what), "big")

    def u32(self, what: str) -> int:
        return int.from_bytes(self.take(4, what), "big")


def parse_container(data: bytes) -> Container:
    """Parse and structurally check a container. Code-level rules are the verifier's."""
    if not isinstance(data, bytes):
        raise VerifyError("type", "container must be bytes")
    if len(data) > MAX_CONTAINER_SIZE:
        raise VerifyError("container_size", f"{len(data)} bytes exceeds the limit of {MAX_CONTAINER_SIZE}")
    r = _Reader(data)
    if r.take(4, "magic") != MAGIC:
        raise VerifyError("magic", "not a Hutong container (bad magic)")
    version = r.u8("version")
    if version != FORMAT_VERSION:
        raise VerifyError("version", f"format version {version}; this VM runs version {FORMAT_VERSION}")

    constants: list[int | bytes] = []
    count = r.u16("constant count")
    if count > MAX_CONSTANTS:
        raise VerifyError("constants", f"{count} constants exceed the limit of {MAX_CONSTANTS}")
    for index in range(count):
        tag = r.u8("constant tag")
        payload = r.take(r.u32("constant length"), "constant")
        if tag == 0:
            if not 1 <= len(payload) <= MAX_CONSTANT_INT_BYTES:
                raise VerifyError("constants", f"integer constant {index} has {len(payload)} bytes")
            value = int.from_bytes(payload, "big", signed=True)
            if int_to_minimal(value) != payload:
                raise VerifyError("constants", f"integer constant {index} is not minimally encoded")
            constants.append(value)
        elif tag == 1:
            constants.append(payload)
        else:
            raise VerifyError("constants", f"constant {index} has unknown tag {tag}")

    functions: list[Function] = []
    count = r.u16("function count")
    if not 1 <= count <= MAX_FUNCTIONS:
        raise VerifyError("functions", f"{count} functions; between 1 and {MAX_FUNCTIONS} allowed")
    for index in range(count):
        sel = r.take(4, "selector")
        flags = r.u8("flags")
        kinds = []
        for what in ("parameter kinds", "local kinds", "return kinds"):
            text = r.take(r.u8(what), what)
            if not set(text.decode("latin-1")) <= VALUE_KINDS:
                raise VerifyError("functions", f"function {index} has an unknown value kind in its {what}")
            kinds.append(text.decode("ascii"))
        entry, length, max_stack = r.u16("entry"), r.u16("length"), r.u16("max stack")
        functions.append(Function(sel, flags, kinds[0], kinds[1], kinds[2], entry, length, max_stack))
    code = r.take(r.u32("code length"), "code")
    if r.pos != len(data):
        raise VerifyError("trailing", f"{len(data) - r.pos} bytes after the code section")
    container = Container(tuple(constants), tuple(functions), code)
    check_function_table(container)
    return container


def check_function_table(container: Container) -> None:
    code_size = len(container.code)
    if code_size > MAX_CODE_SIZE:
        raise VerifyError("code_size", f"{code_size} bytes of code exceed the limit of {MAX_CODE_SIZE}")
    expected_entry = 0
    selectors: set[bytes] = set()
    constructors = 0
    for index, fn in enumerate(container.functions):
        where = f"function {index}"
        if fn.flags & ~KNOWN_FLAGS:
            raise VerifyError("flags", f"{where} has unknown flag bits {fn.flags:#04x}")
        if fn.entry != expected_entry or fn.length == 0:
            raise VerifyError("function_layout", f"{where} must start at {expected_entry} and be non-empty")
        expected_entry = fn.entry + fn.length
        if len(fn.params) + len(fn.locals) > MAX_LOCALS:
            raise VerifyError("locals", f"{where} declares more than {MAX_LOCALS} local slots")
        entry_point = fn.flags & (EXTERNAL | CONSTRUCTOR)
        if entry_point:
            if fn.params != "b" or fn.returns != "b":
                raise VerifyError("entry_signature", f"{where} is an entry point and must take and return one byte string")
        elif fn.flags & (REENTRANT | VIEW | PAYABLE):
            raise VerifyError("flags", f"{where} is internal but has entry-point flags")
        if fn.flags & EXTERNAL and fn.flags & CONSTRUCTOR:
            raise VerifyError("flags", f"{where} cannot be both external and the constructor")
        if fn.flags & EXTERNAL:
            if fn.selector == NO_SELECTOR or fn.selector in selectors:
                raise VerifyError("selector", f"{where} needs a unique non-zero selector")
            selectors.add(fn.selector)
        elif fn.selector != NO_SELECTOR:
            raise VerifyError("selector", f"{where} is not external and must have a zero selector")
        if fn.flags & CONSTRUCTOR:
            constructors += 1
            if fn.flags & VIEW:
                raise VerifyError("flags", f"{where}: a constructor cannot be a view")
    if expected_entry != code_size:
        raise VerifyError("function_layout", f"functions cover {expected_entry} of {code_size} code bytes")
    if constructors > 1:
        raise VerifyError("flags", "more than one constructor")
