"""The mempool never exceeds its caps, replaces only at a higher price, and
lists ready transactions in nonce order per sender (RELIABILITY test 45)."""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from node import crypto, tx
from node.errors import InvalidTransaction
from node.mempool import Mempool, MempoolLimits

KEYS = [crypto.Key.deterministic(f"pool-{i}") for i in range(4)]
LIMITS = MempoolLimits(max_count=12, max_bytes=6000, max_per_sender=5, max_bytes_per_sender=2500, max_nonce_gap=6)


def decoded(key, nonce, price=0, size=0):
    signed = tx.make(key, chain_id=1, nonce=nonce, gas_limit=50_000, to=b"\x01" * 20, data=b"\x00" * size,
                     gas_price=price)
    return tx.decode(signed.encode())


class MempoolMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.pool = Mempool(LIMITS)
        self.nonces = {k.address: 0 for k in KEYS}

    @rule(key=st.sampled_from(KEYS), offset=st.integers(-1, 8), price=st.integers(0, 3), size=st.integers(0, 900))
    def add(self, key, offset, price, size):
        item = decoded(key, max(0, self.nonces[key.address] + offset), price, size)
        before = dict(self.pool.by_hash)
        try:
            replaced = self.pool.add(item, self.nonces[key.address])
        except InvalidTransaction as exc:
            assert exc.name in ("mempool_full", "underpriced", "nonce_too_high", "already_known")
            assert self.pool.by_hash == before
            return
        assert item.hash in self.pool
        if replaced is not None:
            assert replaced.tx.nonce == item.tx.nonce and replaced.tx.gas_price < item.tx.gas_price

    @rule(key=st.sampled_from(KEYS), count=st.integers(1, 3))
    def block_included(self, key, count):
        self.nonces[key.address] += count
        self.pool.prune(lambda a: self.nonces[a], height=1, senders=[key.address])  # only its nonce moved
        sender = self.pool.senders.get(key.address)
        assert sender is None or min(sender.by_nonce) >= self.nonces[key.address]

    @invariant()
    def caps_hold(self):
        assert len(self.pool) <= LIMITS.max_count
        assert self.pool.total_bytes <= LIMITS.max_bytes
        assert self.pool.total_bytes == sum(len(d.raw) for d in self.pool.by_hash.values())
        for sender in self.pool.senders.values():
            assert len(sender.by_nonce) <= LIMITS.max_per_sender
            assert sender.bytes <= LIMITS.max_bytes_per_sender

    @invariant()
    def ready_runs_are_contiguous_and_current(self):
        ready = self.pool.ready(lambda a: self.nonces[a], limit=100)
        by_sender = {}
        for item in ready:
            by_sender.setdefault(item.sender, []).append(item.tx.nonce)
        for address, nonces in by_sender.items():
            assert nonces == list(range(self.nonces[address], self.nonces[address] + len(nonces)))


TestMempool = MempoolMachine.TestCase
TestMempool.settings = settings(max_examples=60, stateful_step_count=40, deadline=None)


def test_replacement_needs_a_strictly_higher_price():
    pool = Mempool(LIMITS)
    pool.add(decoded(KEYS[0], 0, price=2), 0)
    with pytest.raises(InvalidTransaction) as info:
        pool.add(decoded(KEYS[0], 0, price=2, size=1), 0)
    assert info.value.name == "underpriced"
    assert pool.add(decoded(KEYS[0], 0, price=3), 0).tx.gas_price == 2


def test_prune_drops_expired_transactions_of_any_sender_and_stale_ones_of_the_named_senders():
    pool = Mempool(LIMITS)
    expiring = tx.decode(tx.make(KEYS[0], chain_id=1, nonce=0, gas_limit=50_000, to=b"\x01" * 20,
                                 expiry=5).encode())
    pool.add(expiring, 0)
    pool.add(decoded(KEYS[1], 0), 0)
    pool.add(decoded(KEYS[2], 0), 0)
    nonces = {KEYS[0].address: 0, KEYS[1].address: 1, KEYS[2].address: 1}
    assert pool.prune(lambda a: nonces[a], height=5, senders=[KEYS[1].address]) == 1
    assert {d.sender for d in pool.by_hash.values()} == {KEYS[0].address, KEYS[2].address}
    assert pool.prune(lambda a: nonces[a], height=6, senders=[]) == 1  # expired: no lookup needed
    assert {d.sender for d in pool.by_hash.values()} == {KEYS[2].address}
