"""What only the LMDB store has: its settings, the format record, opening
checks, map-full handling, snapshots and fork safety."""

import gc
import os
import subprocess
import sys

import lmdb
import pytest

from node.state import (
    MemoryStore, StateCorruptionError, StateError, StoreFormatError, StoreFullError, VersionError, open_store,
    verify_proof)
from node.state.flat import FlatPending, bucket_of
from node.state.lmdb_store import NODES, STATE_META
from node.state.nodes import root_key
from tests.node.state.crash_campaign import REPOSITORY

CONTENT = {bytes([1, n]) + b"key": bytes([n + 1]) * 8 for n in range(64)}


def test_environment_runs_durable(tmp_path):
    """RELIABILITY.md test 51: sync and metasync on, no async or writemap, locking on."""
    with open_store(tmp_path / "db", map_size=1 << 30) as store:
        info = store.environment_info()
    assert info["sync"] and info["metasync"] and info["lock"]
    assert not info["map_async"] and not info["writemap"]
    assert info["map_size"] == 1 << 30


def test_reopen_keeps_everything(tmp_path):
    with open_store(tmp_path / "db", hash_name="sm3") as store:
        root = store.apply(CONTENT, 0, extra=[("blocks", b"\x00" * 8, b"b0")])
    with open_store(tmp_path / "db", hash_name=None) as store:
        assert store.hash_name == "sm3" and store.root() == root and store.latest_version() == 0
        assert store.read("blocks", b"\x00" * 8) == b"b0"
        assert verify_proof(root, b"\x01\x05key", b"\x06" * 8, store.prove(b"\x01\x05key").to_bytes(), "sm3")
    assert root == MemoryStore(hash_name="sm3").apply(CONTENT, 0)


def test_format_and_hash_mismatches_are_typed_errors(tmp_path):
    with open_store(tmp_path / "db") as store:
        store.apply(CONTENT, 0)
    with pytest.raises(StoreFormatError, match="sha3_256, not sm3"):
        open_store(tmp_path / "db", hash_name="sm3")
    env = lmdb.open(str(tmp_path / "db"), max_dbs=10)
    with env.begin(write=True) as txn:
        txn.put(b"format", b"hutong-state/99", db=env.open_db(STATE_META, txn=txn))
    env.close()
    with pytest.raises(StoreFormatError, match="hutong-state/99"):
        open_store(tmp_path / "db")


def test_foreign_or_missing_databases_are_refused(tmp_path):
    env = lmdb.open(str(tmp_path / "other"))
    with env.begin(write=True) as txn:
        txn.put(b"state.nodes", b"not a table")
    env.close()
    with pytest.raises(StoreFormatError):
        open_store(tmp_path / "other")
    with pytest.raises(FileNotFoundError):
        open_store(tmp_path / "missing", create=False)
    lmdb.open(str(tmp_path / "bare")).close()
    with pytest.raises(StoreFormatError):
        open_store(tmp_path / "bare", create=False)


def corrupt_node(path, node_key: bytes) -> None:
    env = lmdb.open(str(path), max_dbs=10)
    with env.begin(write=True) as txn:
        nodes = env.open_db(NODES, txn=txn)
        raw = bytearray(txn.get(node_key, db=nodes))
        raw[-1] ^= 0x01
        txn.put(node_key, bytes(raw), db=nodes)
    env.close()


def test_a_corrupt_root_node_stops_the_open(tmp_path):
    """Negative control for the open-time check: one flipped bit is found."""
    with open_store(tmp_path / "db") as store:
        store.apply(CONTENT, 0)
        store.snapshot(tmp_path / "snapshot")
    corrupt_node(tmp_path / "snapshot", root_key(0))
    with pytest.raises(StateCorruptionError):
        open_store(tmp_path / "snapshot")
    with open_store(tmp_path / "db") as store:
        assert store.verify_tree(0) == store.root(0)


def test_a_corrupt_leaf_is_found_by_verify_tree(tmp_path):
    with open_store(tmp_path / "db") as store:
        store.apply(CONTENT, 0)
        with store._view() as view:
            leaf_key = next(key for key, raw in view.txn.cursor(db=store._dbs[NODES]) if raw[0] == 2)
    corrupt_node(tmp_path / "db", leaf_key)
    with open_store(tmp_path / "db") as store:  # the cheap open check only covers the root node
        with pytest.raises(StateCorruptionError):
            store.verify_tree(0)


