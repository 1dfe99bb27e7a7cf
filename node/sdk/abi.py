"""Python values <-> the VM's values, typed by a contract's ABI.

The canonical encoding (vm/abi.py) works on VM values: integers and booleans
are ints, addresses and byte strings and strings are `bytes`, arrays and
tuples are lists. People write Python, so the SDK converts both ways:

  ABI type         Python in (accepted)                        Python out
  u8..u256, i*     int (text: decimal, 0x-hex, `_` allowed)    int
  bool             True/False (or 0/1; text: true/false/1/0)   bool
  address          "0x" + 40 hex, 20 bytes, or anything with   "0x..." (lowercase)
                   an `.address` (a Key, an account, a contract)
  bytesN           N bytes or "0x" + 2N hex                    bytes
  bytes<=N         bytes or "0x"-hex text                      bytes
  string<=N        str (stored as UTF-8) or bytes              str
  enum (u8)        member name ("PAID"), int or the IntEnum    the contract's IntEnum member
  struct           dict by field name, or a tuple/list         a named tuple (`m.planned`, `m[0]`)
  T[N], T[<=N]     list or tuple                               list
  bytes32 role     a role name ("SUPERVISOR") where the ABI    bytes
                   declares roles

A value that does not fit raises `ArgumentError` naming the parameter, the
expected type and an example of a value that would fit. `example(spec)` and
`parse_text(spec, text)` serve the command line, where arguments arrive as
text and arrays and structs as JSON.

A *spec* is one entry of the ABI's `inputs`/`outputs`/`components` (the
compiler's `type_json`: `type`, `lang_type`, and `components`, `element`,
`enum` where they apply). Specs without those details (built-in errors) are
completed from the type string.
"""

from __future__ import annotations

import enum
import json
from collections import namedtuple
from functools import lru_cache

from vm import abi as vm_abi

from .errors import ArgumentError


# --- specs ------------------------------------------------------------------------

def normalize(spec: dict | str) -> dict:
    """A spec with `kind` and the nested details filled in from the type string."""
    if isinstance(spec, str):
        spec = {"type": spec}
    return _complete(spec, vm_abi.parse_type(spec["type"]))


def _complete(spec: dict, parsed: vm_abi.AbiType) -> dict:
    out = dict(spec)
    out["kind"] = parsed.kind
    out["parsed"] = parsed
    if parsed.kind in ("array", "dynarray"):
        out["element"] = _complete(spec.get("element") or {"type": str(parsed.elem)}, parsed.elem)
    elif parsed.kind == "tuple":
        given = spec.get("components")
        if given and len(given) == len(parsed.fields):
            out["components"] = [_complete(c, f) for c, f in zip(given, parsed.fields)]
        else:
            out["components"] = [_complete({"type": str(f), "name": f"field{i}"}, f)
                                 for i, f in enumerate(parsed.fields)]
    return out


def type_label(spec: dict) -> str:
    """How a type is shown to people: the language's name, and the ABI type when they differ."""
    lang, wire = spec.get("lang_type"), spec["type"]
    return f"{lang} ({wire})" if lang and lang != wire else wire


# --- the conversion context --------------------------------------------------------

