"""The store interface, run against both stores: versions, reads, tables and
scans, input checks."""

import pytest

from node.state import EMPTY_ROOT, VersionError


def test_a_new_store_is_empty(make_store):
    store = make_store()
    assert store.latest_version() is None
    assert store.root() == EMPTY_ROOT
    assert store.get(b"k") is None
    assert store.prove(b"k").to_bytes() == b"\x01\x00\x00"
    with pytest.raises(VersionError):
        store.get(b"k", 0)


def test_versions_must_follow_each_other(make_store):
    store = make_store()
    with pytest.raises(VersionError):
        store.apply({b"k": b"v"}, 1)
    store.apply({b"k": b"v"}, 0)
    with pytest.raises(VersionError):
        store.apply({b"k": b"w"}, 0)
    with pytest.raises(VersionError):
        store.apply({b"k": b"w"}, 2)
    assert store.latest_version() == 0 and store.get(b"k") == b"v"


def test_empty_values_delete_and_empty_blocks_keep_the_root(make_store):
    store = make_store()
    first = store.apply({b"a": b"1", b"b": b"2"}, 0)
    assert store.apply({}, 1) == first
    assert store.apply({b"c": None, b"d": b""}, 2) == first
    store.apply({b"a": b""}, 3)
    assert store.get(b"a") is None and store.get(b"a", 2) == b"1"
    assert [store.root(version) for version in range(3)] == [first] * 3
    with pytest.raises(VersionError):
        store.root(4)


def test_bad_inputs_are_refused_before_anything_is_written(make_store):
    store = make_store()
    store.apply({b"a": b"1"}, 0)
    for changes in ({"text": b"v"}, {b"k": "text"}, {b"": b"v"}):
        with pytest.raises(TypeError):
            store.apply(changes, 1)
    with pytest.raises(ValueError):
        store.apply({b"k" * 512: b"v"}, 1)
    with pytest.raises(KeyError):
        store.apply({b"b": b"2"}, 1, extra=[("no-such-table", b"k", b"v")])
    assert store.latest_version() == 0 and store.get(b"b") is None


def test_extra_writes_land_with_the_block(make_store):
    store = make_store(tables=("blocks", "logs"))
    store.apply({b"a": b"1"}, 0, extra=[("blocks", b"\x00" * 8, b"genesis"), ("logs", b"x", b"1")])
    store.apply({}, 1, extra=[("logs", b"x", None), ("logs", b"y", b"2")])
    assert store.read("blocks", b"\x00" * 8) == b"genesis"
    assert store.read("logs", b"x") is None and store.read("logs", b"y") == b"2"
    with pytest.raises(KeyError):
        store.read("receipts", b"x")


def test_scans(make_store):
    store = make_store(tables=("logs",))
    keys = [bytes([n]) for n in range(0, 20, 2)]
    store.apply({}, 0, extra=[("logs", key, key * 2) for key in keys])
    assert [key for key, _ in store.scan("logs", b"")] == keys
    assert store.scan("logs", b"\x04", b"\x08") == [(b"\x04", b"\x04\x04"), (b"\x06", b"\x06\x06")]
    assert [key for key, _ in store.scan("logs", b"\x03", b"\x09")] == [b"\x04", b"\x06", b"\x08"]
    assert [key for key, _ in store.scan("logs", b"\x03", limit=2)] == [b"\x04", b"\x06"]
    assert [key for key, _ in store.scan("logs", b"\x03", b"\x09", reverse=True)] == [b"\x08", b"\x06", b"\x04"]
    assert [key for key, _ in store.scan("logs", b"\x03", b"\x08", reverse=True)] == [b"\x06", b"\x04"]
    assert [key for key, _ in store.scan("logs", b"", reverse=True, limit=3)] == [b"\x12", b"\x10", b"\x0e"]
    assert [key for key, _ in store.scan("logs", b"\x11", b"\x40", reverse=True)] == [b"\x12"]
    assert store.scan("logs", b"\x13") == [] and store.scan("logs", b"", b"\x00", reverse=True) == []
    assert store.scan("logs", b"", limit=0) == []


def test_pruning_keeps_the_newest_versions(make_store):
    store = make_store()
    for version in range(6):
        store.apply({b"k": bytes([version + 1]), bytes([version + 1]): b"x"}, version)
    assert store.prune(10) == 0
    deleted = store.prune(2)
    assert deleted > 0 and store.oldest_version() == 4
    assert store.get(b"k", 4) == b"\x05" and store.get(b"k", 5) == b"\x06"
    with pytest.raises(VersionError):
        store.get(b"k", 3)
    with pytest.raises(VersionError):
        store.prove(b"k", 3)
    assert store.verify_tree(4) == store.root(4)
    assert store.prune(2) == 0
    with pytest.raises(ValueError):
        store.prune(0)
