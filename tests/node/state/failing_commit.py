"""A block whose LMDB commit fails, for test_lmdb_store: run as
`python -m tests.node.state.failing_commit PATH`, in its own process because
it lowers the process's file-size limit (RLIMIT_FSIZE) until the commit's
page writes get EFBIG. The store applies the block's flat changes and caches
its records while LMDB commits (StateStore._write), so this is the failure
that comes after them. Prints `ok` when the store then behaves as if the
block never happened, takes it once the limit is lifted, and reopens at it.
"""

from __future__ import annotations

import os
import resource
import signal
import sys

import lmdb

from node.state import MemoryStore, open_store

BASE = {b"base-%05d" % n: b"v0-%05d" % n for n in range(3000)}
UPDATE = {b"base-%05d" % n: b"v1-%05d" % n for n in range(0, 3000, 3)}
GROWTH = {b"new-%06d" % n: bytes(100) + b"%06d" % n for n in range(20_000)} | {
    b"base-%05d" % n: b"v2-%05d" % n for n in range(1, 3000, 3)}


def main(path: str) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    with open_store(path) as store:
        store.apply(BASE, 0)
        root = store.apply(UPDATE, 1)
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (os.path.getsize(os.path.join(path, "data.mdb")), hard))
        try:
            store.apply(GROWTH, 2)
        except lmdb.Error as error:
            assert "too large" in str(error).lower(), error
        else:
            raise AssertionError("the commit did not fail")
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        assert store.latest_version() == 1 and store.root() == root
        before = BASE | UPDATE
        for key in list(GROWTH)[::500] + list(BASE)[::7]:  # the pending flat changes, and the flat table
            assert store.get(key) == before.get(key), key
        assert store.verify_tree() == root
        new_root = store.apply(GROWTH, 2)
    expected = MemoryStore()
    for version, block in enumerate((BASE, UPDATE, GROWTH)):
        expected.apply(block, version)
    assert new_root == expected.root()
    with open_store(path) as store:
        assert store.latest_version() == 2 and store.root() == new_root
        content = BASE | UPDATE | GROWTH
        assert all(store.get(key) == value for key, value in content.items())
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1])
