"""The ABI artifact: everything a caller needs to call a contract and read its
events and errors. The node and the SDK build callers from it; its format is
documented in docs/language.md, section "ABI".
"""

from __future__ import annotations

from .codegen import ROLE_EVENTS, UNAUTHORIZED
from .declarations import Contract, EventInfo, FunctionInfo
from .types import (
    ArrayType, DynArrayType, EnumType, InterfaceType, StructType, TupleType, Type, VOID,
)
from vm.container import selector as vm_selector
from vm.runtime import BUILTIN_ERRORS

ABI_VERSION = 1


def type_json(t: Type) -> dict:
    out = {"type": t.abi, "lang_type": t.name}
    if isinstance(t, StructType):
        out["struct"] = t.name
        out["components"] = [{"name": n, **type_json(ft)} for n, ft in t.fields]
    elif isinstance(t, (ArrayType, DynArrayType)):
        out["element"] = type_json(t.elem)
    elif isinstance(t, EnumType):
        out["enum"] = t.name
    elif isinstance(t, InterfaceType):
        out["interface"] = t.name
    return out


def _outputs(t: Type) -> list:
    if t is VOID:
        return []
    if isinstance(t, TupleType):
        return [type_json(e) for e in t.elems]
    return [type_json(t)]


def function_json(info: FunctionInfo) -> dict:
    outputs = _outputs(info.returns)
    return {
        "kind": "constructor" if info.is_constructor else "function",
        "name": info.name,
        "signature": info.signature if info.is_external else None,
        "selector": info.selector.hex() if info.is_external else None,
        "inputs": [{"name": n, **type_json(t)} for n, t, _ in info.params],
        "input_type": "(" + ",".join(t.abi for _, t, _ in info.params) + ")",
        "outputs": outputs,
        "output_type": "(" + ",".join(o["type"] for o in outputs) + ")",
        "mutability": info.mutability,
        "reentrant": info.reentrant,
        "roles": list(info.roles),
        "generated": bool(info.node.synthetic) if info.node is not None else True,
    }


def event_json(info: EventInfo, builtin: bool = False) -> dict:
    return {
        "name": info.name,
        "signature": info.signature,
        "topic0": info.topic0.hex(),
        "inputs": [{"name": n, "indexed": ix, **type_json(t)} for n, t, ix in info.fields],
        "data_type": "(" + ",".join(t.abi for _, t, ix in info.fields if not ix) + ")",
        "builtin": builtin,
    }


def abi_json(contract: Contract) -> dict:
    functions = [function_json(f) for f in contract.functions.values() if f.is_external or f.is_constructor]
    if contract.uses_roles and not any(f.is_constructor for f in contract.functions.values()):
        functions.insert(0, {"kind": "constructor", "name": "__init__", "signature": None, "selector": None,
                             "inputs": [], "input_type": "()", "outputs": [], "output_type": "()",
                             "mutability": "nonpayable", "reentrant": False, "roles": [], "generated": True})
    events = [event_json(e) for e in contract.events.values()]
    if contract.uses_roles:
        events += [event_json(e, True) for e in ROLE_EVENTS.values()]
    errors = []
    for info in contract.errors.values():
        errors.append({"name": info.name, "signature": info.signature, "selector": info.selector.hex(),
                       "inputs": [{"name": n, **type_json(t)} for n, t in info.fields], "builtin": False})
    builtin_errors = [("Error(string)", [("message", "string<=1048576")]), ("AssertionFailed()", []),
                      (UNAUTHORIZED, [("role", "bytes32"), ("caller", "address")])]
    builtin_errors += [(sig, []) for sig in BUILTIN_ERRORS]
    for sig, fields in builtin_errors:
        errors.append({"name": sig.split("(")[0], "signature": sig, "selector": vm_selector(sig).hex(),
                       "inputs": [{"name": n, "type": t} for n, t in fields], "builtin": True})
    structs = [{"name": s.name, "type": s.abi, "fields": [{"name": n, **type_json(t)} for n, t in s.fields]}
               for s in contract.structs.values()]
    enums = [{"name": e.name, "type": "u8", "members": {m: i for i, m in enumerate(e.members)}}
             for e in contract.enums.values()]
    roles = None
    if contract.uses_roles:
        roles = {name: contract.role_id(name).hex() for name in ["ADMIN", *contract.roles]}
    return {"version": ABI_VERSION, "functions": functions, "events": events, "errors": errors,
            "structs": structs, "enums": enums, "roles": roles}
