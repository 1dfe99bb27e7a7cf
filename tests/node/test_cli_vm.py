"""`hutong asm | disasm | run`: the VM from the command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from node.cli import main
from tests.vm.test_smoke import SUM_OF_SQUARES_MOD_7


def test_assemble_disassemble_and_run(tmp_path):
    source = tmp_path / "sum.hasm"
    source.write_text(SUM_OF_SQUARES_MOD_7)
    runner = CliRunner()
    assembled = runner.invoke(main, ["asm", str(source), "--json"])
    assert assembled.exit_code == 0, assembled.output
    container = json.loads(assembled.output)["output"]
    shown = runner.invoke(main, ["disasm", container])
    assert shown.exit_code == 0 and "MUL u256" in shown.output and "DECODE \"(u64)\"" in shown.output
    ran = runner.invoke(main, ["run", container, "--function", "run(u64)", "--args", "10", "--returns", "(u256)",
                               "--json"])
    report = json.loads(ran.output)
    assert ran.exit_code == 0 and report["status"] == "success"
    assert report["decoded"] == [sum((i * i) % 7 for i in range(10))]


def test_trace_prints_one_json_line_per_instruction(tmp_path):
    source = tmp_path / "sum.hasm"
    source.write_text(SUM_OF_SQUARES_MOD_7)
    result = CliRunner().invoke(main, ["run", str(source), "--function", "run(u64)", "--args", "1", "--trace"])
    steps = [json.loads(line) for line in result.stderr.splitlines()]
    assert steps[0]["op"] == "LOAD" and steps[-1]["op"] == "RET"
    assert {"pc", "op", "gas", "cost", "stack", "depth"} <= set(steps[0])
    assert all(a["gas"] >= b["gas"] for a, b in zip(steps, steps[1:]))


def test_bad_arguments_are_usage_errors(tmp_path):
    source = tmp_path / "sum.hasm"
    source.write_text(SUM_OF_SQUARES_MOD_7)
    result = CliRunner().invoke(main, ["run", str(source), "--function", "run(u64)", "--args", "many"])
    assert result.exit_code == 2 and "expected an integer for u64" in result.output
    broken = tmp_path / "broken.hasm"
    broken.write_text(".function f params=b returns=b\n    POP\n.end\n")
    result = CliRunner().invoke(main, ["asm", str(broken)])
    assert result.exit_code == 1 and "broken.hasm" in result.output


def test_a_contract_source_is_not_vm_code(tmp_path):
    """`run`/`disasm` on a .ht file said `magic: not a Hutong container (bad magic)`."""
    source = tmp_path / "budget.ht"
    source.write_text("#@ version 0.1\n\n@external\ndef f() -> uint8:\n    return 7\n")
    for command in (["disasm", str(source)], ["run", str(source), "--function", "f()"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, result.output
        assert "is a contract source" in result.output and "hutong compile" in result.output
        assert "-f bytecode" in result.output and "bad magic" not in result.output
    # a source by its pragma, whatever its name
    renamed = tmp_path / "budget.txt"
    renamed.write_text(source.read_text())
    assert CliRunner().invoke(main, ["disasm", str(renamed)]).exit_code == 2
    # ...and the advice works: compile it, then run the container
    out = tmp_path / "out"
    compiled = CliRunner().invoke(main, ["compile", str(source), "-f", "bytecode", "-o", str(out)])
    assert compiled.exit_code == 0, compiled.output
    ran = CliRunner().invoke(main, ["run", str(out / "budget.htc"), "--function", "f()", "--returns", "(uint8)",
                                    "--json"])
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.output)["decoded"] == [7]


def test_function_accepts_language_type_names(tmp_path):
    source = tmp_path / "sum.hasm"
    source.write_text(SUM_OF_SQUARES_MOD_7)
    ran = CliRunner().invoke(main, ["run", str(source), "--function", "run(uint64)", "--args", "10",
                                    "--returns", "(uint256)", "--json"])
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.output)["decoded"] == [sum((i * i) % 7 for i in range(10))]
    bad = CliRunner().invoke(main, ["run", str(source), "--function", "run(integer)", "--args", "10"])
    assert bad.exit_code == 2 and "u8..u256" in bad.output and "uint8" in bad.output
