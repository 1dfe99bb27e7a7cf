"""The tree helper process (node/state/helper.py): a store that shares its
tree work writes exactly what a store working alone writes, and survives the
helper failing, a block aborting and the map growing."""

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from node.state import MemoryStore, StateCorruptionError, open_store
from node.state.cache import NodeCache, cached_depth
from node.state.lmdb_store import NODES, STALE
from node.state.nodes import root_key
from tests.node.nodeproc import alive

POOL = [b"\x01" + n.to_bytes(4, "big") for n in range(3000)]


def random_block(rng: random.Random, size: int) -> dict[bytes, bytes | None]:
    """Updates, inserts and deletes (about one in six) over the key pool."""
    return {rng.choice(POOL): None if rng.random() < 0.16 else rng.randbytes(rng.randrange(1, 40))
            for _ in range(size)}


def shared_store(path, **options):
    """A store whose every block of 2+ changes goes to a helper that is
    already serving."""
    store = open_store(path, helper_min_changes=2, **options)
    assert store._helper.wait_ready(), "the tree helper did not start"
    return store


def table(store, name) -> list[tuple[bytes, bytes]]:
    with store._view() as view:
        return list(view.txn.cursor(db=store._dbs[name]))


def test_a_shared_update_writes_what_one_process_writes(tmp_path):
    rng = random.Random(4)
    blocks = [random_block(rng, rng.choice((3, 40, 400, 1500))) for _ in range(14)]
    memory = MemoryStore()
    with shared_store(tmp_path / "shared") as shared, open_store(tmp_path / "alone", helper_min_changes=None) as alone:
        for version, block in enumerate(blocks):
            root = shared.apply(block, version)
            assert root == alone.apply(block, version) == memory.apply(block, version)
        assert shared._helper.jobs >= 10, "the helper took no part"
        assert shared._helper.runs_here > 0 and shared._helper.runs_helper > 0, "one side took every run"
        assert alone._helper is None
        # Same records, same stale index, byte for byte.
        assert table(shared, NODES) == table(alone, NODES)
        assert table(shared, STALE) == table(alone, STALE)
        assert shared.verify_tree() == root
        assert all(shared.get(key) == memory.get(key) for key in POOL)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks=st.lists(st.dictionaries(st.sampled_from(POOL[:300]), st.none() | st.binary(min_size=1, max_size=8),
                                       min_size=2, max_size=120), min_size=1, max_size=6))
def test_shared_updates_match_the_in_memory_store(tmp_path_factory, blocks):
    path = tmp_path_factory.mktemp("helper")
    memory = MemoryStore()
    with shared_store(path / "db") as store:
        for version, block in enumerate(blocks):
            assert store.apply(block, version) == memory.apply(block, version)
        assert store.verify_tree() == memory.root()


def test_an_aborted_block_leaves_no_cached_records_behind(tmp_path):
    """Both processes cache a block's records before its commit; a block that
    does not commit must not leave them, or the next block at that height
    would be built on records that were never written."""
    rng = random.Random(9)
    first, aborted, replacement, after = (random_block(rng, 600) for _ in range(4))
    memory = MemoryStore()

    def refuse(_root):
        raise RuntimeError("the block builder failed")

    with shared_store(tmp_path / "db") as store:
        assert store.apply(first, 0) == memory.apply(first, 0)
        with pytest.raises(RuntimeError):
            store.apply(aborted, 1, extra=refuse)
        assert store.latest_version() == 0
        assert store.apply(replacement, 1) == memory.apply(replacement, 1)
        assert store.apply(after, 2) == memory.apply(after, 2)
        assert store._helper.jobs >= 3
        assert store.verify_tree() == memory.root()


class Height(int):
    """An int subclass: a valid version that marshal cannot send."""


def test_a_job_marshal_cannot_send_goes_pickled(tmp_path):
    """Jobs go to the helper marshalled (no pickle memo); one marshal refuses
    (here its version is an int subclass) goes pickled, with the same result."""
    rng = random.Random(5)
    memory = MemoryStore()
    with shared_store(tmp_path / "db") as store:
        for version in range(4):  # the first block, on an empty tree, is not shared
            block = random_block(rng, 400)
            assert store.apply(block, Height(version) if version == 2 else version) == memory.apply(block, version)
        assert store._helper.jobs == 3 and not store._helper.broken
        assert store.verify_tree() == memory.root()


def test_a_dead_helper_is_replaced_by_the_store_itself(tmp_path):
    rng = random.Random(2)
    memory = MemoryStore()
    with shared_store(tmp_path / "db") as store:
        block = random_block(rng, 500)
        assert store.apply(block, 0) == memory.apply(block, 0)
        os.kill(store._helper.pid, signal.SIGKILL)
        for version in range(1, 4):
            block = random_block(rng, 500)
            assert store.apply(block, version) == memory.apply(block, version)
        assert store._helper.broken
        assert store.verify_tree() == memory.root()


def test_corruption_the_helper_meets_is_a_typed_error_and_changes_nothing(tmp_path):
    rng = random.Random(3)
    with shared_store(tmp_path / "db") as store:
        root = store.apply(random_block(rng, 800), 0)
        # Damage the root's child 15: a subtree only the helper reads.
        with store._view() as view:
            child = [key for key, _ in view.txn.cursor(db=store._dbs[NODES])
                     if key[8] == 1 and key[9] >> 4 == 15][0]
        with store._usable_env().begin(write=True) as txn:
            txn.put(child, b"\x01\x00", db=store._dbs[NODES])
        store._node_cache.clear()
        with pytest.raises(StateCorruptionError):
            store.apply({key: b"new" for key in POOL}, 1)
        assert store.latest_version() == 0 and store.root() == root
        assert not store._helper.broken, "a corrupt record is the store's error, not the helper's"


