"""Bad input never crashes the compiler: fuzzing finds only CompileError, deep
nesting compiles or fails cleanly, and output is deterministic."""

import os
import pathlib
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from compiler import CompileError, compile
from vm import verify

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = sorted((pathlib.Path(__file__).parent / "corpus").rglob("*.ht"))
SEEDS = [p.read_text(encoding="utf-8") for p in CORPUS if "# error[" not in p.read_text(encoding="utf-8")]
HEADER = "#@ version 0.1\n"


def compile_or_clean_error(source):
    """Compile; the only acceptable failure is CompileError. Returns artifacts or None."""
    try:
        artifacts = compile(source, "fuzz.ht")
    except CompileError as exc:
        assert exc.errors and all(e.code.startswith("E") for e in exc.errors)
        exc.render()  # rendering must not crash either
        return None
    verify(artifacts.bytecode)
    return artifacts


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_raw_bytes(data):
    compile_or_clean_error(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_arbitrary_text_after_pragma(text):
    compile_or_clean_error(HEADER + text)


ALPHABET = list(" \n    ():[],.=+-*/%<>!@#\"'abcdefxyzTF0123456789_") + ["def ", "self.", "uint256", "for ", "if ", "return ",
                                                                        "extcall ", "emit ", "：", "（", "\t", "DynArray[", "HashMap["]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 3), st.sampled_from(ALPHABET)), min_size=1, max_size=4))
def test_mutated_corpus_programs(seed, edits):
    source = seed
    for position, action, text in edits:
        position %= max(1, len(source))
        if action == 0:
            source = source[:position] + source[position + 1:]
        elif action == 1:
            source = source[:position] + text + source[position:]
        elif action == 2:
            source = source[:position] + text + source[position + len(text):]
        else:
            line_start = source.rfind("\n", 0, position) + 1
            line_end = source.find("\n", position)
            source = source[:line_start] + source[line_end + 1:] if line_end > 0 else source
    compile_or_clean_error(source)


def nested(kind: str, depth: int) -> str:
    if kind == "parens":
        body = "    return " + "(" * depth + "1" + ")" * depth
    elif kind == "unary":
        body = "    return " + "-" * depth + "1"
    elif kind == "not":
        return HEADER + "@external\n@pure\ndef f() -> bool:\n    return " + "not " * depth + "True\n"
    elif kind == "sum":
        body = "    return " + "1 + " * depth + "1"
    elif kind == "blocks":
        lines = []
        for level in range(depth):
            lines.append("    " * (level + 1) + "if True:")
        lines.append("    " * (depth + 1) + "pass")
        lines.append("    return 1")
        body = "\n".join(lines)
    elif kind == "types":
        return HEADER + "x: " + "DynArray[" * depth + "uint8" + ", 2]" * depth + "\n"
    elif kind == "calls":
        body = "    return " + "min(1, " * depth + "1" + ")" * depth
    else:
        raise ValueError(kind)
    return HEADER + "@external\n@pure\ndef f() -> int256:\n" + body + "\n"


@pytest.mark.parametrize("depth", [10, 100, 1000, 10_000])
@pytest.mark.parametrize("kind", ["parens", "unary", "not", "sum", "blocks", "types", "calls"])
def test_deep_nesting_compiles_or_fails_cleanly(kind, depth):
    source = nested(kind, depth)
    try:
        compile(source, "deep.ht")
    except CompileError as exc:
        if depth >= 1000:
            assert any(e.code == "E0009" for e in exc.errors), exc.render()
    else:
        assert depth <= 100


def test_output_is_identical_across_processes_and_hash_seeds():
    script = ("import sys, hashlib; from compiler import compile, dumps; "
              "a = compile(open(sys.argv[1]).read(), 'escrow.ht'); "
              "print(hashlib.sha256(a.bytecode + dumps(a.abi).encode() + dumps(a.layout).encode() + dumps(a.source_map).encode()).hexdigest())")
    source = str(ROOT / "tests" / "compiler" / "golden" / "escrow.ht")
    digests = set()
    for seed in ("0", "1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", script, source], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_every_corpus_container_verifies():
    for path in CORPUS:
        text = path.read_text(encoding="utf-8")
        if "# error[" in text:
            continue
        artifacts = compile(text, path.name)
        program = verify(artifacts.bytecode)
        assert len(program.functions) == len(artifacts.source_map["functions"])


def test_a_contract_too_large_for_the_vm_is_a_compile_error():
    from benchmarks.suite_compile import generated_contract

    for lines in (3000, 6000):
        with pytest.raises(CompileError) as info:
            compile(generated_contract(lines), "big.ht")
        assert info.value.code == "E0316"
