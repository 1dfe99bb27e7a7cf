"""A hypothesis state machine drives the LMDB store and the in-memory store
side by side against a dict model: identical roots (equal to the naive
reference), proofs that verify and break when tampered with, historical reads,
pruning and snapshots."""

import shutil
import tempfile

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from node.state import MemoryStore, Proof, VersionError, open_store, verify_proof
from tests.node.state.reference_tree import reference_root

KEYS = [bytes([prefix]) + bytes([n, n ^ 0x5A]) for prefix in (0, 1, 2) for n in range(16)]
keys = st.sampled_from(KEYS)
batches = st.dictionaries(keys, st.one_of(st.none(), st.binary(max_size=5)), max_size=10)


class TwoStores(RuleBasedStateMachine):
    @initialize()
    def open_stores(self):
        self.directory = tempfile.mkdtemp(prefix="state-machine-")
        self.lmdb = open_store(f"{self.directory}/db")
        self.memory = MemoryStore()
        self.history: list[dict[bytes, bytes]] = []  # content after each version
        self.roots: list[bytes] = []
        self.oldest = 0
        self.snapshots = 0

    def teardown(self):
        self.lmdb.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    @property
    def latest(self) -> int:
        return len(self.history) - 1

    @rule(batch=batches)
    def apply_batch(self, batch):
        version = len(self.history)
        lmdb_root = self.lmdb.apply(batch, version, extra=[("blocks", version.to_bytes(8, "big"), b"b")])
        memory_root = self.memory.apply(batch, version, extra=[("blocks", version.to_bytes(8, "big"), b"b")])
        content = dict(self.history[-1]) if self.history else {}
        for key, value in batch.items():
            if value:
                content[key] = value
            else:
                content.pop(key, None)
        self.history.append(content)
        self.roots.append(lmdb_root)
        assert lmdb_root == memory_root == reference_root(content)

    @precondition(lambda self: self.history)
    @rule(data=st.data())
    def historical_reads(self, data):
        version = data.draw(st.integers(self.oldest, self.latest))
        for key in KEYS:
            expected = self.history[version].get(key)
            assert self.lmdb.get(key, version) == expected
            assert self.memory.get(key, version) == expected
        assert self.lmdb.root(version) == self.memory.root(version) == self.roots[version]

    @precondition(lambda self: self.history)
    @rule(key=keys, data=st.data())
    def proofs_verify_and_tampering_fails(self, key, data):
        version = data.draw(st.integers(self.oldest, self.latest))
        root, value = self.roots[version], self.history[version].get(key)
        raw = self.lmdb.prove(key, version).to_bytes()
        assert raw == self.memory.prove(key, version).to_bytes()
        assert verify_proof(root, key, value, raw)
        assert verify_proof(root, key, value, Proof.from_bytes(raw))
        position = data.draw(st.integers(0, len(raw) - 1))
        flipped = raw[:position] + bytes((raw[position] ^ data.draw(st.integers(1, 255)),)) + raw[position + 1:]
        assert not verify_proof(root, key, value, flipped)
        assert not verify_proof(root, key, (value or b"") + b"!", raw)
        if value is not None:
            other_key = data.draw(keys.filter(lambda other: other != key))
            assert not verify_proof(root, other_key, value, raw)

    @precondition(lambda self: self.history)
    @rule(keep_last=st.integers(1, 4))
    def prune(self, keep_last):
        deleted = self.lmdb.prune(keep_last)
        assert self.memory.prune(keep_last) == deleted
        self.oldest = max(self.oldest, self.latest - keep_last + 1)
        assert self.lmdb.oldest_version() == self.memory.oldest_version() == self.oldest
        if self.oldest > 0:
            for store in (self.lmdb, self.memory):
                try:
                    store.get(KEYS[0], self.oldest - 1)
                except VersionError:
                    continue
                raise AssertionError("a pruned version was still served")

    @precondition(lambda self: self.history and self.snapshots < 2)
    @rule()
    def snapshot_and_reopen(self):
        self.snapshots += 1
        for name, store in (("lmdb", self.lmdb), ("memory", self.memory)):
            path = f"{self.directory}/snapshot-{name}-{self.snapshots}"
            store.snapshot(path)
            with open_store(path) as copy:
                assert copy.latest_version() == self.latest
                assert copy.oldest_version() == self.oldest
                assert copy.root() == self.roots[-1]
                assert copy.verify_tree() == self.roots[-1]
                assert copy.read("blocks", self.latest.to_bytes(8, "big")) == b"b"

    @invariant()
    def latest_state_matches_the_model(self):
        if not self.history:
            assert self.lmdb.latest_version() is None is self.memory.latest_version()
            return
        assert self.lmdb.latest_version() == self.memory.latest_version() == self.latest
        for key in KEYS[::5]:
            assert self.lmdb.get(key) == self.memory.get(key) == self.history[-1].get(key)


TwoStores.TestCase.settings = settings(max_examples=75, stateful_step_count=40, deadline=None)
TestTwoStores = TwoStores.TestCase