class TypeContext:
    """What value conversion needs from one contract's ABI: its enums (as
    IntEnum classes) and its roles (name -> 32-byte id)."""

    def __init__(self, contract_abi: dict | None = None):
        contract_abi = contract_abi or {}
        self.enums: dict[str, type[enum.IntEnum]] = {}
        for item in contract_abi.get("enums") or []:
            members = sorted(item["members"].items(), key=lambda kv: kv[1])
            self.enums[item["name"]] = enum.IntEnum(item["name"], members)
        self.roles: dict[str, bytes] = {name: bytes.fromhex(value)
                                        for name, value in (contract_abi.get("roles") or {}).items()}

    # Python -> VM ------------------------------------------------------------------

    def to_vm(self, spec: dict, value, where: str = "value"):
        """Convert one Python value for `spec` (normalized); ArgumentError names `where`."""
        try:
            return self._to_vm(spec, value, where)
        except ArgumentError:
            raise
        except (TypeError, ValueError, OverflowError, KeyError) as exc:
            raise self.error(spec, value, where, str(exc)) from None

    def error(self, spec: dict, value, where: str, problem: str) -> ArgumentError:
        shown = repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        return ArgumentError(f"{where}: expected {type_label(spec)}, got {shown}: {problem}; "
                             f"example: {json.dumps(self.example(spec))}")

    def _to_vm(self, spec: dict, value, where: str):
        kind = spec["kind"]
        parsed = spec["parsed"]
        if kind == "int":
            if spec.get("enum"):
                return self._enum_in(spec, value, where)
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.error(spec, value, where, "not an integer")
            low, high = _int_range(parsed)
            if not low <= value <= high:
                raise self.error(spec, value, where, f"out of range {low}..{high}")
            return value
        if kind == "bool":
            if value is True or value is False or (isinstance(value, int) and value in (0, 1)):
                return int(value)
            raise self.error(spec, value, where, "not a bool")
        if kind == "address":
            return address_bytes(value, lambda problem: self.error(spec, value, where, problem))
        if kind == "fixed_bytes":
            if isinstance(value, str) and not value.startswith("0x") and parsed.size == 32 and value in self.roles:
                return self.roles[value]
            data = _bytes_in(value, lambda problem: self.error(spec, value, where, problem))
            if len(data) != parsed.size:
                raise self.error(spec, value, where, f"{len(data)} bytes, not {parsed.size}")
            return data
        if kind in ("bytes", "string"):
            if kind == "string" and isinstance(value, str):
                data = value.encode("utf-8")
            else:
                data = _bytes_in(value, lambda problem: self.error(spec, value, where, problem))
            if len(data) > parsed.size:
                raise self.error(spec, value, where, f"{len(data)} bytes, more than the bound {parsed.size}")
            return data
        if kind in ("array", "dynarray"):
            if not isinstance(value, (list, tuple)):
                raise self.error(spec, value, where, "not a list")
            if kind == "array" and len(value) != parsed.size:
                raise self.error(spec, value, where, f"{len(value)} elements, not {parsed.size}")
            if kind == "dynarray" and len(value) > parsed.size:
                raise self.error(spec, value, where, f"{len(value)} elements, more than the bound {parsed.size}")
            element = spec["element"]
            return [self._to_vm(element, item, f"{where}[{i}]") for i, item in enumerate(value)]
        # tuple / struct
        components = spec["components"]
        names = [c.get("name") for c in components]
        if isinstance(value, dict):
            missing = [n for n in names if n not in value]
            extra = [k for k in value if k not in names]
            if missing or extra:
                problem = "; ".join(filter(None, [missing and f"missing field(s) {', '.join(missing)}",
                                                  extra and f"unknown field(s) {', '.join(map(str, extra))}"]))
                raise self.error(spec, value, where, problem)
            items = [value[n] for n in names]
        elif isinstance(value, (list, tuple)):
            if len(value) != len(components):
                raise self.error(spec, value, where, f"{len(value)} fields, not {len(components)}")
            items = list(value)
        else:
            raise self.error(spec, value, where, "not a dict or tuple")
        return [self._to_vm(c, item, f"{where}.{c.get('name')}") for c, item in zip(components, items)]

    def _enum_in(self, spec: dict, value, where: str) -> int:
        members = self.enums.get(spec["enum"])
        if isinstance(value, str) and members is not None:
            try:
                return int(members[value])
            except KeyError:
                raise self.error(spec, value, where, f"not a member of {spec['enum']} "
                                                     f"({', '.join(m.name for m in members)})") from None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(spec, value, where, "not an enum member name or integer")
        if members is not None and value not in {m.value for m in members}:
            raise self.error(spec, value, where, f"no member of {spec['enum']} has value {value}")
        if not 0 <= value <= 255:
            raise self.error(spec, value, where, "out of range 0..255")
        return int(value)

    # VM -> Python ------------------------------------------------------------------

    def from_vm(self, spec: dict, value):
        kind = spec["kind"]
        if kind == "int":
            members = self.enums.get(spec.get("enum") or "")
            if members is not None:
                try:
                    return members(value)
                except ValueError:
                    return value
            return value
        if kind == "bool":
            return bool(value)
        if kind == "address":
            return "0x" + value.hex()
        if kind == "string":
            return value.decode("utf-8")
        if kind in ("fixed_bytes", "bytes"):
            return bytes(value)
        if kind in ("array", "dynarray"):
            return [self.from_vm(spec["element"], item) for item in value]
        components = spec["components"]
        values = [self.from_vm(c, item) for c, item in zip(components, value)]
        if spec.get("struct"):
            return struct_class(spec["struct"], tuple(c.get("name") for c in components))(*values)
        return tuple(values)

    # Examples and text ------------------------------------------------------------

    def example(self, spec: dict):
        """A JSON value that fits the type (shown in argument errors)."""
        kind = spec["kind"]
        parsed = spec["parsed"]
        if kind == "int":
            if spec.get("enum"):
                members = self.enums.get(spec["enum"])
                return next(iter(members)).name if members else 0
            low, high = _int_range(parsed)  # the example must fit the type (uint8: 255, not 1000)
            return max(-5, low) if parsed.signed else min(1000, high)
        if kind == "bool":
            return True
        if kind == "address":
            return "0x" + "11" * 20
        if kind == "fixed_bytes":
            return "0x" + "ab" * parsed.size
        if kind == "bytes":
            return "0xdeadbeef"
        if kind == "string":
            return "hello"
        if kind == "array":
            return [self.example(spec["element"])] * min(parsed.size, 3)
        if kind == "dynarray":
            return [self.example(spec["element"])] * min(parsed.size, 2)
        return {c.get("name"): self.example(c) for c in spec["components"]}

    def parse_text(self, spec: dict, text: str, where: str = "value"):
        """A command-line argument: scalars as text, arrays and structs as JSON."""
        kind = spec["kind"]
        try:
            if kind == "int" and not spec.get("enum"):
                value = parse_int(text)
            elif kind == "int":
                value = int(text) if text.lstrip("-").isdigit() else text
            elif kind == "bool":
                lowered = text.strip().lower()
                if lowered not in ("true", "false", "1", "0"):
                    raise ValueError("write true or false")
                value = lowered in ("true", "1")
            elif kind in ("address", "fixed_bytes", "bytes", "string"):
                value = text
            else:
                value = self._from_json(spec, json.loads(text))
        except (ValueError, json.JSONDecodeError) as exc:
            raise self.error(spec, text, where, str(exc)) from None
        return self.to_vm(spec, value, where)

    def _from_json(self, spec: dict, value):
        """Integers may come as JSON strings (decimal or 0x) inside JSON arguments."""
        kind = spec["kind"]
        if kind == "int" and isinstance(value, str) and not spec.get("enum"):
            return parse_int(value)
        if kind in ("array", "dynarray") and isinstance(value, list):
            return [self._from_json(spec["element"], item) for item in value]
        if kind == "tuple" and isinstance(value, dict):
            by_name = {c.get("name"): c for c in spec["components"]}
            return {k: self._from_json(by_name[k], v) if k in by_name else v for k, v in value.items()}
        if kind == "tuple" and isinstance(value, list):
            return [self._from_json(c, v) for c, v in zip(spec["components"], value)] + value[len(spec["components"]):]
        return value


