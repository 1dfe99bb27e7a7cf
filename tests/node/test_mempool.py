"""The mempool never exceeds its caps, replaces only at a higher price, and
lists ready transactions in nonce order per sender (RELIABILITY test 45); its
bookkeeping is checked after every operation: every pooled transaction is
held by its sender's entry and counted once, and is either ready or waiting
on a nonce gap for at most `max_gap_age` blocks."""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from node import crypto, tx
from node.errors import InvalidTransaction
from node.mempool import Mempool, MempoolLimits

KEYS = [crypto.Key.deterministic(f"pool-{i}") for i in range(4)]
LIMITS = MempoolLimits(max_count=12, max_bytes=6000, max_per_sender=5, max_bytes_per_sender=2500, max_nonce_gap=6,
                       max_gap_age=3)


def decoded(key, nonce, price=0, size=0):
    signed = tx.make(key, chain_id=1, nonce=nonce, gas_limit=50_000, to=b"\x01" * 20, data=b"\x00" * size,
                     gas_price=price)
    return tx.decode(signed.encode())


class MempoolMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.pool = Mempool(LIMITS)
        self.nonces = {k.address: 0 for k in KEYS}
        self.height = 1  # of the next block

    @rule(key=st.sampled_from(KEYS), offset=st.integers(-1, 8), price=st.integers(0, 3), size=st.integers(0, 900))
    def add(self, key, offset, price, size):
        # Below the account nonce: refused before the mempool (nonce_too_low); offset -1 tries the current one twice.
        item = decoded(key, max(self.nonces[key.address], self.nonces[key.address] + offset), price, size)
        before = dict(self.pool.by_hash)
        try:
            replaced = self.pool.add(item, self.nonces[key.address], self.height)
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
        self.height += 1
        self.pool.prune(lambda a: self.nonces[a], height=self.height, senders=[key.address])  # only its nonce moved
        sender = self.pool.senders.get(key.address)
        assert sender is None or min(sender.by_nonce) >= self.nonces[key.address]

    @rule(key=st.sampled_from(KEYS))
    def ready_ones_included(self, key):
        """A block takes this sender's whole ready run."""
        self.nonces[key.address] = self.pool.pending_nonce(key.address, self.nonces[key.address])
        self.height += 1
        self.pool.prune(lambda a: self.nonces[a], height=self.height, senders=[key.address])

    @rule()
    def empty_block(self):
        self.height += 1
        self.pool.prune(lambda a: self.nonces[a], height=self.height, senders=[])

    @invariant()
    def bookkeeping_is_consistent(self):
        pool = self.pool
        held = {}
        for address, sender in pool.senders.items():
            assert sender.by_nonce, "a sender without transactions is kept"
            assert sender.bytes == sum(len(e.decoded.raw) for e in sender.by_nonce.values())
            for nonce, entry in sender.by_nonce.items():
                assert entry.decoded.sender == address and entry.decoded.tx.nonce == nonce
                held[entry.decoded.hash] = entry.decoded
        assert sum(len(s.by_nonce) for s in pool.senders.values()) == len(pool.by_hash) == len(held)
        assert held.keys() == pool.by_hash.keys()
        assert pool.total_bytes == sum(s.bytes for s in pool.senders.values())
        assert pool._expiring == sum(bool(d.tx.expiry) for d in pool.by_hash.values())

    @invariant()
    def every_transaction_is_ready_or_waiting_on_a_recent_gap(self):
        ready = {d.hash for d in self.pool.ready(lambda a: self.nonces[a], limit=10_000)}
        for address, sender in self.pool.senders.items():
            first_missing = self.pool.pending_nonce(address, self.nonces[address])
            for nonce, entry in sender.by_nonce.items():
                assert nonce >= self.nonces[address]
                if nonce < first_missing:
                    assert entry.decoded.hash in ready
                else:
                    assert entry.decoded.hash not in ready
                    assert nonce <= self.nonces[address] + LIMITS.max_nonce_gap
                    assert entry.height + LIMITS.max_gap_age >= self.height

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


def test_replacing_a_senders_only_transaction_keeps_it_ready_prunable_and_capped():
    pool = Mempool(LIMITS)
    key = KEYS[0]
    pool.add(decoded(key, 0, price=1), 0)
    replacement = decoded(key, 0, price=2)
    assert pool.add(replacement, 0).tx.gas_price == 1
    assert pool.ready(lambda a: 0, 10) == [replacement]
    assert pool.pending_nonce(key.address, 0) == 1
    assert pool.prune(lambda a: 1, height=2) == 1 and len(pool) == 0 and pool.total_bytes == 0
    # Repeated replacements of a gapped only transaction: one transaction, counted once.
    for price in range(1, 2 * LIMITS.max_per_sender + 3):
        pool.add(decoded(key, 1, price=price, size=price), 0)
    assert len(pool.senders[key.address].by_nonce) == len(pool) == 1
    assert pool.total_bytes == pool.senders[key.address].bytes == len(decoded(key, 1, price=price, size=price).raw)
    assert pool.prune(lambda a: 2, height=3) == 1 and len(pool) == 0 and not pool.senders


def test_a_transaction_waiting_on_a_gap_is_evicted_after_max_gap_age_blocks():
    pool = Mempool(LIMITS)
    key = KEYS[0]
    gapped = decoded(key, 2)
    pool.add(gapped, 0, height=1)
    ready_but_waiting = decoded(KEYS[1], 0)
    pool.add(ready_but_waiting, 0, height=1)  # ready (blocks were full): never evicted for its age
    nonce = lambda a: 0  # noqa: E731
    for height in range(2, 2 + LIMITS.max_gap_age):
        assert pool.prune(nonce, height=height, senders=[]) == 0
    assert pool.prune(nonce, height=2 + LIMITS.max_gap_age, senders=[]) == 1
    assert gapped.hash not in pool and ready_but_waiting.hash in pool
