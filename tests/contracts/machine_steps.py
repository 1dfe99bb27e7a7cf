"""How many state-machine steps each contract's machine ran (RELIABILITY.md test 37
reports "steps run"). Machines call `count(name)` once per call they make;
`run_and_report` runs a machine and prints its totals (and, with
HUTONG_MACHINE_STATS=1, how each function fared).

CONTRACTS_LONG=<factor> multiplies the examples and doubles the steps (the long
campaign: `CONTRACTS_LONG=8 .venv/bin/python -m pytest tests/contracts -k
state_machine -s --timeout=0`; a long machine outlasts pytest-timeout's 600 s,
and a run cut by the timeout shows up as a "flaky" Hypothesis failure)."""

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


def checked_call(machine: str, label: str, call, expected: str | None, fingerprint):
    """Run `call()` (a transaction). With `expected` (an error name) it must revert with
    that error and leave `fingerprint()` (state root, event count, balances) as it was;
    with None it must succeed. Returns the receipt, or None after a revert."""
    from node.sdk.errors import TransactionFailed

    count(machine)
    before = fingerprint() if expected else None
    try:
        receipt = call()
    except TransactionFailed as failure:
        outcome(machine, label, failure.error or failure.status)
        assert expected is not None, f"{label} failed: {failure}"
        assert failure.error == expected, f"{label}: expected {expected}, got {failure}"
        assert fingerprint() == before, f"the reverted {label} changed the state"
        return None
    outcome(machine, label, "ok")
    assert expected is None, f"{label} succeeded; the model expected {expected}"
    return receipt


def set_freeze(machine: str, token, shadow, account: str, mode: int, regulator, case: bytes) -> None:
    """The regulator freezes `account` in `mode` (0 unfreezes if frozen), on chain and in the
    shadow ledger; a protected account's freeze must revert with AccountProtected (K4, W11)."""
    from node.sdk.errors import TransactionFailed

    count(machine)
    if mode == 0:
        if shadow.mode(account) != 0:
            token.unfreeze(account, case, sender=regulator)
            shadow.modes[account] = 0
        return
    error = shadow.freeze_error(account, mode)
    try:
        token.freeze(account, mode, case, sender=regulator)
    except TransactionFailed as failure:
        assert error == failure.error == "AccountProtected", f"freeze {account}: {failure}"
        return
    assert error is None, f"freezing {account} succeeded; the model expected {error}"
    shadow.modes[account] = mode
