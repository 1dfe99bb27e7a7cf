"""The developer commands that need no node: keys, init, argument parsing,
exit codes, --json everywhere, a fast --help, and docs/cli.md not stale.
(The commands that talk to a node are tested against a running one in
tests/node/test_client_live.py.)"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from node.cli import main

HERE = Path(__file__).parent
LEDGER = HERE / "contracts" / "ledger.ht"
TEMPLATE = Path(__file__).parents[2] / "node" / "templates" / "budget.ht.tmpl"
ADDRESS = "0x" + "12" * 20


@pytest.fixture
def closed_port():
    """A local port nothing listens on (a real socket, refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def budget(tmp_path):
    path = tmp_path / "budget.ht"
    path.write_text(TEMPLATE.read_text())
    return str(path)


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def leaf_commands(command: click.Command, path=()):
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from leaf_commands(sub, (*path, name))
    else:
        yield " ".join(path), command


# `hutong node` runs a server until stopped: it prints a banner and logs, no result.
SERVERS = {"node"}


def test_every_command_has_json():
    missing = [name for name, command in leaf_commands(main) if name not in SERVERS
               and "--json" not in [o for p in command.params for o in getattr(p, "opts", [])]]
    assert missing == []


def test_help_is_fast_and_imports_nothing_heavy():
    code = ("import sys, time; t = time.perf_counter(); from node.cli import main; import node.cli; "
            "heavy = [m for m in ('compiler', 'node.sdk', 'node.devchain', 'lark', 'aiohttp') if m in sys.modules]; "
            "print(heavy, time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "[]", out
    result = run("deploy", "--help")
    assert result.exit_code == 0 and "--dev-account N" in result.output


def test_docs_cli_md_is_not_stale():
    from node.cli.docs import DOC_PATH, render
    assert DOC_PATH.read_text(encoding="utf-8") == render(), "run `python -m node.cli.docs`"


def test_keys_new_list_show(tmp_path):
    env = {"HUTONG_KEYSTORE": str(tmp_path / "ks"), "HUTONG_PASSWORD": "s3cret"}
    created = run("keys", "new", "--name", "site-office", "--json", env=env)
    assert created.exit_code == 0, created.output
    info = json.loads(created.output)
    assert info["file"].endswith("site-office.json") and info["address"].startswith("0x")
    again = run("keys", "new", "--name", "site-office", env=env)
    assert again.exit_code == 1 and "exists" in again.output
    listed = run("keys", "list", env=env)
    assert listed.exit_code == 0 and f"site-office  {info['address']}" in listed.output
    shown = json.loads(run("keys", "show", "site-office", "--json", env=env).output)
    assert shown["address"] == info["address"] and "private_seed" not in shown
    private = run("keys", "show", "site-office", "--private", "--json", env=env)
    seed = json.loads(private.stdout)["private_seed"]
    from node.crypto import Key
    assert "0x" + Key.from_seed(bytes.fromhex(seed[2:])).address.hex() == info["address"]
    wrong = run("keys", "show", "site-office", "--private", env={**env, "HUTONG_PASSWORD": "nope"})
    assert wrong.exit_code == 1 and "wrong password" in wrong.output
    assert run("keys", "show", "nobody", env=env).exit_code == 1


def test_init_scaffolds_a_project_whose_tests_pass(tmp_path):
    result = run("init", tmp_path / "proj")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "proj" / "contracts" / "budget.ht").exists()
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=tmp_path / "proj",
                           capture_output=True, text=True)
    assert tests.returncode == 0 and "3 passed" in tests.stdout, tests.stdout + tests.stderr
    again = run("init", tmp_path / "proj")
    assert again.exit_code == 1 and "nothing written" in again.output


