"""docs/sdk.md's examples run as written (the client example against a live
node in tests/node/test_client_live.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from node.cli import main

DOC = Path(__file__).parents[2] / "docs" / "sdk.md"


def example(name: str) -> str:
    match = re.search(rf"<!-- example: {name} -->\n```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert match, f"docs/sdk.md has no example {name!r}"
    return match.group(1)


def test_the_in_process_example_runs(capsys):
    namespace: dict = {}
    exec(compile(example("chain"), "docs/sdk.md (chain example)", "exec"), namespace)
    printed = capsys.readouterr().out
    assert "OverBudget(requested=5000, remaining=700)\n  at budget.ht:26:9 in pay" in printed
    assert namespace["budget"].remaining() == 700


def init_project(path: Path) -> Path:
    """A project made by `hutong init`, where the docs' examples say they run."""
    result = CliRunner().invoke(main, ["init", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_the_pytest_examples_pass_in_an_init_project(tmp_path):
    project = init_project(tmp_path / "proj")
    (project / "tests" / "test_doc_pytest.py").write_text(example("pytest"))
    (project / "tests" / "test_doc_hypothesis.py").write_text(example("hypothesis"))
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "tests/test_doc_pytest.py", "tests/test_doc_hypothesis.py"],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 0 and "2 passed" in result.stdout, result.stdout + result.stderr


LANGUAGE = Path(__file__).parents[2] / "docs" / "language.md"


def test_the_language_doc_commitment_snippet_matches_the_contract():
    """docs/language.md's Python commitment, with SDK "0x.." addresses (vm.abi
    wants 20 bytes: the snippet once passed the strings and failed)."""
    import hashlib

    import vm.abi
    from node.devchain import Chain

    text = LANGUAGE.read_text(encoding="utf-8")
    anchor = text.index("Hash commitments are reproducible from Python:")
    contract_src, python = re.findall(r"```python\n(.*?)```", text[anchor:], re.S)[:2]
    chain = Chain()
    contract = chain.deploy("#@ version 0.1\n\n" + contract_src, name="tender")
    bidder, price, salt = chain.accounts[1].address, 5_000, b"\x07" * 32
    namespace = {"hashlib": hashlib, "vm": vm, "contract": contract, "bidder": bidder, "price": price, "salt": salt}
    lines = [line for line in python.splitlines(keepends=True)]
    expected = contract.commitment(bidder, price, salt)
    # each top-level expression of the snippet computes the contract's value
    import ast
    tree = ast.parse(python)
    exec(compile(ast.Module([n for n in tree.body if not isinstance(n, ast.Expr)], []), "snippet", "exec"),
         namespace)
    values = [eval(compile(ast.Expression(n.value), "snippet", "eval"), namespace)
              for n in tree.body if isinstance(n, ast.Expr)]
    assert len(values) == 2 and all(v == expected for v in values), lines


def test_the_language_doc_compile_command_names_a_real_file(tmp_path):
    text = LANGUAGE.read_text(encoding="utf-8")
    command = re.search(r"^    hutong compile (\S+) -f", text, re.M).group(1)
    assert command == "contracts/budget.ht"
    project = init_project(tmp_path / "proj")
    result = CliRunner().invoke(main, ["compile", str(project / command), "-f", "abi,bytecode,asm,layout,source_map,ast"])
    assert result.exit_code == 0, result.output
