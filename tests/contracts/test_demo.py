"""`make demo ONCE=1` in a subprocess: a real `hutong node --dev` process, the
contract suite deployed and Scenario A run through the node's JSON-RPC API with
the SDK `Client`. This is also Scenario A's live-node run: its gas per step must
equal the in-process chain's golden file. Running it twice works: a fresh chain,
or a clear message."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest

from contracts.demo.__main__ import ROOT
from contracts.scenarios.scenario_a import GAS_GOLDEN
from tests.contracts.test_scenario_a import gas_differences


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_demo(tmp_path, *extra) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "contracts.demo", "--once", "--port", str(free_port()),
               "--data-dir", str(tmp_path / "data"), *extra]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=480)
    assert done.returncode == 0, f"the demo failed:\n{done.stdout}\n{done.stderr}"
    return done


def test_demo_runs_scenario_a_through_a_live_node(tmp_path):
    result_file = tmp_path / "result.json"
    done = run_demo(tmp_path, "--json", str(result_file))
    out = done.stdout
    for line in ("Scenario A: every figure checked, 257 transactions.", "Conservation check",
                 "sum of every balance │ 30,000,000.00 │ equal", "B, the GC (winner)", "3,730,000.00",
                 "Node JSON-RPC: http://127.0.0.1:"):
        assert line in out, f"{line!r} missing from the demo's output:\n{out}"
    result = json.loads(result_file.read_text())
    differences = gas_differences(json.loads(GAS_GOLDEN.read_text()), result["gas"])
    assert not differences, "gas on the live node differs from the in-process chain:\n" + "\n".join(differences)
    assert result["summary"]["balances"]["owner"] == 35_000_000  # 350 000 yuan, in fen


def test_a_second_run_starts_a_fresh_chain(tmp_path):
    from rich.console import Console

    from contracts.demo.__main__ import DemoNode
    from node.sdk.client import Client

    data_dir = tmp_path / "data"
    console = Console(record=True, width=120)
    for _ in range(2):
        with DemoNode(data_dir, free_port(), console) as node:
            assert Client(node.url).block_number() == 0  # a new chain each time
    assert "Removing the previous demo chain" in console.export_text()


def test_a_busy_port_is_a_clear_message_not_a_traceback(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "contracts.demo", "--once", "--port", str(port), "--data-dir",
                               str(tmp_path / "data")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"port {port} is already in use" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