def test_map_full_aborts_the_block_and_a_larger_map_takes_it(tmp_path):
    small = 1 << 18
    big_block = {n.to_bytes(4, "big"): bytes(200) + n.to_bytes(4, "big") for n in range(4000)}
    with open_store(tmp_path / "db", map_size=small, max_map_size=small) as store:
        root = store.apply(CONTENT, 0, extra=[("blocks", b"0", b"block 0")])
        with pytest.raises(StoreFullError):
            store.apply(big_block, 1, extra=[("blocks", b"1", b"block 1")])
        assert store.latest_version() == 0 and store.root() == root
        assert store.get(b"\x00\x00\x00\x01") is None and store.read("blocks", b"1") is None
        assert store.verify_tree(0) == root
    with open_store(tmp_path / "db", map_size=small) as store:
        assert store.latest_version() == 0 and store.root() == root
        new_root = store.apply(big_block, 1, extra=[("blocks", b"1", b"block 1")])
        assert store.map_growths > 0
        assert store.environment_info()["map_size"] > small
        assert store.get(b"\x00\x00\x00\x01") == big_block[b"\x00\x00\x00\x01"]
        assert store.read("blocks", b"1") == b"block 1"
        assert store.verify_tree(1) == new_root == MemoryStore().apply(CONTENT | big_block, 0)


def test_a_commit_that_fails_after_the_memory_work_leaves_nothing_of_the_block(tmp_path):
    """The store applies a block's flat changes and caches its records while
    LMDB commits it; when the commit itself fails (here EFBIG, from a file-size
    limit, in a process of its own), reads still see the previous block, and
    the block goes through once the limit is lifted (failing_commit.py)."""
    script = subprocess.run([sys.executable, "-m", "tests.node.state.failing_commit", str(tmp_path / "db")],
                            capture_output=True, text=True, cwd=REPOSITORY, timeout=300)
    assert script.returncode == 0 and script.stdout.split() == ["ok"], script.stderr


def test_when_the_memory_work_beside_a_commit_fails_the_committed_block_still_reads_right(tmp_path, monkeypatch):
    """An exception from the work done beside the commit (the block is on
    disk) reaches the caller, and the store drops what that work may have
    half done: the next reads and blocks see the database as it is."""
    update = {key: value + b"!" for key, value in list(CONTENT.items())[::2]}
    calls = []
    commit = FlatPending.commit

    def failing_commit(self, plan, snapshot):
        calls.append(snapshot)
        if len(calls) == 2:
            self.buckets[bucket_of(b"half done")][b"half done"] = b"never written"
            raise MemoryError("injected")
        commit(self, plan, snapshot)

    monkeypatch.setattr(FlatPending, "commit", failing_commit)
    with open_store(tmp_path / "db") as store:
        store.apply(CONTENT, 0)
        with pytest.raises(MemoryError):
            store.apply(update, 1)
        assert store.latest_version() == 1
        assert all(store.get(key) == (CONTENT | update)[key] for key in CONTENT)
        assert store.get(b"half done") is None
        last = {b"more": b"keys"}
        root = store.apply(last, 2)
        assert len(calls) == 3
        assert root == MemoryStore().apply(CONTENT | update | last, 0) == store.verify_tree(2)


def test_without_a_commit_thread_the_memory_work_runs_before_the_commit(tmp_path):
    """At interpreter shutdown no thread takes new work: the store then does
    the work it does beside a commit itself, and every block still lands."""
    update = {key: value + b"?" for key, value in list(CONTENT.items())[::3]}
    with open_store(tmp_path / "db") as store:
        store.apply(CONTENT, 0)
        store._committer.shutdown()  # as at interpreter exit: submit() now raises RuntimeError
        root = store.apply(update, 1)
        assert all(store.get(key) == (CONTENT | update)[key] for key in CONTENT)
        assert root == store.verify_tree(1) == MemoryStore().apply(CONTENT | update, 0)


