"""Scenario B (DOMAIN.md section 3) on the in-process chain and on a live node,
with the gas of every step checked against contracts/scenarios/golden/scenario_b_gas.json.

Regenerate the golden file (and review the diff) with
    make scenario-b-gas   (= .venv/bin/python -m contracts.scenarios.scenario_b --update-gas)
"""

from __future__ import annotations

import json

import pytest

from contracts.scenarios import scenario_b
from node.devchain import Chain
from tests.node.nodeproc import NodeProcess


def golden() -> dict:
    return json.loads(scenario_b.GAS_GOLDEN.read_text())


def test_scenario_b_in_process():
    result = scenario_b.run(Chain())
    assert result["gas"] == golden(), ("gas changed: rerun with --update-gas and review the diff\n"
                                       + json.dumps(result["gas"], indent=2))


def test_gas_golden_covers_every_step():
    assert list(golden()) == ["1 freeze", "2 approve SA", "3 insufficient free", "4 guarantee", "5 settle SC",
                              "6 settle SB", "7 M2 labour", "8 top-up", "9 claim held", "10 negative"]


@pytest.fixture(scope="module")
def live_node(tmp_path_factory):
    process = NodeProcess(tmp_path_factory.mktemp("scenario-b-node") / "data").start()
    yield f"http://{process.host}:{process.port}"
    process.stop()


@pytest.fixture(scope="module")
def live_run(live_node):
    """The same function over the SDK Client on `hutong node --dev`, run once:
    (gas log, why it stopped or None)."""
    from node.sdk.client import Client

    client = Client(live_node)
    gas = scenario_b.GasLog()
    try:
        scenario_b.run(client, scenario_b.NodeClock(client), gas)
    except scenario_b.TimeControlUnavailable as stopped:
        return gas.as_json(), str(stopped)
    return gas.as_json(), None


def test_scenario_b_live_node_until_the_deadline(live_run):
    """Setup (A0-A4 to the end of month 1) and steps 1-3 on a live node: every figure
    asserted inside run(), and the same gas per transaction as in process. (This part
    runs even on a node without a development clock.)"""
    done, _ = live_run
    expected = golden()
    for step in ["1 freeze", "2 approve SA", "3 insufficient free"]:
        assert done[step] == expected[step], step


def test_scenario_b_live_node_after_the_deadline(live_run):
    """Steps 4-10 put the node's clock at due + 3599 s and due + 3600 s (hutong_devSetTime):
    the whole scenario's gas equals the in-process golden file."""
    done, stopped = live_run
    assert stopped is None, f"the dev node could not move its clock: {stopped}"
    assert done == golden()