@lru_cache(maxsize=1024)
def struct_class(name: str, fields: tuple[str, ...]):
    """The named tuple a struct decodes to (one class per struct name and fields)."""
    return namedtuple(name, fields, rename=True)


def _int_range(parsed: vm_abi.AbiType) -> tuple[int, int]:
    if parsed.signed:
        return -(1 << (parsed.bits - 1)), (1 << (parsed.bits - 1)) - 1
    return 0, (1 << parsed.bits) - 1


def parse_int(text: str) -> int:
    text = text.strip().replace("_", "")
    negative = text.startswith("-")
    digits = text[1:] if negative else text
    if digits.lower().startswith("0x"):
        value = int(digits[2:], 16)
    elif digits.isdigit():
        value = int(digits)
    else:
        raise ValueError("not an integer (write decimal digits or 0x-hex)")
    return -value if negative else value


def _bytes_in(value, fail) -> bytes:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, str):
        if not value.startswith("0x"):
            raise fail("byte strings are written as 0x-hex")
        try:
            return bytes.fromhex(value[2:])
        except ValueError:
            raise fail("not valid hex") from None
    raise fail("not bytes or 0x-hex text")


def address_bytes(value, fail=None) -> bytes:
    """20 address bytes from "0x..." text, bytes, or an object with `.address`."""
    def problem(text):
        return fail(text) if fail else ArgumentError(f"{value!r} is not an address: {text}")
    inner = getattr(value, "address", None)
    if inner is not None and not isinstance(value, (str, bytes)):
        value = inner
    if isinstance(value, (bytes, bytearray)):
        if len(value) != 20:
            raise problem(f"{len(value)} bytes, not 20")
        return bytes(value)
    if isinstance(value, str):
        if not value.startswith("0x") or len(value) != 42:
            raise problem("an address is 0x followed by 40 hex digits")
        try:
            return bytes.fromhex(value[2:])
        except ValueError:
            raise problem("not valid hex") from None
    raise problem("not an address")


