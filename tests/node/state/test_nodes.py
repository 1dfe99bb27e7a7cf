"""Node records: every internal-node shape round-trips, and malformed records
are refused with StateCorruptionError."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from node.state import StateCorruptionError
from node.state.hashing import EMPTY, tree_hasher
from node.state.nodes import (
    FIRST_CHILD, FIRST_VERSION, NULL_NODE, InternalNode, LeafNode, decode_node, empty_slots, rebuild_branches)

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
