"""Tree nodes, their node keys and their byte encoding (format 1).

A node is stored under its node key, `version || depth || path`:

  version  u64 big-endian   the height that wrote the node
  depth    u8               how many nibbles of the key hash lead to the node (0..64)
  path     ceil(depth/2)    those nibbles packed two per byte; an odd last
                            nibble sits in the high half, the low half is 0

Versions come first and are big-endian, so all nodes of one height are
contiguous and each height's nodes sort after every older one: a block's
nodes are appended at the end of the table.

Encodings (first byte is the node type):

  null      0x00                            the root of an empty tree
  internal  0x01 child_mask:u16 leaf_mask:u16
            then for each child n in 0..15 present in child_mask:
                 version:u64 hash:32
            then for each branch index i in 2..15 whose subtree holds a child:
                 hash:32
  leaf      0x02 key_hash:32 key_length:u16 key value

`child_mask` bit n (value 1 << n) is set when child nibble n exists,
`leaf_mask` when that child is a leaf. An internal node hashes as a 4-level
binary tree over its 16 child slots, laid out as a heap: index 1 is the node's
own hash, indices 2..15 the branches below it, 16 + n is child n. The branch
hashes 2..15 are derivable from the children; storing them saves up to 14
hash calls each time a stored node is updated, and lets a proof read its
siblings without hashing. Index 1 is not stored: the parent (or the roots
table) holds it.
"""

from __future__ import annotations

import struct
from functools import lru_cache

from node.state.errors import StateCorruptionError
from node.state.hashing import EMPTY, TreeHasher

NULL_TAG = 0
INTERNAL_TAG = 1
LEAF_TAG = 2

HEAP_SIZE = 32
FIRST_CHILD = 16
MAX_DEPTH = 64

_HEADER = struct.Struct(">BHH")
_DEPTH_BYTES = [bytes((depth,)) for depth in range(MAX_DEPTH + 1)]

# The child slots below heap index i, as a mask over nibbles.
SUBTREE_MASKS = [0] * HEAP_SIZE
for _index in range(HEAP_SIZE - 1, 0, -1):
    SUBTREE_MASKS[_index] = (1 << (_index - FIRST_CHILD)) if _index >= FIRST_CHILD else (
        SUBTREE_MASKS[2 * _index] | SUBTREE_MASKS[2 * _index + 1])


class NullNode:
    """The root of a version whose tree is empty."""

    __slots__ = ()

    def encode(self) -> bytes:
        return b"\x00"


NULL_NODE = NullNode()


class LeafNode:
    """One key and its value, at the shallowest depth where the key hash's
    nibble prefix is unique."""

    __slots__ = ("key_hash", "key", "value")

    def __init__(self, key_hash: bytes, key: bytes, value: bytes):
        self.key_hash = key_hash
        self.key = key
        self.value = value

    def encode(self) -> bytes:
        return b"\x02" + self.key_hash + len(self.key).to_bytes(2, "big") + self.key + self.value


class InternalNode:
    """Up to 16 children, hashed as a 4-level binary tree (see the module doc).

    Instances are never changed once built: an update copies `heap` and
    `versions` into a new node, so decoded nodes can be cached and shared.
    """

    __slots__ = ("heap", "versions", "child_mask", "leaf_mask")

    def __init__(self, heap: list, versions: list[int], child_mask: int, leaf_mask: int):
        self.heap = heap
        self.versions = versions
        self.child_mask = child_mask
        self.leaf_mask = leaf_mask

    def encode(self) -> bytes:
        heap, versions = self.heap, self.versions
        children, branches = _layout(self.child_mask)
        parts = [_HEADER.pack(INTERNAL_TAG, self.child_mask, self.leaf_mask)]
        for nibble in children:
            parts.append(versions[nibble].to_bytes(8, "big"))
            parts.append(heap[FIRST_CHILD + nibble])
        for index in branches:
            parts.append(heap[index])
        return b"".join(parts)

    def node_hash(self, hasher: TreeHasher) -> bytes:
        """Index 1 of the heap, computed (and remembered) when not yet known."""
        if self.heap[1] is None:
            self.heap[1] = hasher.branch(self.heap[2], self.heap[3])
        return self.heap[1]


Node = NullNode | LeafNode | InternalNode


@lru_cache(maxsize=None)
def _layout(child_mask: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The present children and the stored branch indices for a child mask."""
    children = tuple(nibble for nibble in range(16) if child_mask >> nibble & 1)
    branches = tuple(index for index in range(2, FIRST_CHILD) if child_mask & SUBTREE_MASKS[index])
    return children, branches


def decode_node(raw: bytes) -> Node:
    """The node encoded in `raw`; StateCorruptionError when it is malformed."""
    if not raw:
        raise StateCorruptionError("empty node record")
    tag = raw[0]
    if tag == INTERNAL_TAG:
        return _decode_internal(raw)
    if tag == LEAF_TAG:
        if len(raw) < 35:
            raise StateCorruptionError("truncated leaf node")
        key_end = 35 + int.from_bytes(raw[33:35], "big")
        if key_end > len(raw):
            raise StateCorruptionError("leaf key runs past the record")
        return LeafNode(raw[1:33], raw[35:key_end], raw[key_end:])
    if tag == NULL_TAG and len(raw) == 1:
        return NULL_NODE
    raise StateCorruptionError(f"unknown node record (type byte {tag})")


def _decode_internal(raw: bytes) -> InternalNode:
    if len(raw) < _HEADER.size:
        raise StateCorruptionError("truncated internal node")
    _, child_mask, leaf_mask = _HEADER.unpack_from(raw)
    children, branches = _layout(child_mask)
    if len(raw) != _HEADER.size + 40 * len(children) + 32 * len(branches) or leaf_mask & ~child_mask:
        raise StateCorruptionError("internal node record has the wrong size for its masks")
    heap: list = [None, None] + [EMPTY] * (HEAP_SIZE - 2)
    versions = [0] * 16
    position = _HEADER.size
    for nibble in children:
        versions[nibble] = int.from_bytes(raw[position:position + 8], "big")
        heap[FIRST_CHILD + nibble] = raw[position + 8:position + 40]
        position += 40
    for index in branches:
        heap[index] = raw[position:position + 32]
        position += 32
    return InternalNode(heap, versions, child_mask, leaf_mask)


def nibble_path(key_hash: bytes, depth: int) -> bytes:
    """The first `depth` nibbles of `key_hash`, packed as in a node key."""
    if depth & 1:
        half = depth >> 1
        return key_hash[:half] + bytes((key_hash[half] & 0xF0,))
    return key_hash[:depth >> 1]


def node_key(version: int, depth: int, key_hash: bytes) -> bytes:
    """The node key of the node at `depth` on `key_hash`'s path written at `version`."""
    return version.to_bytes(8, "big") + _DEPTH_BYTES[depth] + nibble_path(key_hash, depth)


def root_key(version: int) -> bytes:
    return version.to_bytes(8, "big") + _DEPTH_BYTES[0]


def version_of(key: bytes) -> int:
    """The version a node key (or a key that starts with a version) names."""
    return int.from_bytes(key[:8], "big")


def rebuild_branches(heap: list, hasher: TreeHasher) -> None:
    """Recompute heap indices 15..1 from the 16 child slots."""
    branch = hasher.branch
    for index in range(FIRST_CHILD - 1, 0, -1):
        heap[index] = branch(heap[2 * index], heap[2 * index + 1])


def nibble_at(key_hash: bytes, depth: int) -> int:
    byte = key_hash[depth >> 1]
    return byte & 0x0F if depth & 1 else byte >> 4