def address_hex(value) -> str:
    return "0x" + address_bytes(value).hex()


class AddressLike:
    """Equality, hashing and str() by the `address` attribute ("0x..."), so an
    account or a contract proxy compares equal to its address as text or bytes."""

    address: str

    def __eq__(self, other) -> bool:
        try:
            return address_bytes(other) == bytes.fromhex(self.address[2:])
        except (ArgumentError, TypeError):
            return NotImplemented

    def __hash__(self) -> int:
        return hash(self.address)

    def __str__(self) -> str:
        return self.address


# --- whole argument lists, results, events and errors ---------------------------------

def encode_arguments(context: TypeContext, specs: list[dict], names: list[str], args: tuple, kwargs: dict,
                     what: str) -> bytes:
    """The canonical encoding of a function's argument tuple (`specs` normalized),
    from positional and keyword arguments (by parameter name)."""
    if len(args) > len(specs):
        raise ArgumentError(f"{what} takes {len(specs)} argument(s) ({', '.join(names) or 'none'}), "
                            f"got {len(args)}")
    values = list(args)
    if len(values) < len(specs) or kwargs:
        kwargs = dict(kwargs)
        for name in names[len(args):]:
            if name not in kwargs:
                missing = [n for n in names[len(values):] if n not in kwargs]
                raise ArgumentError(f"{what} is missing argument(s) {', '.join(missing)} "
                                    f"(it takes {', '.join(names)})")
            values.append(kwargs.pop(name))
        if kwargs:
            raise ArgumentError(f"{what} has no parameter(s) {', '.join(kwargs)} "
                                f"(it takes {', '.join(names) or 'none'})")
    if not specs:
        return b""
    converted = [context.to_vm(spec, value, f"{what} argument {name}")
                 for spec, name, value in zip(specs, names, values)]
    try:
        return vm_abi.encode("(" + ",".join(s["type"] for s in specs) + ")", converted)
    except vm_abi.AbiError as exc:  # a bound the per-value checks missed (total size)
        raise ArgumentError(f"{what}: arguments do not encode: {exc}") from None


def decode_outputs(context: TypeContext, specs: list[dict], data: bytes):
    """None for no outputs, the value for one, a tuple for several (`specs` normalized)."""
    if not specs:
        return None
    values = vm_abi.decode("(" + ",".join(s["type"] for s in specs) + ")", data)
    converted = [context.from_vm(spec, value) for spec, value in zip(specs, values)]
    return converted[0] if len(converted) == 1 else tuple(converted)


