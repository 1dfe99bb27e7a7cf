"""Source maps: for every VM function of a container, which source span each
instruction came from, so a failure point (address, function index, pc) from
`vm.execute` can be reported as file:line:column.

Format (the `source_map` artifact):

  {"version": 1, "file": "token.ht",
   "functions": [{"index": 0, "name": "transfer", "kind": "external",
                  "map": [[pc, line, column, end_line, end_column], ...]}, ...]}

`map` lists the first pc of each run of instructions with the same span, in
increasing pc order; a pc belongs to the last entry at or before it. Columns
are 1-based, `end_column` is exclusive. Compiler-generated helpers (storage
loads of structs, ...) have kind "helper" and map to the declaration they serve
when there is one.
"""

from __future__ import annotations

import bisect


def build_source_map(file: str, builders, notes) -> dict:
    functions = []
    for index, (builder, fn_notes) in enumerate(zip(builders, notes)):
        entries = []
        last = None
        for pc, span in fn_notes:
            key = None if span is None else (span.line, span.column, span.end_line, span.end_column)
            if key is None or key == last:
                continue
            entries.append([pc, *key])
            last = key
        functions.append({"index": index, "name": builder.name, "kind": _kind(builder), "map": entries})
    return {"version": 1, "file": file, "functions": functions}


def _kind(builder) -> str:
    from vm.container import CONSTRUCTOR, EXTERNAL
    if builder.flags & CONSTRUCTOR:
        return "constructor"
    if builder.flags & EXTERNAL:
        return "external"
    if builder.name.startswith("$"):
        return "helper"
    return "internal"


def lookup(source_map: dict, function: int, pc: int):
    """(file, line, column, end_line, end_column, function name) for a pc, or None."""
    if not 0 <= function < len(source_map["functions"]):
        return None
    fn = source_map["functions"][function]
    entries = fn["map"]
    pcs = [e[0] for e in entries]
    i = bisect.bisect_right(pcs, pc) - 1
    if i < 0:
        return None
    _, line, column, end_line, end_column = entries[i]
    return source_map["file"], line, column, end_line, end_column, fn["name"]
