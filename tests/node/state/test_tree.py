"""The tree's roots against the naive reference, in both stores: content
decides the root, never the order or the batching of updates."""

import hashlib
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from node.state import EMPTY_ROOT, MemoryStore, StateCorruptionError
from node.state.tree import recompute_root
from tests.node.state.reference_tree import reference_root

KEYS = [bytes([prefix]) + bytes([n]) * 3 for prefix in (0, 1, 2) for n in range(12)]
values = st.one_of(st.none(), st.binary(max_size=6))
batches = st.lists(st.dictionaries(st.sampled_from(KEYS), values, max_size=12), min_size=1, max_size=8)


def apply_all(store, batch_list):
    model: dict[bytes, bytes] = {}
    roots = []
    for version, batch in enumerate(batch_list):
        roots.append(store.apply(batch, version))
        for key, value in batch.items():
            if value:
                model[key] = value
            else:
                model.pop(key, None)
    return model, roots


@settings(max_examples=60, deadline=None)
@given(batch_list=batches)
def test_every_root_matches_the_reference(batch_list):
    store = MemoryStore()
    model: dict[bytes, bytes] = {}
    for version, batch in enumerate(batch_list):
        root = store.apply(batch, version)
        for key, value in batch.items():
            if value:
                model[key] = value
            else:
                model.pop(key, None)
        assert root == reference_root(model)
        assert store.verify_tree(version) == root


def test_lmdb_and_memory_roots_agree_on_the_reference(make_store):
    store = make_store()
    batch_list = [{KEYS[i]: bytes([i + 1]) for i in range(0, 30, 3)},
                  {KEYS[i]: None for i in range(0, 30, 6)} | {KEYS[31]: b"x"},
                  {key: b"y" for key in KEYS}, {key: None for key in KEYS[:-1]}, {KEYS[-1]: None}]
    model, roots = apply_all(store, batch_list)
    assert roots[-1] == EMPTY_ROOT == reference_root(model)
    assert roots[2] == reference_root({key: b"y" for key in KEYS})


@settings(max_examples=40, deadline=None)
@given(content=st.dictionaries(st.sampled_from(KEYS), st.binary(min_size=1, max_size=4), min_size=1),
       data=st.data())
def test_order_and_batching_do_not_change_the_root(content, data):
    items = data.draw(st.permutations(sorted(content.items())))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(items)), max_size=4)))
    pieces = [dict(items[low:high]) for low, high in zip([0] + cuts, cuts + [len(items)])]
    # A detour through deleted and overwritten keys must not leave a trace either.
    detour = {key: b"tmp" for key in KEYS[:5]}
    store = MemoryStore()
    _, roots = apply_all(store, [detour] + pieces + [{key: content.get(key) for key in KEYS[:5]}])
    assert roots[-1] == MemoryStore().apply(content, 0) == reference_root(content)


def test_sm3_roots_match_the_reference_and_differ_from_sha3():
    content = {key: key[::-1] for key in KEYS[:20]}
    sm3_root = MemoryStore(hash_name="sm3").apply(content, 0)
    assert sm3_root == reference_root(content, "sm3")
    assert sm3_root != reference_root(content, "sha3_256")


def keys_sharing_prefix(nibbles: int, count: int) -> list[bytes]:
    """`count` keys whose SHA3 hashes share their first `nibbles` nibbles."""
    seen: dict[str, list[bytes]] = {}
    for n in itertools.count():
        key = b"\x01" + n.to_bytes(8, "big")
        group = seen.setdefault(hashlib.sha3_256(key).hexdigest()[:nibbles], [])
        group.append(key)
        if len(group) == count:
            return group
    raise AssertionError("unreachable")


def test_deep_paths_split_and_collapse(make_store):
    """Keys sharing 4 nibbles force a chain of one-child internal nodes; deleting
    all but one lifts the survivor back to the root."""
    deep = keys_sharing_prefix(4, 3)
    store = make_store()
    roots = [store.apply({deep[0]: b"a"}, 0), store.apply({deep[1]: b"b", deep[2]: b"c"}, 1),
             store.apply({deep[1]: None, deep[2]: None}, 2), store.apply({deep[0]: None}, 3)]
    assert roots[1] == reference_root({deep[0]: b"a", deep[1]: b"b", deep[2]: b"c"})
    assert roots[2] == roots[0] == reference_root({deep[0]: b"a"})
    assert roots[3] == EMPTY_ROOT
    for version in range(4):
        assert store.verify_tree(version) == roots[version]
    assert store.get(deep[1], version=1) == b"b"
    assert store.get(deep[1], version=2) is None


def test_reference_and_tree_detect_a_changed_value():
    """Negative control: the root must move when any value does."""
    content = {key: b"v" for key in KEYS}
    store = MemoryStore()
    first = store.apply(content, 0)
    second = store.apply({KEYS[7]: b"w"}, 1)
    assert first != second
    assert second == reference_root(content | {KEYS[7]: b"w"}) != reference_root(content)


def test_recompute_root_reports_a_tampered_leaf():
    store = MemoryStore()
    store.apply({key: b"v" for key in KEYS}, 0)
    nodes = store._nodes
    victim = next(key for key, record in nodes.items() if record[0] == 2)  # a leaf: 0x02 key_hash ... value
    assert nodes[victim].endswith(b"v")
    nodes[victim] = nodes[victim][:-1] + b"tampered"
    with pytest.raises(StateCorruptionError, match="does not recompute|differs"):
        recompute_root(store.load, store.hasher, 0)


def test_a_larger_tree_against_the_reference(make_store):
    """Blocks of mixed updates, inserts and deletes on a 2,000-key tree (3-4
    levels), in both stores, against the naive reference: exercises the
    record-patching paths (one changed child per node) at a realistic mix."""
    import random

    rng = random.Random(11)
    pool = [b"\x01" + n.to_bytes(4, "big") for n in range(3000)]
    model = {key: rng.randbytes(8) for key in pool[:2000]}
    store = make_store()
    assert store.apply(model, 0) == reference_root(model)
    for version in range(1, 9):
        block: dict[bytes, bytes | None] = {}
        for _ in range(rng.choice((1, 7, 60, 400))):
            key = rng.choice(pool)
            block[key] = None if rng.random() < 0.25 else rng.randbytes(rng.randrange(1, 12))
        for key, value in block.items():
            if value:
                model[key] = value
            else:
                model.pop(key, None)
        assert store.apply(block, version) == reference_root(model)
    assert store.verify_tree() == reference_root(model)
    # Every replaced node was recorded as stale: pruning to the latest version
    # leaves exactly the nodes its tree reaches.
    store.prune(1)
    with store._view() as view:
        reachable = _reachable_nodes(view.load, 8)
        if isinstance(store, MemoryStore):
            stored = len(store._nodes)
        else:
            stored = view.txn.stat(store._dbs[b"state.nodes"])["entries"]
    assert stored == reachable


def _reachable_nodes(load, version: int) -> int:
    from node.state.nodes import FIRST_VERSION, InternalNode, decode_node, root_key
    from node.state.tree import extend_path

    count = 0
    pending = [(root_key(version), b"", 0)]
    while pending:
        key, path, depth = pending.pop()
        node = decode_node(load(key))
        count += 1
        if type(node) is InternalNode:
            for nibble in range(16):
                if node.child_mask >> nibble & 1:
                    child_path = extend_path(path, depth, nibble)
                    pending.append((node.slots[FIRST_VERSION + nibble] + bytes((depth + 1,)) + child_path,
                                    child_path, depth + 1))
    return count