def test_a_block_holds_automatic_collections_and_runs_one_young_collection(tmp_path):
    """apply() pauses the process's automatic garbage collection while it
    works and runs one young collection beside the commit; it leaves the
    collector as it found it, after a failed block too, and leaves a
    collector the application turned off alone."""
    young = []

    def count(phase, info):
        if phase == "start":
            young.append((info["generation"], gc.isenabled()))

    gc.callbacks.append(count)
    try:
        with open_store(tmp_path / "db") as store:
            store.apply(CONTENT, 0)
            assert gc.isenabled()
            young.clear()
            store.apply({key: value * 2 for key, value in CONTENT.items()}, 1)
            assert young and all(generation == 0 and not enabled for generation, enabled in young)
            assert gc.isenabled()
            with pytest.raises(VersionError):
                store.apply(CONTENT, 5)  # not the next version
            assert gc.isenabled()
            gc.disable()
            try:
                young.clear()
                store.apply(CONTENT, 2)
                assert not gc.isenabled() and not young
            finally:
                gc.enable()
    finally:
        gc.callbacks.remove(count)


def test_snapshot_needs_an_empty_directory(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "file").write_text("x")
    with open_store(tmp_path / "db") as store:
        store.apply(CONTENT, 0)
        with pytest.raises(FileExistsError):
            store.snapshot(tmp_path / "taken")


def test_a_store_inherited_across_fork_refuses_to_work(tmp_path):
    store = open_store(tmp_path / "db")
    store.apply(CONTENT, 0)
    pid = os.fork()
    if pid == 0:
        try:
            store.get(b"\x01\x00key")
        except StateError:
            os._exit(0)
        os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert store.get(b"\x01\x00key") == CONTENT[b"\x01\x00key"]  # the parent is unaffected
    store.close()
    with pytest.raises(StateError):
        store.get(b"\x01\x00key")


def test_pending_flat_changes_merge_reopen_and_stay_bounded(tmp_path):
    """Latest reads go through the pending (unmerged) changes in memory and
    the flat table (flat.py): over more than 256 blocks, with a cap small
    enough to force extra merges, every read matches the model, before and
    after reopening, and the log and the pending changes stay bounded."""
    import random

    from node.state.flat import BUCKETS
    from node.state.lmdb_store import FLATLOG

    rng = random.Random(7)
    # Keys of 511 bytes (the most allowed) leave no room for the bucket byte
    # and live in state.flatlong.
    pool = [b"\x01" + n.to_bytes(3, "big") for n in range(600)] + [b"\x02" * 510 + bytes((n,)) for n in range(5)]
    model: dict[bytes, bytes] = {}
    store = open_store(tmp_path / "db")
    store._pending_cap = 40
    try:
        for version in range(BUCKETS + 40):
            block = {rng.choice(pool): (None if rng.random() < 0.2 else rng.randbytes(rng.randrange(1, 9)))
                     for _ in range(rng.randrange(0, 30))}
            store.apply(block, version)
            for key, value in block.items():
                if value:
                    model[key] = value
                else:
                    model.pop(key, None)
            assert store._pending.size <= 40
            if version % 97 == 0 or version == BUCKETS + 39:
                before = [dict(bucket) for bucket in store._pending.buckets]
                store.close()
                store = open_store(tmp_path / "db")
                store._pending_cap = 40
                assert store._pending.buckets == before
            if version % 13 == 0:
                assert all(store.get(key) == model.get(key) for key in pool)
                assert all(store.get(key, version) == model.get(key) for key in pool[:50])
        with store._view() as view:
            log_versions = [int.from_bytes(key, "big") for key, _ in view.txn.cursor(db=store._dbs[FLATLOG])]
        assert log_versions and len(log_versions) < BUCKETS and log_versions[0] > 40
        assert all(store.get(key) == model.get(key) for key in pool)
        assert MemoryStore().apply(model, 0) == store.root()
    finally:
        store.close()


def other_process_blocks(first: int, count: int) -> list[dict[bytes, bytes | None]]:
    """Deterministic blocks `first`.. for the writer in another process."""
    import random

    blocks = []
    for version in range(first, first + count):
        rng = random.Random(version)
        blocks.append({b"\x01" + rng.randrange(400).to_bytes(2, "big"):
                       None if rng.random() < 0.2 else rng.randbytes(4) for _ in range(12)})
    return blocks


