"""Checks on the in-process chain shared by the token, voucher and multisig tests.

"A call that reverts changes nothing" (DOMAIN.md section 2b): the storage of every
contract, every native balance and the event log are as before. Every transaction
is mined, so a reverted one still uses its sender's nonce: the state is compared
by `chain.state_root(ignore_nonces=True)`.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from node.pytest_plugin import reverts as plugin_reverts
from node.sdk.errors import TransactionFailed


def effects_root(chain) -> bytes:
    """The state root of the chain's state, nonces left out."""
    return chain.state_root(ignore_nonces=True)


@contextmanager
def unchanged_on_revert(chain, *contracts):
    """Wrap a call that must revert: afterwards the state (but nonces), every
    contract's storage and the event log must be exactly as before. The revert
    itself is asserted by the caller (e.g. with `reverts(...)` inside)."""
    __tracebackhide__ = True
    root, logs = effects_root(chain), len(chain.logs)
    dumps = [chain.storage_dump(c.address) for c in contracts]
    yield
    assert len(chain.logs) == logs, "a reverted call left events"
    assert [chain.storage_dump(c.address) for c in contracts] == dumps, "a reverted call changed storage"
    assert effects_root(chain) == root, "a reverted call changed the state"


class TokenWorld:
    """Reading and revert checks for a test world of dataclass fields `chain`, `token`
    (the settlement token) and `tracked` (the parties whose balances are watched)."""

    def balance(self, party) -> int:
        return self.token.balance_of(party)

    def balances(self) -> dict:
        return {str(p): self.token.balance_of(p) for p in self.tracked}

    def fingerprint(self) -> tuple:
        return self.chain.state_root(ignore_nonces=True), len(self.chain.logs), self.balances()

    @contextmanager
    def reverts(self, error: str | None = None, **args):
        """The block must revert with `error` (and `args`) and change nothing."""
        __tracebackhide__ = True
        before = self.fingerprint()
        with plugin_reverts(error, **args) as info:
            yield info
        after = self.fingerprint()
        assert after[0] == before[0], "a reverted transaction changed the state root"
        assert after[1] == before[1], "a reverted transaction left events"
        assert after[2] == before[2], "a reverted transaction moved tokens"


# --- state machines ---------------------------------------------------------------------------

# Steps run per state machine, reported at the end of the session (tests/contracts/conftest.py).
STEPS: dict[str, int] = {}


def campaign(examples: int, steps: int) -> settings:
    """Hypothesis settings for a state machine: `examples` runs of up to `steps` steps in
    `make test`; CONTRACTS_LONG=N multiplies the examples by N (`make contracts-long`)."""
    factor = int(os.environ.get("CONTRACTS_LONG", "1") or 1)
    return settings(max_examples=examples * factor, stateful_step_count=steps, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


def preferring(natural, everyone):
    """A sender strategy: half the time one of the `natural` callers of a function
    (so that the state moves on), else anyone of `everyone` (so that role checks are
    exercised)."""
    return st.one_of(st.sampled_from(natural), everyone)


def count_step(machine: str) -> None:
    STEPS[machine] = STEPS.get(machine, 0) + 1


def outcome_of(chain, action, expected_error: str | None):
    """Run one transaction and compare it with the model's prediction: the same error
    name (None: success). A revert must leave the state (nonces aside) and the event
    log unchanged. Returns the receipt of a success, None after a revert."""
    __tracebackhide__ = True
    root, logs = effects_root(chain), len(chain.logs)
    try:
        receipt = action()
    except TransactionFailed as exc:
        assert exc.error == expected_error, f"the model expected {expected_error or 'success'}, the chain: {exc}"
        assert len(chain.logs) == logs, "a reverted call left events"
        assert effects_root(chain) == root, "a reverted call changed the state"
        return None
    assert expected_error is None, f"the model expected {expected_error}, the call succeeded"
    return receipt
