"""Scenario C (DOMAIN.md section 3) on the in-process chain, with its gas compared to
the golden file, and the same function against a live `hutong node --dev` over
JSON-RPC."""

from __future__ import annotations

import time

import pytest

from contracts.scenarios import scenario_c
from tests.node.nodeproc import NodeProcess


def gas_differences(actual: dict, golden: dict) -> list[str]:
    lines = []
    for name in dict.fromkeys([*golden, *actual]):
        if actual.get(name) != golden.get(name):
            lines.append(f"  {name}: golden {golden.get(name)}, now {actual.get(name)}")
    return lines


def test_scenario_c_on_the_in_process_chain():
    record = scenario_c.run_on_chain()
    assert record.complete and record.reached_day == 181
    differences = gas_differences(record.gas, scenario_c.load_golden())
    assert not differences, ("gas of scenario C changed; if that is intended, run\n  "
                             f"{scenario_c.REGENERATE}\nand review the diff:\n" + "\n".join(differences))


def test_the_golden_file_lists_every_transaction_of_the_scenario():
    golden = scenario_c.load_golden()
    assert len(golden) == 22 and all(isinstance(gas, int) and gas > 0 for gas in golden.values())
    assert list(golden)[-1] == "day 181: GC redeem_many([R3, R4, R5])"


# --- a live node ------------------------------------------------------------------------------

@pytest.fixture
def live_node(tmp_path):
    """`hutong node --dev` on a free port; yields its RPC URL."""
    process = NodeProcess(tmp_path / "data").start()
    yield f"http://{process.host}:{process.port}/rpc"
    process.stop()


def test_scenario_c_on_a_live_node(live_node):
    """The whole scenario through JSON-RPC on a real node; its dev clock is moved
    with hutong_devSetTime. Each transaction costs the node exactly the gas of the
    in-process chain."""
    from node.devchain import Account
    from node.devkeys import dev_key
    from node.sdk.client import Client

    client = Client(live_node, timeout=60)
    accounts = [Account(None, dev_key(i).address, dev_key(i)) for i in range(10)]
    record = scenario_c.run(client.deploy, scenario_c.NodeClock(client), scenario_c.Actors.of(accounts))
    assert record.complete and record.reached_day == 181
    assert not gas_differences(record.gas, scenario_c.load_golden())


def test_a_clock_that_cannot_move_stops_the_scenario_cleanly(live_node):
    """Without time travel (a node on real time), the scenario stops before maturity
    with NeedsTimeTravel, having run and checked every earlier step."""
    from node.devchain import Account
    from node.devkeys import dev_key
    from node.sdk.client import Client

    client = Client(live_node, timeout=60)
    accounts = [Account(None, dev_key(i).address, dev_key(i)) for i in range(10)]
    clock = scenario_c.WallClock(lambda: int(time.time()), reachable_day=101)
    with pytest.raises(scenario_c.NeedsTimeTravel):
        scenario_c.run(client.deploy, clock, scenario_c.Actors.of(accounts), record := scenario_c.Record())
    assert record.reached_day == 101 and len(record.gas) == 19