def write_in_another_process(path, first: int, count: int) -> None:
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", (
        "import sys\n"
        "from node.state import open_store\n"
        "from tests.node.state.test_lmdb_store import other_process_blocks\n"
        "first, count = int(sys.argv[2]), int(sys.argv[3])\n"
        "with open_store(sys.argv[1]) as store:\n"
        "    for version, block in enumerate(other_process_blocks(first, count), first):\n"
        "        store.apply(block, version)\n"), str(path), str(first), str(count)],
        check=True, cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__)))))


def test_writes_from_another_process_are_seen(tmp_path):
    """The pending changes describe one LMDB snapshot; when another process
    commits, the next read (and the next write) catches up from the newer log
    records, also after every bucket was merged and old records deleted."""
    from node.state.flat import BUCKETS, FlatPending
    from node.state.lmdb_store import FLATLOG

    pool = [b"\x01" + n.to_bytes(2, "big") for n in range(400)]
    model: dict[bytes, bytes] = {}

    def replay(blocks):
        for block in blocks:
            for key, value in block.items():
                if value:
                    model[key] = value
                else:
                    model.pop(key, None)

    with open_store(tmp_path / "db") as store:
        version = 0
        for block in other_process_blocks(0, 5):
            store.apply(block, version)
            version += 1
        replay(other_process_blocks(0, 5))
        assert all(store.get(key) == model.get(key) for key in pool)
        for count in (3, BUCKETS + 10):  # some buckets merged meanwhile; then all, and old log records gone
            write_in_another_process(tmp_path / "db", version, count)
            replay(other_process_blocks(version, count))
            version += count
            assert all(store.get(key) == model.get(key) for key in pool)
            with store._view() as view:
                fresh = FlatPending()
                fresh.load(view.txn.cursor(db=store._dbs[FLATLOG]), view.txn.get(b"flatmerged", db=store._dbs[
                    b"state.meta"]), version - 1, view.txn.id())
                assert store._pending.buckets == fresh.buckets and store._pending.size == fresh.size
        store.apply({pool[0]: b"mine", pool[1]: None}, version)
        replay([{pool[0]: b"mine", pool[1]: None}])
        assert all(store.get(key) == model.get(key) for key in pool)
        assert store.root() == MemoryStore().apply(model, 0)
    with open_store(tmp_path / "db") as store:
        assert all(store.get(key) == model.get(key) for key in pool)


def test_snapshots_of_both_stores_read_back_every_key(tmp_path):
    """A snapshot carries the flat table and the unmerged log (LMDB store) or
    writes everything merged (in-memory store), 511-byte keys included."""
    content = {b"\x01" + n.to_bytes(2, "big"): bytes([n % 250 + 1]) * 3 for n in range(300)}
    content[b"\x03" * 511] = b"long key"
    memory = MemoryStore()
    memory.apply(content, 0)
    memory.apply({b"\x01\x00\x05": None, b"\x03" * 511: b"long key 2"}, 1)
    expected = {key: memory.get(key) for key in content}
    with open_store(tmp_path / "db") as store:
        store.apply(content, 0)
        store.apply({b"\x01\x00\x05": None, b"\x03" * 511: b"long key 2"}, 1)
        assert store._pending.size > 0  # some changes are still only in the log
        store.snapshot(tmp_path / "from-lmdb")
    memory.snapshot(tmp_path / "from-memory")
    for name in ("from-lmdb", "from-memory"):
        with open_store(tmp_path / name) as copy:
            assert {key: copy.get(key) for key in content} == expected
            assert copy.root() == memory.root()


def test_a_block_over_the_pending_cap_merges_down_to_half_of_it(tmp_path):
    """After a bulk load the blocks that follow must not each pass the cap
    again (every one of them would then merge a second, full bucket)."""
    with open_store(tmp_path / "db") as store:
        store._pending_cap = 400
        store.apply({b"\x01" + n.to_bytes(4, "big"): b"v" for n in range(1000)}, 0)
        assert store._pending.size <= 200
        sizes = []
        for version in range(1, 30):
            store.apply({b"\x02" + bytes((version, n)): b"w" for n in range(4)}, version)
            sizes.append(store._pending.size)
        # 4 changes a block and one bucket merged: no block passed the cap
        # and had to merge more (the size never drops by more than a bucket).
        assert max(sizes) <= 400 and all(later >= earlier - 20 for earlier, later in zip(sizes, sizes[1:]))
        assert all(store.get(b"\x01" + n.to_bytes(4, "big")) == b"v" for n in range(0, 1000, 7))