def decode_fields(context: TypeContext, specs: list[dict], data: bytes) -> dict:
    """Named fields (an error's or an event's data; `specs` normalized) as a dict."""
    values = vm_abi.decode("(" + ",".join(s["type"] for s in specs) + ")", data) if specs else []
    return {spec.get("name") or str(i): context.from_vm(spec, value)
            for i, (spec, value) in enumerate(zip(specs, values))}


def topic_value(context: TypeContext, spec: dict, topic: bytes):
    """An indexed event field from its 32-byte topic (see compiler/codegen.py,
    `topic`): unsigned ints, bools and enums as u256; signed ints, addresses
    and bytesN left-padded; anything else is the sha3_256 of its encoding and
    comes back as those 32 bytes."""
    kind = spec["kind"]
    parsed = spec["parsed"]
    if kind == "int" and not parsed.signed:
        return context.from_vm(spec, int.from_bytes(topic, "big"))
    if kind == "bool":
        return bool(int.from_bytes(topic, "big"))
    if kind == "int":
        width = parsed.bits // 8
        return int.from_bytes(topic[32 - width:], "big", signed=True)
    if kind == "address":
        return "0x" + topic[12:].hex()
    if kind == "fixed_bytes":
        return topic[32 - parsed.size:]
    return topic


def topic_of(context: TypeContext, spec: dict, value) -> bytes:
    """The topic an indexed field with this value produces (for log filters)."""
    import hashlib

    kind = spec["kind"]
    parsed = spec["parsed"]
    converted = context.to_vm(spec, value)
    if kind in ("int", "bool") and not (kind == "int" and parsed.signed):
        return int(converted).to_bytes(32, "big")
    if kind == "int":
        return converted.to_bytes(parsed.bits // 8, "big", signed=True).rjust(32, b"\x00")
    if kind in ("address", "fixed_bytes"):
        return converted.rjust(32, b"\x00")
    return hashlib.sha3_256(vm_abi.encode("(" + spec["type"] + ")", [converted])).digest()


def to_json(value):
    """A decoded value as JSON (bytes as 0x-hex, structs as objects, enums by name)."""
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, (bytes, bytearray)):
        return "0x" + bytes(value).hex()
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {k: to_json(v) for k, v in value._asdict().items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


# --- the canonical encoding and hashes, as contracts compute them ------------------------------

def abi_encode(types: list, values: list | tuple, context: TypeContext | None = None) -> bytes:
    """What a contract's `abi_encode(a, b, ...)` gives for values of these ABI
    types (`"address"`, `"u128"`, `"bytes32"`, `"string<=32"`, `"(address,u128)[<=10]"`,
    or ABI specs, whose structs take dicts by field name), Python values converted
    as for calls: `abi_encode(["address", "u128"], [bidder, 500])`."""
    if len(types) != len(values):
        raise ArgumentError(f"{len(types)} types but {len(values)} values")
    context = context or TypeContext()
    specs = [normalize(t) for t in types]
    converted = [context.to_vm(spec, value, f"value {i}") for i, (spec, value) in enumerate(zip(specs, values))]
    return vm_abi.encode("(" + ",".join(s["type"] for s in specs) + ")", converted)


def hash_values(types, values, hash_name: str = "sha3_256") -> bytes:
    """`sha3_256(abi_encode(...))` (or "sha256", "sm3") bit for bit as a contract
    computes it: commitments, hashed ids."""
    from vm.runtime import HASHES

    functions = {"sha3_256": HASHES["SHA3"], "sha256": HASHES["SHA256"], "sm3": HASHES["SM3"]}
    if hash_name not in functions:
        raise ArgumentError(f"unknown hash {hash_name!r}; use sha3_256, sha256 or sm3")
    return functions[hash_name](abi_encode(types, values))
