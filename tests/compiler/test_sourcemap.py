"""Source maps: every statement of the examples maps to code, constructor code is
mapped too, and failure points resolve to the failing source line."""

import pathlib

from compiler import ast, compile
from compiler.sourcemap import lookup
from vm import Message, encode, execute

from .chain import ACTORS, Chain

GOLDEN = pathlib.Path(__file__).parent / "golden"


def statements(module):
    out = []
    work = [module]
    while work:
        node = work.pop()
        if isinstance(node, ast.FunctionDef):
            work.extend(node.body)
        elif isinstance(node, ast.Module):
            work.extend(n for n in node.body if isinstance(n, ast.FunctionDef))
        elif isinstance(node, ast.Stmt):
            if not isinstance(node, ast.Pass):
                out.append(node)
            for attr in ("body", "orelse"):
                work.extend(getattr(node, attr, ()))
    return out


def test_every_statement_maps_to_at_least_one_instruction():
    from compiler import Compilation

    for path in sorted(GOLDEN.glob("*.ht")):
        compilation = Compilation(path.read_text(), path.name)
        artifacts = compilation.artifacts()
        mapped = {(e[1], e[2]) for f in artifacts.source_map["functions"] for e in f["map"]}
        lines = {e[1] for f in artifacts.source_map["functions"] for e in f["map"]}
        for stmt in statements(compilation.module()):
            assert stmt.span.line in lines, f"{path.name}: statement at {stmt.span} has no code"
        assert mapped


def test_constructor_revert_maps_to_its_line():
    source = (GOLDEN / "multisig.ht").read_text()
    artifacts = compile(source, "multisig.ht")
    chain = Chain()
    data = encode("(address[<=10],u8)", [[ACTORS["alice"]], 0])
    result = execute(Message(ACTORS["alice"], None, 10**7, code=artifacts.bytecode, data=data, nonce=1), chain.state)
    assert not result.success
    point = result.failure[0]
    constructor = next(f for f in artifacts.source_map["functions"] if f["kind"] == "constructor")
    assert point.function == constructor["index"]
    found = lookup(artifacts.source_map, point.function, point.pc)
    line = source.splitlines()[found[1] - 1]
    assert "threshold out of range" in line and found[5] == "__init__"


def test_nested_failure_points_innermost_first():
    callee_source = """#@ version 0.1
@external
def fail(x: uint256) -> uint256:
    assert x > 10, "too small"
    return x
"""
    caller_source = """#@ version 0.1
interface Callee:
    def fail(x: uint256) -> uint256: nonpayable

@external
def go(c: Callee) -> uint256:
    y: uint256 = 1
    return extcall c.fail(y)
"""
    chain = Chain()
    callee = chain.deploy(callee_source)
    caller = chain.deploy(caller_source)
    result = caller.call("go", callee.address)
    assert not result.success
    assert [p.address for p in result.failure] == [callee.address, caller.address]
    assert callee.where(result) == (4, 5)   # the assert in the callee
    assert caller.where(result) == (8, 12)  # the extcall in the caller
