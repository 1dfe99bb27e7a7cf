"""Scenario A (DOMAIN.md section 3) on the in-process chain: every figure is
asserted inside the scenario; here the gas of every step must match the golden
file, so a change in cost shows up in review. Regenerate it with

    .venv/bin/python -m contracts.scenarios.scenario_a --update-gas
"""

from __future__ import annotations

import json

from node.devchain import Chain

from contracts.scenarios import scenario_a


def gas_differences(expected: dict, actual: dict) -> list[str]:
    lines = []
    for step in dict.fromkeys([*expected, *actual]):
        want, got = expected.get(step, {}), actual.get(step, {})
        for label in dict.fromkeys([*want, *got]):
            if want.get(label) != got.get(label):
                lines.append(f"{step} | {label}: golden {want.get(label)}, now {got.get(label)}")
    return lines


def test_scenario_a_on_the_in_process_chain():
    result = scenario_a.run(Chain())
    golden = json.loads(scenario_a.GAS_GOLDEN.read_text())
    differences = gas_differences(golden, result.gas)
    assert not differences, ("gas of Scenario A changed; review and regenerate with\n"
                             "    .venv/bin/python -m contracts.scenarios.scenario_a --update-gas\n"
                             + "\n".join(differences))
    s = result.summary
    assert s["conservation"]["sum of balances"] == s["conservation"]["supply"] == scenario_a.fen(30_000_000)
    assert s["workers total"] == s["wages paid"] == scenario_a.fen(1_920_000)
