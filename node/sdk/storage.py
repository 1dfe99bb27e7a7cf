"""Reading contract storage directly, located by the compiler's layout artifact.

The layout (compiler/layout.py) names every variable's path: an 8-byte id,
then per level a map key's encoding, a struct field's 4-byte suffix or an
array index as u32. `storage_path(layout, "milestones", 3, "stage")` walks it
from Python values and returns the path and the leaf it ends at;
`decode_leaf` turns the stored bytes back into a Python value. The node's
state key of a path is `0x01 || contract address || path` (vm/state.py).
"""

from __future__ import annotations

import hashlib
import re

from .abi import TypeContext, address_bytes
from .errors import ArgumentError

STORAGE_PREFIX = b"\x01"


def state_key(address, path: bytes) -> bytes:
    """The state-tree key of a storage path (what `hutong_getProof` takes)."""
    return STORAGE_PREFIX + address_bytes(address) + path


def storage_path(layout: dict, variable: str, *steps) -> tuple[bytes, dict]:
    """(path bytes, the layout node the path ends at)."""
    variables = (layout or {}).get("variables", {})
    if variable not in variables:
        raise ArgumentError(f"no storage variable {variable!r}; the layout has {', '.join(sorted(variables))}")
    entry = variables[variable]
    path = bytes.fromhex(entry["id"])
    node = entry["layout"]
    where = variable
    for step in steps:
        kind = node["kind"]
        if kind == "map":
            path += encode_map_key(node, step, where)
            node = node["value"]
            where += f"[{step!r}]"
        elif kind == "struct":
            fields = {f["name"]: f for f in node["fields"]}
            if step not in fields:
                raise ArgumentError(f"{where} is a {node['name']}; name one of its fields: {', '.join(fields)}")
            path += bytes.fromhex(fields[step]["suffix"])
            node = fields[step]["layout"]
            where += f".{step}"
        elif kind in ("array", "dynarray"):
            if isinstance(step, bool) or not isinstance(step, int) or step < 0:
                raise ArgumentError(f"{where} is an array; index it with an integer, not {step!r}")
            path += step.to_bytes(4, "big")
            node = node["element"]
            where += f"[{step}]"
        else:
            raise ArgumentError(f"{where} is a single value; nothing to index with {step!r}")
    if node["kind"] in ("map", "struct", "array"):
        raise ArgumentError(f"{where} is a {node['kind']}, not a single value; go on to a key, field or index")
    return path, node


def encode_map_key(node: dict, key, where: str) -> bytes:
    encoding = node["key_encoding"]
    match = re.fullmatch(r"(\d+) bytes? big-endian( two's complement)?", encoding)
    try:
        if match:
            if isinstance(key, bool) or not isinstance(key, int):
                raise ValueError("an integer key")
            return key.to_bytes(int(match.group(1)), "big", signed=bool(match.group(2)))
        if encoding == "1 byte":
            return int(key).to_bytes(1, "big")
        if encoding == "20 bytes":
            return address_bytes(key)
        fixed = re.fullmatch(r"(\d+) bytes", encoding)
        if fixed:
            data = bytes.fromhex(key[2:]) if isinstance(key, str) else bytes(key)
            if len(data) != int(fixed.group(1)):
                raise ValueError(f"{fixed.group(1)} bytes")
            return data
        data = key.encode() if isinstance(key, str) else bytes(key)
        return hashlib.sha3_256(data).digest()
    except (ValueError, TypeError, OverflowError, ArgumentError) as exc:
        raise ArgumentError(f"{where}: key {key!r} does not fit {node['key']} ({encoding}): {exc}") from None


def decode_leaf(node: dict, raw: bytes | None, types: TypeContext | None = None):
    """The Python value of a stored leaf (or a DynArray's length)."""
    if node["kind"] == "dynarray":
        return int.from_bytes(raw or b"", "big", signed=True)
    lang = node["type"]
    stored_as = node["stored_as"]
    if stored_as == "int":
        value = int.from_bytes(raw or b"", "big", signed=True)
        if lang == "bool":
            return bool(value)
        members = (types.enums if types else {}).get(lang)
        return members(value) if members is not None and value in {m.value for m in members} else value
    if stored_as.startswith("int (unsigned"):
        value = int.from_bytes(raw or b"", "big")
        fixed = re.fullmatch(r"bytes(\d+)", lang)
        if fixed:
            return value.to_bytes(int(fixed.group(1)), "big")
        return "0x" + value.to_bytes(20, "big").hex()
    data = raw or b""
    return data.decode("utf-8") if lang.startswith("String") else data
