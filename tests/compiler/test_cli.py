"""`hutong compile`: formats, output directory, JSON errors and exit codes."""

import json
import pathlib

from click.testing import CliRunner

from node.cli import main

GOLDEN = pathlib.Path(__file__).parent / "golden"


def test_compile_prints_requested_formats_as_json():
    result = CliRunner().invoke(main, ["compile", str(GOLDEN / "token.ht"), "-f", "abi,layout,source_map", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"abi", "layout", "source_map"}
    assert any(f["name"] == "transfer" for f in data["abi"]["functions"])


def test_compile_writes_files(tmp_path):
    result = CliRunner().invoke(main, ["compile", str(GOLDEN / "escrow.ht"), "-f", "bytecode,asm,abi", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "escrow.htc").read_bytes()[:4] == b"HTVM"
    assert (tmp_path / "escrow.asm").read_text() == (GOLDEN / "escrow.asm").read_text()
    assert json.loads((tmp_path / "escrow.abi.json").read_text())["version"] == 1


def test_compile_errors_exit_1_with_rendered_or_json_errors(tmp_path):
    bad = tmp_path / "bad.ht"
    bad.write_text("#@ version 0.1\n@external\ndef f(a: uint256)： \n    pass\n", encoding="utf-8")
    rendered = CliRunner().invoke(main, ["compile", str(bad)])
    assert rendered.exit_code == 1
    assert "error[E0003]" in rendered.output and "bad.ht:3:18" in rendered.output
    as_json = CliRunner().invoke(main, ["compile", str(bad), "--json"])
    assert as_json.exit_code == 1
    assert json.loads(as_json.output)["errors"][0]["code"] == "E0003"


def test_unknown_format_is_a_usage_error():
    result = CliRunner().invoke(main, ["compile", str(GOLDEN / "token.ht"), "-f", "wat"])
    assert result.exit_code == 2
