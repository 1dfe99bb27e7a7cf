"""How many state-machine steps each contract's machine ran (RELIABILITY.md test 37
reports "steps run"). Machines call `count(name)` once per call they make;
`run_and_report` runs a machine and prints its totals (and, with
HUTONG_MACHINE_STATS=1, how each function fared).

CONTRACTS_LONG=<factor> multiplies the examples (the long campaign:
`make contracts-long`, or `CONTRACTS_LONG=20 .venv/bin/python -m pytest
tests/contracts -k state_machine`)."""

from __future__ import annotations

import os
from collections import Counter

LONG_FACTOR = int(os.environ.get("CONTRACTS_LONG") or 0)

STEPS: Counter = Counter()
EXAMPLES: Counter = Counter()
OUTCOMES: Counter = Counter()   # (machine, function, "ok" or the error name)


def count(machine: str, steps: int = 1) -> None:
    STEPS[machine] += steps


def outcome(machine: str, function: str, result: str) -> None:
    OUTCOMES[(machine, function, result)] += 1


def example(machine: str) -> None:
    EXAMPLES[machine] += 1


def summary_lines(details: bool = False) -> list[str]:
    lines = [f"{name}: {STEPS[name]} steps in {EXAMPLES[name]} examples" for name in sorted(STEPS)]
    if details:  # HUTONG_MACHINE_STATS=1: how each function fared
        for machine, function, result in sorted(OUTCOMES):
            lines.append(f"  {machine}.{function}: {result} x{OUTCOMES[(machine, function, result)]}")
    return lines


def budget(examples: int, steps: int) -> tuple[int, int]:
    """(max_examples, stateful_step_count) for make test, or the long campaign's."""
    if LONG_FACTOR:
        return examples * LONG_FACTOR, steps * 2
    return examples, steps


def run_and_report(machine_class, name: str, examples: int, steps: int, capsys) -> None:
    from hypothesis import HealthCheck, settings
    from hypothesis.stateful import run_state_machine_as_test

    before_steps, before_examples = STEPS[name], EXAMPLES[name]
    run_state_machine_as_test(machine_class, settings=settings(
        max_examples=examples, stateful_step_count=steps, deadline=None, suppress_health_check=list(HealthCheck)))
    with capsys.disabled():
        print(f"\n{name} state machine: {STEPS[name] - before_steps} steps in "
              f"{EXAMPLES[name] - before_examples} examples")
        if os.environ.get("HUTONG_MACHINE_STATS"):
            for line in summary_lines(details=True)[len(STEPS):]:
                if line.startswith(f"  {name}."):
                    print(line)
