"""The SDK clients and the developer commands against a real `hutong node --dev`
on a real socket (tests/node/nodeproc.py): deploy, send, call, reverts with
their source lines, receipts, logs, proofs, and the same results as the
in-process Chain."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from node.cli import main
from node.devchain import Chain
from node.devkeys import dev_key
from node.sdk import ContractReverted, TransactionRejected
from node.sdk.client import AsyncClient, Client
from node.sdk.proof import ProofError
from node.sdk.storage import storage_path

from tests.node import nodeproc

HERE = Path(__file__).parent
TOKEN = HERE.parent / "compiler" / "golden" / "token.ht"
LEDGER = HERE / "contracts" / "ledger.ht"
LINES = [{"payee": "0x" + "22" * 20, "amount": 10, "memo": "steel"}, ("0x" + "33" * 20, 20, "concrete")]


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    process = nodeproc.NodeProcess(tmp_path_factory.mktemp("devnode") / "data").start()
    yield f"http://{process.host}:{process.port}"
    process.stop()


@pytest.fixture(scope="module")
def client(node):
    return Client(node)


@pytest.fixture(scope="module")
def token(client):
    return client.deploy(TOKEN, 1_000_000, sender=dev_key(0))


def test_deploy_send_and_view(client, token):
    alice, bob = dev_key(0), dev_key(1)
    assert client.chain_id() == 86 and client.block_number() >= 1
    receipt = token.transfer("0x" + bob.address.hex(), 250, sender=alice)
    assert receipt.success and receipt.return_value is True and receipt.gas_used > 10_000
    assert receipt.event("Transfer").args == {"sender": "0x" + alice.address.hex(),
                                              "receiver": "0x" + bob.address.hex(), "amount": 250}
    assert token.balance_of(bob.address) >= 250
    assert client.get_receipt(receipt.tx_hash).events == receipt.events
    again = client.at(token.address)  # the ABI from the node's stored metadata
    assert again.name == "token" and again.balance_of(bob.address) == token.balance_of(bob.address)


def test_revert_carries_error_arguments_and_source_line(client, token):
    poor = dev_key(5)
    with pytest.raises(ContractReverted) as caught:
        token.transfer("0x" + "11" * 20, 5, sender=poor)
    error = caught.value
    assert error.error == "InsufficientBalance" and error.args == {"needed": 5, "available": 0}
    assert error.location["line"] == 28 and "raise InsufficientBalance" in str(error)
    assert error.receipt.status == "revert"  # mined, as on the in-process chain
    with pytest.raises(ContractReverted, match="InsufficientBalance"):
        token.transfer.call("0x" + "11" * 20, 5, sender=poor)


def test_rejections_are_typed(client, token):
    with pytest.raises(TransactionRejected) as caught:
        token.transfer("0x" + "11" * 20, 1, sender=dev_key(0), gas=10**12)
    assert caught.value.name == "gas_limit"


def test_node_and_in_process_chain_agree(client):
    """The same calls on both: the same statuses, return values, events and gas."""
    chain = Chain()
    results = []
    for backend, sender in ((client, dev_key(3)), (chain, chain.accounts[3])):
        ledger = backend.deploy(LEDGER, 2_000_000_000, sender=sender)
        filed = ledger.file(1, LINES, sender=sender)
        tagged = ledger.tag(-3, "0x" + "ab" * 32, "memo", True, b"\x01", sender=sender)
        with pytest.raises(ContractReverted) as caught:
            ledger.file(2, [], sender=sender)
        results.append([(r.status, r.return_value, r.events and [(e.name, e.args) for e in r.events], r.gas_used)
                        for r in (ledger.deploy_receipt, filed, tagged, caught.value.receipt)]
                       + [ledger.line(1, 1), ledger.summary(1), caught.value.location["line"]])
    assert results[0] == results[1]


def test_storage_logs_and_verified_proofs(client, token):
    bob = dev_key(1)
    path, _ = storage_path(token.layout, "balance_of", bob.address)
    assert token.storage("balance_of", bob.address) == token.balance_of(bob.address)
    head = client.get_block("latest")
    value = client.verified_storage(token.address, path, trusted_block_hash=head["hash"], height=head["height"])
    assert int.from_bytes(value, "big") == token.balance_of(bob.address)
    with pytest.raises(ProofError):
        client.verified_storage(token.address, path, trusted_block_hash="0x" + "00" * 32, height=head["height"])
    events = token.get_events("Transfer")
    assert events and all(e.name == "Transfer" for e in events)


def test_async_client(node):
    async def scenario():
        async with AsyncClient(node) as client:
            token = await client.deploy(TOKEN, 500, sender=dev_key(2))
            receipt = await token.transfer("0x" + "44" * 20, 7, sender=dev_key(2))
            assert receipt.event("Transfer").amount == 7
            assert await token.balance_of("0x" + "44" * 20) == 7
            with pytest.raises(ContractReverted) as caught:
                await token.transfer("0x" + "44" * 20, 10**6, sender=dev_key(2))
            assert caught.value.error == "InsufficientBalance" and caught.value.location["line"] == 28
            heads = client.subscribe("newHeads")
            first = asyncio.ensure_future(heads.__anext__())
            await asyncio.sleep(0.2)
            await token.transfer("0x" + "44" * 20, 1, sender=dev_key(2))
            head = await asyncio.wait_for(first, 10)
            assert head["height"] >= 1
            await heads.aclose()
    asyncio.run(scenario())


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


def test_the_cli_walkthrough_prints_what_docs_cli_md_shows(tmp_path, monkeypatch):
    """docs/cli.md, step by step, on a fresh dev node: init, pytest, then every
    `$ hutong ...` transcript must print exactly what the page shows."""
    fresh = nodeproc.NodeProcess(tmp_path / "data").start()
    try:
        assert run("init", tmp_path / "proj").exit_code == 0
        project = tmp_path / "proj"
        tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project,
                               capture_output=True, text=True)
        assert "3 passed" in tests.stdout, tests.stdout + tests.stderr
        monkeypatch.chdir(project)
        monkeypatch.setenv("HUTONG_RPC", f"http://{fresh.host}:{fresh.port}")
        from node.cli.docs import DOC_PATH, transcripts
        steps = transcripts(DOC_PATH.read_text(encoding="utf-8"))
        assert len(steps) >= 7
        for args, expected in steps:
            result = run(*args, prog_name="hutong")
            assert result.output == expected, f"hutong {' '.join(args)}"
            assert result.exit_code == {"status    revert": 1, "Usage:": 2}.get(
                next((k for k in ("status    revert", "Usage:") if k in expected), None), 0)
    finally:
        fresh.stop()


def test_the_cli_against_a_node(node, tmp_path):
    source = tmp_path / "budget.ht"
    source.write_text((Path(__file__).parents[2] / "node" / "templates" / "budget.ht.tmpl").read_text())
    deployed = run("deploy", source, "1000", "--dev-account", "4", "--rpc", node, "--json")
    assert deployed.exit_code == 0, deployed.output
    address = json.loads(deployed.output)["created"]
    payee = "0x" + "11" * 20
    as_json = json.loads(run("send", address, "pay", payee, "1", "--dev-account", "4", "--rpc", node,
                             "--json").output)
    assert as_json["status"] == "success" and as_json["events"][0]["args"] == {"to": payee, "amount": 1}
    tx = run("tx", as_json["tx_hash"], "--rpc", node)
    assert tx.exit_code == 0 and "Paid(to=" in tx.output and "status    success" in tx.output
    block = json.loads(run("block", str(as_json["block"]), "--rpc", node, "--json").output)
    assert as_json["tx_hash"] in block["transactions"]
    reverted = run("send", address, "pay", payee, "1", "--dev-account", "5", "--rpc", node, "--json")
    assert reverted.exit_code == 1
    assert json.loads(reverted.output)["failure"]["error"]["args"] == {"message": "only the owner pays"}
    assert json.loads(run("call", address, "remaining", "--rpc", node, "--json").output) == \
        {"status": "success", "value": 999}
    assert run("tx", "0x" + "00" * 32, "--rpc", node).exit_code == 1
    assert run("block", "999999", "--rpc", node).exit_code == 1


def test_the_cli_signs_with_an_encrypted_key_file(node, tmp_path, monkeypatch):
    monkeypatch.setenv("HUTONG_KEYSTORE", str(tmp_path / "keys"))
    monkeypatch.setenv("HUTONG_PASSWORD", "site office")
    created = json.loads(run("keys", "new", "--name", "site-office", "--json").output)
    source = tmp_path / "budget.ht"
    source.write_text((Path(__file__).parents[2] / "node" / "templates" / "budget.ht.tmpl").read_text())
    deployed = json.loads(run("deploy", source, "50", "--key", "site-office", "--rpc", node, "--json").output)
    assert deployed["status"] == "success" and deployed["from"] == created["address"]
    sent = run("send", deployed["created"], "pay", "0x" + "22" * 20, "5", "--key", "site-office", "--rpc", node)
    assert sent.exit_code == 0, sent.output
    assert run("call", deployed["created"], "owner", "--rpc", node).output.strip() == created["address"]
    monkeypatch.setenv("HUTONG_PASSWORD", "wrong")
    refused = run("send", deployed["created"], "pay", "0x" + "22" * 20, "5", "--key", "site-office", "--rpc", node)
    assert refused.exit_code == 1 and "wrong password" in refused.output


def test_the_sdk_doc_client_example_runs(node, monkeypatch, capsys, tmp_path):
    """As written, on its own (it once needed the first example's SOURCE), in a
    project made by `hutong init`; and without a node it says there is none."""
    from node.sdk import NodeUnreachable
    from tests.node.test_sdk_docs import example, init_project
    monkeypatch.chdir(init_project(tmp_path / "proj"))
    monkeypatch.setenv("HUTONG_RPC", node)
    namespace: dict = {}
    exec(compile(example("client"), "docs/sdk.md (client example)", "exec"), namespace)
    assert namespace["same"].remaining() == 700
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    monkeypatch.setenv("HUTONG_RPC", closed)
    with pytest.raises(NodeUnreachable, match="no answer from"):
        exec(compile(example("client"), "docs/sdk.md (client example)", "exec"), {})


SIGNED = """#@ version 0.1

@external
@pure
def neg(x: int8) -> int8:
    return -x

@external
@pure
def add8(a: uint8, b: uint8) -> uint8:
    return a + b
"""


def test_the_cli_takes_negative_numbers_and_names_source_and_producer(node, tmp_path):
    source = tmp_path / "signed.ht"
    source.write_text(SIGNED)
    deployed = run("deploy", source, "--dev-account", "6", "--rpc", node, "--json")
    assert deployed.exit_code == 0, deployed.output
    address = json.loads(deployed.output)["created"]
    # `-3` was `No such option '-3'`; options after it still work, and `--` too
    assert run("call", address, "neg", "-3", "--rpc", node).output.strip() == "3"
    assert run("call", address, "neg", "--rpc", node, "-0x10").output.strip() == "16"
    assert run("call", address, "neg", "--rpc", node, "--", "-5").output.strip() == "5"
    misspelt = run("call", address, "neg", "-3", "--rcp", node)
    assert misspelt.exit_code == 2 and "No such option '--rcp'" in misspelt.output
    wide = run("call", address, "add8", "1", "300", "--rpc", node)
    assert wide.exit_code == 2 and "out of range 0..255; example: 255" in wide.output
    # no ABI on the node for this address: say which option gives one
    nothing = run("call", "0x" + "42" * 20, "f", "--rpc", node)
    assert nothing.exit_code == 1 and "--source" in nothing.output and "no ABI" in nothing.output
    nothing_json = run("call", "0x" + "42" * 20, "f", "--rpc", node, "--json")
    assert nothing_json.exit_code == 1 and "--source" in json.loads(nothing_json.output)["message"]
    # the block header's producer is a public key: labelled, and its address shown as in the banner
    from node.devkeys import dev_producer
    shown = run("block", "latest", "--rpc", node)
    assert shown.exit_code == 0
    lines = dict(line.split(None, 1) if not line.startswith("producer key") else ("producer key", line[14:].strip())
                 for line in shown.output.splitlines() if line and not line.startswith(" "))
    producer = dev_producer()
    assert lines["producer"] == "0x" + producer.address.hex()
    assert lines["producer key"] == "0x" + producer.public_key.hex()
