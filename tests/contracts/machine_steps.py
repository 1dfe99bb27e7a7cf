"""How many state-machine steps each contract's machine ran (RELIABILITY.md test 37
reports "steps run"). Machines call `count(name)` once per rule executed; the
contracts conftest prints the totals at the end of the session."""

from __future__ import annotations

from collections import Counter

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
