"""Storage layout: where each variable lives in the contract's key-value storage.

Keys are paths built from names, never from declaration order, so adding,
removing or reordering variables never moves the others:

  variable      sha3_256(name)[:8]                      (8 bytes)
  map entry     parent ++ key encoding                  (ints: fixed width big-endian, two's
                                                        complement if signed; bool and enums: 1
                                                        byte; address 20 bytes; bytesN N bytes;
                                                        Bytes/String keys: sha3_256(the bytes))
  struct field  parent ++ sha3_256(field name)[:4]
  array element parent ++ index as u32 (big-endian)
  DynArray      length at the parent path itself, element i at parent ++ u32(i)

Each leaf value (an integer, bool, enum, address, bytesN, Bytes or String) is
one storage key. Integers, bools and enums are stored as integers; address,
interfaces and bytesN as the unsigned integer of their bytes (so the zero
value deletes the key, like every other zero); Bytes and String as their bytes.

Roles live under the reserved variable `$roles`: `$roles ++ role id ++ address`
holds 1 for a member. Immutables are storage variables written once, by the
constructor.

`layout_json(contract)` is the `layout` artifact; `storage_key(...)` computes a
key from Python, for tests, the node and the SDK.
"""

from __future__ import annotations

import hashlib

from .declarations import ROLES_VARIABLE, Contract
from .errors import Diagnostics
from .types import (
    AddressType, ArrayType, BoolType, BytesType, DynArrayType, EnumType, FixedBytesType, HashMapType, IntType,
    InterfaceType, StringType, StructType, Type, max_encoded_size,
)

MAX_KEY = 256  # vm/constants.py MAX_STORAGE_KEY


def variable_id(name: str) -> bytes:
    return hashlib.sha3_256(name.encode()).digest()[:8]


def field_suffix(name: str) -> bytes:
    return hashlib.sha3_256(name.encode()).digest()[:4]


def key_width(t: Type) -> int:
    """Bytes a map key of type t adds to a path: its fixed encoding, or a 32-byte hash."""
    if isinstance(t, (BytesType, StringType)):
        return 32
    return max_encoded_size(t)


def encode_key(t: Type, value) -> bytes:
    """The bytes a map key contributes to a storage path (Python side)."""
    if isinstance(t, IntType):
        return int(value).to_bytes(t.bits // 8, "big", signed=t.signed)
    if isinstance(t, (BoolType, EnumType)):
        return int(value).to_bytes(1, "big")
    if isinstance(t, (AddressType, InterfaceType, FixedBytesType)):
        return bytes(value)
    data = value.encode() if isinstance(value, str) else bytes(value)
    return hashlib.sha3_256(data).digest()


def max_key_length(t: Type) -> int:
    """The longest path suffix below a value of type t."""
    work = [(t, 0)]
    longest = 0
    steps = 0
    while work and steps < 100000:
        steps += 1
        x, depth = work.pop()
        longest = max(longest, depth)
        if isinstance(x, HashMapType):
            work.append((x.value, depth + key_width(x.key)))
        elif isinstance(x, StructType):
            work.extend((ft, depth + 4) for _, ft in x.fields)
        elif isinstance(x, (ArrayType, DynArrayType)):
            work.append((x.elem, depth + 4))
    return longest


def check_layout(contract: Contract, diags: Diagnostics) -> None:
    seen: dict[bytes, str] = {}
    for name, var in [(ROLES_VARIABLE, None), *contract.storage.items()]:
        vid = variable_id(name)
        if vid in seen:
            diags.error("E0109", f"storage ids of `{name}` and `{seen[vid]}` collide; rename one", var.span if var else None)
        seen[vid] = name
        if var is not None and 8 + max_key_length(var.type) > MAX_KEY:
            diags.error("E0109", f"keys under `{name}` can exceed {MAX_KEY} bytes", var.span,
                        "nest fewer maps, or key by a hash of the composite key")
    for struct in contract.structs.values():
        suffixes: dict[bytes, str] = {}
        for fname, _ in struct.fields:
            s = field_suffix(fname)
            if s in suffixes:
                diags.error("E0109", f"fields {fname} and {suffixes[s]} of {struct.name} collide in storage; rename one", None)
            suffixes[s] = fname


def describe(t: Type) -> dict:
    """How values of type t are laid out under a path (recursive; types are shallow)."""
    if isinstance(t, HashMapType):
        return {"kind": "map", "key": t.key.name, "key_encoding": _key_encoding(t.key), "value": describe(t.value)}
    if isinstance(t, StructType):
        return {"kind": "struct", "name": t.name,
                "fields": [{"name": n, "suffix": field_suffix(n).hex(), "layout": describe(ft)} for n, ft in t.fields]}
    if isinstance(t, ArrayType):
        return {"kind": "array", "length": t.length, "index": "u32", "element": describe(t.elem)}
    if isinstance(t, DynArrayType):
        return {"kind": "dynarray", "capacity": t.max, "index": "u32", "length_at": "path", "element": describe(t.elem)}
    return {"kind": "leaf", "type": t.name, "stored_as": _stored_as(t)}


def _key_encoding(t: Type) -> str:
    if isinstance(t, IntType):
        return f"{t.bits // 8} bytes big-endian{' two''s complement' if t.signed else ''}"
    if isinstance(t, (BoolType, EnumType)):
        return "1 byte"
    if isinstance(t, (AddressType, InterfaceType)):
        return "20 bytes"
    if isinstance(t, FixedBytesType):
        return f"{t.size} bytes"
    return "sha3_256 of the bytes (32 bytes)"


def _stored_as(t: Type) -> str:
    if isinstance(t, (IntType, BoolType, EnumType)):
        return "int"
    if isinstance(t, (AddressType, InterfaceType, FixedBytesType)):
        return "int (unsigned big-endian value of the bytes)"
    if isinstance(t, (BytesType, StringType)):
        return "bytes"
    return "?"


def layout_json(contract: Contract) -> dict:
    variables = {}
    for name in sorted(contract.storage):
        var = contract.storage[name]
        variables[name] = {"id": variable_id(name).hex(), "type": var.type.name,
                           "immutable": var.immutable, "layout": describe(var.type)}
    out = {"version": 1, "variables": variables}
    if contract.uses_roles:
        out["roles"] = {"variable": ROLES_VARIABLE, "id": variable_id(ROLES_VARIABLE).hex(),
                        "key": "id ++ role id (32 bytes) ++ account (20 bytes)", "member_value": 1,
                        "role_ids": {name: contract.role_id(name).hex() for name in ["ADMIN", *contract.roles]}}
    return out