def test_arguments_are_parsed_from_the_abi_and_errors_are_usage_errors(budget, closed_port):
    bad_address = run("send", ADDRESS, "pay", "0x1111", "300", "--source", budget, "--dev-account", "0",
                      "--rpc", closed_port)
    assert bad_address.exit_code == 2
    assert ("budget.pay argument to: expected address, got '0x1111': an address is 0x followed by 40 hex digits; "
            'example: "0x1111111111111111111111111111111111111111"') in bad_address.output
    bad_int = run("call", ADDRESS, "status", "lots", "--source", LEDGER, "--rpc", closed_port)
    assert bad_int.exit_code == 2 and "ledger.status argument arg0: expected uint64 (u64), got 'lots'" in bad_int.output
    count = run("send", ADDRESS, "pay", "0x" + "11" * 20, "--source", budget, "--dev-account", "0")
    assert count.exit_code == 2 and "budget.pay takes 2 argument(s) (to: address, amount: uint256), got 1" \
        in count.output
    unknown = run("call", ADDRESS, "pai", "--source", budget)
    assert unknown.exit_code == 2 and "has no function 'pai'" in unknown.output
    signer = run("send", ADDRESS, "pay", "0x" + "11" * 20, "1", "--source", budget, "--rpc", closed_port)
    assert signer.exit_code == 2 and "needs a signer" in signer.output
    bad_struct = run("send", ADDRESS, "file", "1", '[{"payee": "0x12"}]', "--source", LEDGER, "--dev-account", "0",
                     "--rpc", closed_port)
    assert bad_struct.exit_code == 2 and "ledger.file argument lines[0]: expected Line" in bad_struct.output
    assert "missing field(s) amount, memo" in bad_struct.output and 'example: {"payee": "0x1111' in bad_struct.output
    bad_height = run("block", "tip", "--rpc", closed_port)
    assert bad_height.exit_code == 2


def test_unreachable_node_exits_3(budget, closed_port):
    result = run("call", ADDRESS, "remaining", "--source", budget, "--rpc", closed_port)
    assert result.exit_code == 3 and "no answer from" in result.output and "is the node running" in result.output
    as_json = run("block", "latest", "--rpc", closed_port, "--json")
    assert as_json.exit_code == 3 and json.loads(as_json.output)["error"] == "node_unreachable"
    deploy = run("deploy", budget, "10", "--dev-account", "1", "--rpc", closed_port)
    assert deploy.exit_code == 3
    assert run("tx", "0x" + "00" * 32, "--rpc", closed_port).exit_code == 3
    assert run("logs", "--rpc", closed_port).exit_code == 3


def test_compile_errors_exit_1(tmp_path, closed_port):
    broken = tmp_path / "broken.ht"
    broken.write_text("#@ version 0.1\n\n@external\ndef f() -> uint8:\n    return 256\n")
    result = run("deploy", broken, "--dev-account", "0", "--rpc", closed_port)
    assert result.exit_code == 1 and "E0207" in result.output
    as_json = run("deploy", broken, "--dev-account", "0", "--rpc", closed_port, "--json")
    assert as_json.exit_code == 1 and json.loads(as_json.output)["errors"][0]["code"] == "E0207"


def test_negative_numbers_are_arguments_and_typos_stay_errors(tmp_path, closed_port):
    source = tmp_path / "signed.ht"
    source.write_text("#@ version 0.1\n\n@external\n@pure\ndef neg(x: int8) -> int8:\n    return -x\n")
    # parsed (then the node is unreachable: exit 3, not `No such option '-3'`)
    reached = run("call", ADDRESS, "neg", "-3", "--source", source, "--rpc", closed_port)
    assert reached.exit_code == 3, reached.output
    too_small = run("call", ADDRESS, "neg", "-300", "--source", source, "--rpc", closed_port)
    assert too_small.exit_code == 2 and "got -300: out of range -128..127; example: -5" in too_small.output
    typo = run("call", ADDRESS, "neg", "-3", "--sourse", source, "--rpc", closed_port)
    assert typo.exit_code == 2 and "No such option '--sourse'" in typo.output
    short = run("call", ADDRESS, "neg", "-x", "--source", source, "--rpc", closed_port)
    assert short.exit_code == 2 and "No such option '-x'" in short.output


def test_a_malformed_hash_is_a_usage_error_before_the_node(closed_port):
    result = run("tx", "0x1234", "--rpc", closed_port)
    assert result.exit_code == 2 and "0x followed by 64 hex digits" in result.output


def test_json_usage_errors_are_json(budget, closed_port):
    for args in (["tx", "0x1234"], ["block", "--bogus"], ["call", "0x12", "f"], ["send", ADDRESS, "pay", "--source",
                                                                                 budget, "--dev-account", "0"]):
        result = run(*args, "--rpc", closed_port, "--json")
        assert result.exit_code == 2, (args, result.output)
        report = json.loads(result.output)
        assert report["error"] == "usage_error" and report["message"] and report["usage"].startswith("Usage:")
    # without --json: click's text
    assert run("block", "--bogus").output.startswith("Usage:")
    # ...and JSON still follows an option value that happens to be `--json`? No: after `--` it is an argument
    assert "Usage:" in run("call", ADDRESS, "f", "--source", budget, "--", "--json").output
