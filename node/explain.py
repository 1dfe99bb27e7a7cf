"""Explain a failed execution to a person: which error, with which arguments,
raised at which source line.

Revert data is decoded with, in order: the VM's built-in errors, the
language's `Error(string)`, and the custom errors of the failing contract's
ABI. Failure points (address, function, pc), innermost first, are mapped to
file:line:column through each contract's source map, stored with its code at
deployment (node/tx.py, deployment metadata).
"""

from __future__ import annotations

import logging
from typing import Callable

from vm import abi
from vm.container import selector
from vm.runtime import ERROR_BY_SELECTOR

from . import crypto

ERROR_STRING = selector("Error(string)")
log = logging.getLogger("hutong.node")


def decode_revert(data: bytes, contract_abi: dict | None) -> dict | None:
    """{"name": ..., "args": {...} or [...], "signature": ...} or None if unknown."""
    if len(data) < 4:
        return None
    head, body = data[:4], data[4:]
    if head in ERROR_BY_SELECTOR and not body:
        return {"name": ERROR_BY_SELECTOR[head], "args": {}, "builtin": True}
    if head == ERROR_STRING:
        try:
            (message,) = abi.decode("(string<=1048576)", body)
            return {"name": "Error", "args": {"message": message.decode("utf-8")}, "message": message.decode()}
        except (abi.AbiError, UnicodeDecodeError):
            return None
    for error in (contract_abi or {}).get("errors", []):
        if error.get("selector") and bytes.fromhex(error["selector"].removeprefix("0x")) == head:
            input_type = error.get("input_type") or "(" + ",".join(f["type"] for f in error.get("inputs", [])) + ")"
            try:
                values = abi.decode(input_type, body)
            except (abi.AbiError, KeyError, TypeError):
                return {"name": error.get("name"), "args": {}, "undecodable": True}
            fields = error.get("inputs", [])
            names = [field.get("name", str(i)) for i, field in enumerate(fields)]
            types = [abi.parse_type(field["type"]) for field in fields]
            return {"name": error.get("name"), "signature": error.get("signature"),
                    "args": {name: to_json(value, t) for name, value, t in zip(names, values, types)}}
    return None


def source_location(metadata: dict | None, function: int, pc: int) -> dict | None:
    if not metadata or "source_map" not in metadata or pc < 0:
        return None
    from compiler.sourcemap import lookup

    found = lookup(metadata["source_map"], function, pc)
    if found is None:
        return None
    file, line, column, end_line, end_column, name = found
    location = {"file": file, "line": line, "column": column, "end_line": end_line, "end_column": end_column,
                "function": name}
    source = metadata.get("source")
    if isinstance(source, str):
        lines = source.splitlines()
        if 0 < line <= len(lines):
            text = lines[line - 1]
            width = max(1, (end_column - column) if end_line == line else len(text) - column + 1)
            location["excerpt"] = f"{line:>5} | {text}\n      | {' ' * (column - 1)}{'^' * width}"
    return location


def explain_failure(status: str, output: bytes, halt: str, failure, metadata_of: Callable[[bytes], dict | None]) -> dict:
    """Everything the node can say about a failed execution. Total: it never
    raises (it runs inside the commit of a block). Should anything go wrong
    (metadata of a shape it does not expect, say), the bare explanation:
    status, halt and the revert data."""
    try:
        return _explain(status, output, halt, failure, metadata_of)
    except Exception:
        log.warning("explaining a failure failed; giving the bare explanation", exc_info=True)
        bare: dict = {"status": status}
        if halt:
            bare["halt"] = halt
        if status == "revert":
            bare["data"] = "0x" + bytes(output).hex()
        return bare


def _explain(status: str, output: bytes, halt: str, failure, metadata_of: Callable[[bytes], dict | None]) -> dict:
    explanation: dict = {"status": status}
    if halt:
        explanation["halt"] = halt
    trace = []
    for point in failure:
        metadata = metadata_of(point.address) if point.address else None
        trace.append({"address": crypto.to_hex(point.address), "function": point.function, "pc": point.pc,
                      "contract": (metadata or {}).get("name"),
                      "location": source_location(metadata, point.function, point.pc)})
    if trace:
        explanation["trace"] = trace
        innermost = trace[0]
        if innermost["location"]:
            explanation["location"] = innermost["location"]
    if status == "revert":
        contract_abi = None
        for point in failure:
            metadata = metadata_of(point.address)
            decoded = decode_revert(output, (metadata or {}).get("abi"))
            if decoded is not None:
                explanation["error"] = decoded
                break
        else:
            decoded = decode_revert(output, contract_abi)
            if decoded is not None:
                explanation["error"] = decoded
        explanation["data"] = "0x" + output.hex()
    elif status == "out_of_gas":
        explanation["error"] = {"name": "OutOfGas", "args": {}}
    return explanation


def to_json(value, abi_type: "abi.AbiType | None" = None):
    """A decoded value as JSON: strings as text (when the type says so), other
    byte strings as 0x-hex, arrays and tuples as lists."""
    if isinstance(value, bytes):
        if abi_type is not None and abi_type.kind == "string":
            return value.decode("utf-8", errors="replace")
        return "0x" + value.hex()
    if isinstance(value, (list, tuple)):
        if abi_type is not None and abi_type.kind == "tuple":
            return [to_json(v, t) for v, t in zip(value, abi_type.fields)]
        element = abi_type.elem if abi_type is not None and abi_type.kind in ("array", "dynarray") else None
        return [to_json(v, element) for v in value]
    return value
