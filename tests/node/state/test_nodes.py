"""Node records: every internal-node shape round-trips, and malformed records
are refused with StateCorruptionError."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from node.state import StateCorruptionError
from node.state.hashing import EMPTY, tree_hasher
from node.state.nodes import (
    FIRST_CHILD, FIRST_VERSION, NULL_NODE, InternalNode, LeafNode, check_record, decode_node, empty_slots,
    internal_hash, patch_internal, rebuild_branches)

HASHER = tree_hasher("sha3_256")


def internal_node(child_mask: int, leaf_mask: int, version: int) -> InternalNode:
    slots = empty_slots()
    for nibble in range(16):
        if child_mask >> nibble & 1:
            slots[FIRST_CHILD + nibble] = HASHER.digest(bytes([nibble, version & 0xFF]))
            slots[FIRST_VERSION + nibble] = (version + nibble).to_bytes(8, "big")
    rebuild_branches(slots, HASHER)
    slots[1] = None
    return InternalNode(slots, child_mask, leaf_mask & child_mask)


@settings(max_examples=200, deadline=None)
@given(child_mask=st.integers(1, 0xFFFF), leaf_mask=st.integers(0, 0xFFFF), version=st.integers(0, 2**40))
def test_internal_nodes_round_trip(child_mask, leaf_mask, version):
    node = internal_node(child_mask, leaf_mask, version)
    raw = node.encode()
    again = decode_node(raw)
    assert (again.slots, again.child_mask, again.leaf_mask) == (node.slots, node.child_mask, node.leaf_mask)
    assert again.encode() == raw
    present = bin(child_mask).count("1")
    assert len(raw) == 5 + 40 * present + 32 * sum(1 for index in range(2, 16) if node.slots[index] != EMPTY)


def test_leaf_and_null_round_trip():
    leaf = LeafNode(HASHER.digest(b"k"), b"k", b"value")
    again = decode_node(leaf.encode())
    assert (again.key_hash, again.key, again.value) == (leaf.key_hash, b"k", b"value")
    assert decode_node(NULL_NODE.encode()) is NULL_NODE


@pytest.mark.parametrize("raw", [b"", b"\x07", b"\x00\x00", b"\x02" + bytes(33), b"\x02" + bytes(32) + b"\x00\x09k",
                                 b"\x01\x00", b"\x01\x00\x00\x00\x00"])
def test_malformed_records_are_refused(raw):
    with pytest.raises(StateCorruptionError):
        decode_node(raw)


def test_truncated_or_inconsistent_internal_records_are_refused():
    raw = internal_node(0b1010_0000_0000_0011, 0b1, 9).encode()
    for cut in (1, 32, 40):
        with pytest.raises(StateCorruptionError):
            decode_node(raw[:-cut])
    with pytest.raises(StateCorruptionError):
        decode_node(raw + b"\x00")
    bad_leaf_mask = raw[:3] + (0b100).to_bytes(2, "big") + raw[5:]
    with pytest.raises(StateCorruptionError):
        decode_node(bad_leaf_mask)


@given(child_mask=st.integers(1, 0xFFFF), leaf_mask=st.integers(0, 0xFFFF), version=st.integers(0, 2**40),
       data=st.data())
def test_patching_a_record_equals_rebuilding_the_node(child_mask, leaf_mask, version, data):
    """The update path splices one changed child and its 4 rehashed branches
    into the stored record; that must equal decoding, rebuilding every branch
    from the children and encoding again, for every shape and child."""
    node = internal_node(child_mask, leaf_mask, version)
    raw = node.encode()
    nibble = data.draw(st.sampled_from([n for n in range(16) if child_mask >> n & 1]))
    child_hash = HASHER.digest(b"new child %d" % nibble)
    new_version = (version + 99).to_bytes(8, "big")
    new_leaf_mask = data.draw(st.sampled_from([None, node.leaf_mask ^ (1 << nibble)]))
    slots = node.slots[:]
    slots[FIRST_CHILD + nibble] = child_hash
    slots[FIRST_VERSION + nibble] = new_version
    rebuild_branches(slots, HASHER)
    expected = InternalNode(slots, child_mask, node.leaf_mask if new_leaf_mask is None else new_leaf_mask)
    assert patch_internal(raw, nibble, child_hash, new_version, new_leaf_mask, HASHER.branch_context) == (
        slots[1], expected.encode())
    assert internal_hash(expected.encode(), HASHER) == slots[1]
    check_record(expected.encode())


def test_check_record_refuses_what_decode_refuses():
    raw = internal_node(0b1010_0000_0000_0011, 0b1, 9).encode()
    for bad in (raw[:-1], raw + b"\x00", raw[:3] + (0b100).to_bytes(2, "big") + raw[5:], b"", b"\x07"):
        with pytest.raises(StateCorruptionError):
            check_record(bad)


def test_the_sm3_fallback_hashes_like_the_default_sm3():
    """Where OpenSSL lacks SM3 the tree hashes through `cryptography`
    (_CryptographySM3, with update and copy for the prepared contexts)."""
    from node.state import hashing

    native = hashing.TreeHasher("sm3")
    fallback = hashing.TreeHasher("sm3")
    fallback.new = hashing._CryptographySM3
    fallback.context = fallback.new(b"").copy
    fallback.branch_context = fallback.new(hashing.BRANCH_PREFIX).copy
    fallback.leaf_context = fallback.new(hashing.LEAF_PREFIX).copy
    left, right = native.digest(b"left"), native.digest(b"right")
    assert fallback.digest(b"key") == native.digest(b"key")
    assert fallback.branch(left, right) == native.branch(left, right)
    assert fallback.leaf(left, b"value") == native.leaf(left, b"value")