def test_the_helper_follows_a_growing_map(tmp_path):
    rng = random.Random(5)
    memory = MemoryStore()
    small = 1 << 20
    with shared_store(tmp_path / "db", map_size=small) as store:
        for version in range(8):
            block = {key: rng.randbytes(300) for key in rng.sample(POOL, 800)}
            assert store.apply(block, version) == memory.apply(block, version)
        assert store.map_growths > 0
        assert store._helper.jobs >= 6 and not store._helper.broken


def test_closing_the_store_ends_the_helper(tmp_path):
    store = shared_store(tmp_path / "db")
    process = store._helper._process
    store.apply(random_block(random.Random(1), 50), 0)
    store.close()
    assert process.poll() is not None


HOLDER = """
import sys, random
from node.state import open_store
store = open_store(sys.argv[1], helper_min_changes=2)
assert store._helper.wait_ready()
store.apply({bytes([1, n % 256, n // 256]): b"v" for n in range(600)}, 0)
print(store._helper.pid, flush=True)
sys.stdin.read()
"""


def test_a_killed_store_leaves_no_helper_running(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path / "db")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        helper_pid = int(holder.stdout.readline())
        os.kill(helper_pid, 0)  # running
        holder.kill()
        holder.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and alive(helper_pid):
            time.sleep(0.05)
        assert not alive(helper_pid)
    finally:
        holder.kill()
        holder.wait()


def test_the_cache_keeps_the_levels_that_fit_whole():
    assert [cached_depth(n) for n in (0, 1, 16, 17, 272, 273, 4368, 4369, 131_072)] == [-1, 0, 0, 1, 1, 2, 2, 3, 4]
    cache = NodeCache(273)
    internal = b"\x01" + bytes(10)
    deep, shallow = root_key(5)[:8] + bytes((3,)) + b"\x12\x30", root_key(5)[:8] + bytes((2,)) + b"\x12"
    cache.remember([(2, [(shallow, internal)]), (3, [(deep, internal)])], [])
    assert list(cache.records) == [shallow]
    cache.remember([], [shallow])
    assert len(cache) == 0


def test_an_update_that_fails_in_the_store_does_not_leave_its_answer_behind(tmp_path):
    """The store's own part fails while the helper works: the helper's
    answer to that job must not be taken for the next job's."""
    rng = random.Random(8)
    memory = MemoryStore()
    with shared_store(tmp_path / "db") as store:
        first = random_block(rng, 800)
        assert store.apply(first, 0) == memory.apply(first, 0)
        with store._view() as view:
            child, record = [(key, raw) for key, raw in view.txn.cursor(db=store._dbs[NODES])
                             if key[8] == 1 and key[9] >> 4 == 0][0]
        with store._usable_env().begin(write=True) as txn:
            txn.put(child, b"\x01\x00", db=store._dbs[NODES])  # a subtree the store updates itself
        store._node_cache.clear()
        with pytest.raises(StateCorruptionError):
            store.apply({key: b"new" for key in POOL}, 1)
        with store._usable_env().begin(write=True) as txn:
            txn.put(child, record, db=store._dbs[NODES])
        for version in (1, 2):
            block = random_block(rng, 800)
            assert store.apply(block, version) == memory.apply(block, version)
        assert not store._helper.broken and store._helper.jobs == 2


def test_the_helper_runs_this_package_whatever_the_working_directory(tmp_path, monkeypatch):
    """`python -c` puts the working directory first on sys.path: a store used
    from a directory holding another `node` package still gets its own helper."""
    (tmp_path / "elsewhere" / "node").mkdir(parents=True)
    (tmp_path / "elsewhere" / "node" / "__init__.py").write_text("raise ImportError('not this node package')\n")
    monkeypatch.chdir(tmp_path / "elsewhere")
    rng = random.Random(9)
    memory = MemoryStore()
    with shared_store("db") as store:  # a relative path, opened from there
        for version in range(3):
            block = random_block(rng, 300)
            assert store.apply(block, version) == memory.apply(block, version)
        assert store._helper.jobs >= 2 and not store._helper.broken


def test_a_slowed_store_leaves_the_helper_every_run(tmp_path, monkeypatch):
    """The store writes the flat table before its first run; held up there,
    it finds the helper has taken every run, from the last down to the first,
    and the result is still what one process computes."""
    rng = random.Random(12)
    memory = MemoryStore()
    with shared_store(tmp_path / "db") as store:
        first = random_block(rng, 1500)
        assert store.apply(first, 0) == memory.apply(first, 0)
        write_flat = store._write_flat

        def slow_write_flat(*args):
            time.sleep(1.0)  # the helper needs well under a second for the whole block
            return write_flat(*args)

        monkeypatch.setattr(store, "_write_flat", slow_write_flat)
        here, there = store._helper.runs_here, store._helper.runs_helper
        block = random_block(rng, 1500)
        assert store.apply(block, 1) == memory.apply(block, 1)
        assert store._helper.runs_here == here and store._helper.runs_helper - there == 16
        assert store.verify_tree() == memory.root()
