"""The language's types, and how each maps onto the VM and the canonical encoding.

Every type knows:
  `name`  how it is written in source (`DynArray[Payee, 20]`);
  `abi`   its canonical encoding descriptor with bounds (vm/abi.py), e.g. `(address,u128)[<=20]`;
  `sig`   its spelling in function, event and error signatures: bounds of strings,
          byte strings and dynamic arrays are left out (`string`, `bytes`, `T[]`) so a
          bound can change without changing a selector;
  `kind`  the VM value kind: 'i' int, 'b' bytes, 'l' list.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_FIELDS = 200


class Type:

    kind = "i"

    @property
    def abi(self) -> str:
        raise NotImplementedError

    @property
    def sig(self) -> str:
        return self.abi

    def __str__(self) -> str:
        return self.name

    # capabilities
    @property
    def is_value(self) -> bool:
        """Can live in memory (locals, parameters, returns)."""
        return True

    @property
    def storage_leaf(self) -> bool:
        return False


class NominalType:
    """Declared types (structs, enums, interfaces) are equal only to themselves."""

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return hash((type(self).__name__, self.name))


@dataclass(frozen=True)
class IntType(Type):
    bits: int
    signed: bool

    @property
    def name(self) -> str:
        return f"{'int' if self.signed else 'uint'}{self.bits}"

    @property
    def abi(self) -> str:
        return f"{'i' if self.signed else 'u'}{self.bits}"

    @property
    def lo(self) -> int:
        return -(1 << (self.bits - 1)) if self.signed else 0

    @property
    def hi(self) -> int:
        return (1 << (self.bits - 1)) - 1 if self.signed else (1 << self.bits) - 1

    def contains(self, other: "IntType") -> bool:
        return self.lo <= other.lo and other.hi <= self.hi

    @property
    def storage_leaf(self) -> bool:
        return True


@dataclass(frozen=True)
class BoolType(Type):
    name = "bool"

    @property
    def abi(self) -> str:
        return "bool"

    @property
    def storage_leaf(self) -> bool:
        return True


@dataclass(frozen=True)
class AddressType(Type):
    name = "address"
    kind = "b"

    @property
    def abi(self) -> str:
        return "address"

    @property
    def storage_leaf(self) -> bool:
        return True

    size = 20


@dataclass(frozen=True)
class FixedBytesType(Type):
    size: int
    kind = "b"

    @property
    def name(self) -> str:
        return f"bytes{self.size}"

    @property
    def abi(self) -> str:
        return f"bytes{self.size}"

    @property
    def storage_leaf(self) -> bool:
        return True


@dataclass(frozen=True)
class BytesType(Type):
    max: int
    kind = "b"

    @property
    def name(self) -> str:
        return f"Bytes[{self.max}]"

    @property
    def abi(self) -> str:
        return f"bytes<={self.max}"

    @property
    def sig(self) -> str:
        return "bytes"

    @property
    def storage_leaf(self) -> bool:
        return True


@dataclass(frozen=True)
class StringType(Type):
    max: int
    kind = "b"

    @property
    def name(self) -> str:
        return f"String[{self.max}]"

    @property
    def abi(self) -> str:
        return f"string<={self.max}"

    @property
    def sig(self) -> str:
        return "string"

    @property
    def storage_leaf(self) -> bool:
        return True


@dataclass(frozen=True)
class ArrayType(Type):
    elem: Type
    length: int
    kind = "l"

    @property
    def name(self) -> str:
        return f"{self.elem.name}[{self.length}]"

    @property
    def abi(self) -> str:
        return f"{self.elem.abi}[{self.length}]"

    @property
    def sig(self) -> str:
        return f"{self.elem.sig}[{self.length}]"


@dataclass(frozen=True)
class DynArrayType(Type):
    elem: Type
    max: int
    kind = "l"

    @property
    def name(self) -> str:
        return f"DynArray[{self.elem.name}, {self.max}]"

    @property
    def abi(self) -> str:
        return f"{self.elem.abi}[<={self.max}]"

    @property
    def sig(self) -> str:
        return f"{self.elem.sig}[]"


@dataclass(frozen=True)
class HashMapType(Type):
    key: Type
    value: Type
    kind = "?"

    @property
    def name(self) -> str:
        return f"HashMap[{self.key.name}, {self.value.name}]"

    @property
    def abi(self) -> str:
        raise TypeError("a HashMap has no encoding")

    @property
    def is_value(self) -> bool:
        return False


@dataclass(frozen=True, eq=False)
class StructType(NominalType, Type):
    name: str
    fields: tuple  # ((field name, Type), ...) -- filled in place after creation
    kind = "l"

    @property
    def abi(self) -> str:
        return "(" + ",".join(t.abi for _, t in self.fields) + ")"

    @property
    def sig(self) -> str:
        return "(" + ",".join(t.sig for _, t in self.fields) + ")"

    def field(self, name: str):
        for index, (field_name, field_type) in enumerate(self.fields):
            if field_name == name:
                return index, field_type
        return None



@dataclass(frozen=True, eq=False)
class EnumType(NominalType, Type):
    name: str
    members: tuple[str, ...]

    @property
    def abi(self) -> str:
        return "u8"

    @property
    def storage_leaf(self) -> bool:
        return True



@dataclass(frozen=True, eq=False)
class InterfaceType(NominalType, Type):
    name: str
    kind = "b"

    @property
    def abi(self) -> str:
        return "address"

    @property
    def storage_leaf(self) -> bool:
        return True


    size = 20


@dataclass(frozen=True)
class TupleType(Type):
    elems: tuple
    kind = "t"

    @property
    def name(self) -> str:
        return "(" + ", ".join(t.name for t in self.elems) + ")"

    @property
    def abi(self) -> str:
        return "(" + ",".join(t.abi for t in self.elems) + ")"

    @property
    def sig(self) -> str:
        return "(" + ",".join(t.sig for t in self.elems) + ")"


@dataclass(frozen=True)
class VoidType(Type):
    name = "nothing"

    @property
    def abi(self) -> str:
        return "()"


UINT256 = IntType(256, False)
INT256 = IntType(256, True)
UINT8 = IntType(8, False)
UINT32 = IntType(32, False)
UINT64 = IntType(64, False)
BOOL = BoolType()
ADDRESS = AddressType()
BYTES32 = FixedBytesType(32)
VOID = VoidType()

INT_TYPES = {f"{'int' if s else 'uint'}{b}": IntType(b, s) for s in (False, True) for b in range(8, 257, 8)}
SIMPLE_TYPES: dict[str, Type] = {**INT_TYPES, "bool": BOOL, "address": ADDRESS}
for _n in range(1, 33):
    SIMPLE_TYPES[f"bytes{_n}"] = FixedBytesType(_n)


def fixed_bytes_size(t: Type) -> int | None:
    """Width of address-like and bytesN values (stored as unsigned integers)."""
    if isinstance(t, (AddressType, InterfaceType)):
        return 20
    if isinstance(t, FixedBytesType):
        return t.size
    return None


def is_int(t: Type) -> bool:
    return isinstance(t, IntType)


def int_like(t: Type) -> bool:
    """Represented as a VM int: integers, bools and enums."""
    return isinstance(t, (IntType, BoolType, EnumType))


def contains_enum(t: Type) -> bool:
    """Whether decoded values of this type need an enum range check."""
    work, seen = [t], 0
    while work and seen < 10000:
        seen += 1
        x = work.pop()
        if isinstance(x, EnumType):
            return True
        if isinstance(x, (ArrayType, DynArrayType)):
            work.append(x.elem)
        elif isinstance(x, StructType):
            work.extend(ft for _, ft in x.fields)
        elif isinstance(x, TupleType):
            work.extend(x.elems)
    return False


def max_encoded_size(t: Type) -> int:
    if isinstance(t, IntType):
        return t.bits // 8
    if isinstance(t, (BoolType, EnumType)):
        return 1
    if isinstance(t, (AddressType, InterfaceType)):
        return 20
    if isinstance(t, FixedBytesType):
        return t.size
    if isinstance(t, (BytesType, StringType)):
        return 4 + t.max
    if isinstance(t, ArrayType):
        return t.length * max_encoded_size(t.elem)
    if isinstance(t, DynArrayType):
        return 4 + t.max * max_encoded_size(t.elem)
    if isinstance(t, StructType):
        return sum(max_encoded_size(ft) for _, ft in t.fields)
    if isinstance(t, TupleType):
        return sum(max_encoded_size(e) for e in t.elems)
    return 0


def assignable(source: Type, target: Type) -> bool:
    """Whether a value of `source` may be used where `target` is expected without
    `convert`: identical types, integer widening, and widening of bounds."""
    if source == target:
        return True
    if isinstance(source, IntType) and isinstance(target, IntType):
        return target.contains(source)
    if isinstance(source, BytesType) and isinstance(target, BytesType):
        return source.max <= target.max
    if isinstance(source, StringType) and isinstance(target, StringType):
        return source.max <= target.max
    if isinstance(source, DynArrayType) and isinstance(target, DynArrayType):
        return source.max <= target.max and source.elem == target.elem
    return False
