"""Random verified programs: both engines agree on everything observable, and
nothing ever escapes `execute()` (RELIABILITY tests 3 and 6)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vm import BlockEnv, MemoryState, Message, assemble_text, execute, selector
from vm.reference import REFERENCE
from vm.state import Account
from vm.translator import TRANSLATOR

from .helpers import SENDER
from .programs import programs

ENV = BlockEnv(height=7, timestamp=1_700_000_000, chain_id=31)


def outcome(result):
    return (result.status, result.output, result.gas_used, result.halt, result.logs,
            sorted(result.changes.items()), result.failure)


def run_both(asm: str, gas: int, value: int):
    code = assemble_text(asm).serialize()
    base = MemoryState()
    base.set(b"\x00" + SENDER, Account(0, 10**9).encode())
    created = execute(Message(SENDER, None, 10**8, code=code), base, ENV)
    assert created.success, created.halt
    results = []
    for engine in (REFERENCE, TRANSLATOR):
        state = base.copy()
        result = execute(Message(SENDER, created.created, gas, value=value, selector=selector("f()")),
                         state, ENV, engine=engine)
        results.append((outcome(result), sorted(state.data.items())))
    return results


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(asm=programs(), gas=st.sampled_from([3_000, 40_000, 400_000, 5_000_000]), value=st.sampled_from([0, 0, 5]))
def test_reference_and_translator_agree(asm, gas, value):
    (ref, ref_state), (fast, fast_state) = run_both(asm, gas, value)
    assert fast == ref
    assert fast_state == ref_state
    assert not (ref[3] or "").startswith("internal_error"), ref[3]
