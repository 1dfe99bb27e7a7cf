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
  internal  0x01 child_mask:u16 leaf_mask:u16 low_half high_half
  leaf      0x02 key_hash:32 key_length:u16 key value

`child_mask` bit n (value 1 << n) is set when child nibble n exists,
`leaf_mask` when that child is a leaf. An internal node hashes as a 4-level
binary tree over its 16 child slots, laid out as a heap: index 1 is the node's
own hash, indices 2..15 the branches below it, 16 + n is child n. Each half
of the node (children 0-7 below branch 2, children 8-15 below branch 3) is
encoded as:

  for each present child n of the half, in order:   version:u64 hash:32
  then each of the half's branches whose subtree holds a child, top-down
  (2, 4, 5, 8, 9, 10, 11 for the low half; 3, 6, 7, 12, 13, 14, 15 for the high):
                                                    hash:32

The branch hashes are derivable from the children; storing them saves up to
14 hash calls each time a stored node is updated, and lets a proof read its
siblings without hashing. Index 1 is not stored: the parent (or the roots
table) holds it. Splitting by halves keeps the layout tables small: 256
layouts per half, where a table per child mask would need 65,536.
"""

from __future__ import annotations

import operator
import struct
from typing import Final

from node.state.errors import StateCorruptionError
from node.state.hashing import DIGEST_SIZE as DIGEST, EMPTY, TreeHasher

NULL_TAG: Final = 0
INTERNAL_TAG: Final = 1
LEAF_TAG: Final = 2

HEAP_SIZE: Final = 32
FIRST_CHILD: Final = 16
FIRST_VERSION: Final = 32  # InternalNode.slots[32 + n] is child n's version, 8 bytes big-endian
SLOT_COUNT: Final = 48
MAX_DEPTH: Final = 64
NO_VERSION: Final = bytes(8)

_HEADER = struct.Struct(">BHH")
_DEPTH_BYTES: Final = [bytes((depth,)) for depth in range(MAX_DEPTH + 1)]

# The child slots below heap index i, as a mask over nibbles.
SUBTREE_MASKS = [0] * HEAP_SIZE
for _index in range(HEAP_SIZE - 1, 0, -1):
    SUBTREE_MASKS[_index] = (1 << (_index - FIRST_CHILD)) if _index >= FIRST_CHILD else (
        SUBTREE_MASKS[2 * _index] | SUBTREE_MASKS[2 * _index + 1])

_HALF_BRANCHES = ((2, 4, 5, 8, 9, 10, 11), (3, 6, 7, 12, 13, 14, 15))


class _HalfLayout:
    """Where one half of an internal node's record goes in `slots`, for one
    8-bit half of the child mask: the slot of each field in record order, a
    getter reading them out of `slots` and a Struct reading them from bytes."""

    __slots__ = ("positions", "read_slots", "record")

    def __init__(self, half: int, half_mask: int):
        mask = half_mask << (8 * half)
        positions: list[int] = []
        for nibble in range(8 * half, 8 * half + 8):
            if mask >> nibble & 1:
                positions += (FIRST_VERSION + nibble, FIRST_CHILD + nibble)
        positions += [index for index in _HALF_BRANCHES[half] if mask & SUBTREE_MASKS[index]]
        self.positions = tuple(positions)
        getter = operator.itemgetter(*positions) if positions else None
        self.read_slots = getter if getter is not None else _no_fields
        self.record = struct.Struct(">" + "".join("8s" if position >= FIRST_VERSION else "32s"
                                                  for position in positions))


def _no_fields(_slots: list) -> tuple:
    return ()


_LAYOUTS = tuple(tuple(_HalfLayout(half, half_mask) for half_mask in range(256)) for half in (0, 1))


# -- Working on records directly ---------------------------------------------
#
# The tree's hot path never decodes an internal node into slots: it reads the
# fields it needs out of the record and, when one child changed, splices the
# new child and its three rewritten branches into a copy of the record (see
# `patch_internal`). These tables give, per half and 8-bit half mask, where
# each field sits relative to the start of that half.

HEADER_SIZE: Final = _HEADER.size
HALF_SIZE: Final = tuple(tuple(layout.record.size for layout in half_layouts) for half_layouts in _LAYOUTS)
# Bytes taken by the children of a half (version and hash each): the half's
# first branch, its top one (heap index 2 or 3), follows them.
HALF_CHILDREN_SIZE: Final = tuple(40 * bin(half_mask).count("1") for half_mask in range(256))


def _field_offsets(layout: _HalfLayout) -> dict[int, int]:
    offsets, offset = {}, 0
    for position in layout.positions:
        offsets[position] = offset
        offset += 8 if position >= FIRST_VERSION else 32
    return offsets


def _patch_layout(half: int, half_mask: int, low_nibble: int) -> tuple[int, ...] | None:
    """For child `8*half + low_nibble` of a half with `half_mask`: offsets
    (relative to the half) of the child's version, of its sibling child's hash
    and of the sibling branches at the next two levels (-1 where EMPTY), and of
    the child's three ancestor branches in the half, top-down."""
    if not half_mask >> low_nibble & 1:
        return None
    offsets = _field_offsets(_LAYOUTS[half][half_mask])
    nibble = 8 * half + low_nibble
    position = FIRST_CHILD + nibble
    return (offsets[FIRST_VERSION + nibble], offsets.get(FIRST_CHILD + (nibble ^ 1), -1),
            offsets.get((position >> 1) ^ 1, -1), offsets.get((position >> 2) ^ 1, -1),
            offsets[position >> 3], offsets[position >> 2], offsets[position >> 1])


PATCH_LAYOUTS: Final = tuple(tuple(tuple(_patch_layout(half, half_mask, low) for low in range(8))
                                   for half_mask in range(256)) for half in (0, 1))
# Offset (relative to the half) of child n's version, followed by its hash
# (-1 for a child the mask does not have; callers check the mask first).
CHILD_OFFSETS: Final = tuple(tuple(tuple(-1 if layout is None else layout[0] for layout in per_mask)
                                   for per_mask in per_half) for per_half in PATCH_LAYOUTS)


def _patch_getters(half: int, half_mask: int, low_nibble: int):
    """For patch_internal: itemgetters that read, in one C call each, the
    three sibling hashes below the top branch out of `record + EMPTY` (a
    missing sibling reads the appended EMPTY), and the five pieces of the
    record around the fields that change. Low-half offsets count from the
    record's start (the header is fixed), high-half ones from its end (the
    half is last), so the getters depend on this half's mask alone."""
    layout = PATCH_LAYOUTS[half][half_mask][low_nibble]
    if layout is None:
        return None
    child, sibling4, sibling3, sibling2, top, middle, bottom = layout
    if half == 0:
        def place(offset: int) -> int:
            return HEADER_SIZE + offset
        padded = place
    else:
        size = HALF_SIZE[1][half_mask]

        def place(offset: int) -> int:  # negative: from the end of the record
            return offset - size

        def padded(offset: int) -> int:  # from the end of record + EMPTY
            return offset - size - DIGEST
    siblings = operator.itemgetter(*[slice(padded(offset), padded(offset) + DIGEST) if offset >= 0
                                     else slice(-DIGEST, None) for offset in (sibling4, sibling3, sibling2)])
    last = place(bottom + DIGEST)
    pieces = operator.itemgetter(slice(None, place(child)), slice(place(child + 8 + DIGEST), place(top)),
                                 slice(place(top + DIGEST), place(middle)),
                                 slice(place(middle + DIGEST), place(bottom)),
                                 # a high-half piece ending the record starts at -0: it is empty
                                 slice(last, None) if last else slice(0, 0))
    return siblings, pieces


PATCH_GETTERS: Final = tuple(tuple(tuple(_patch_getters(half, half_mask, low) for low in range(8))
                                   for half_mask in range(256)) for half in (0, 1))
# Where the other half's top branch (heap index 3 for the low half's
# children, 2 for the high half's) starts in `record + EMPTY`, by the other
# half's mask: from the end for the high half (negative), from the start for
# the low half; 0 when the other half is empty, so its top branch is EMPTY.
# (Start offsets, not slice objects: mypyc indexes bytes with a slice object
# as if it were an int.)
_OTHER_TOP: Final = (
    tuple(HALF_CHILDREN_SIZE[high] - HALF_SIZE[1][high] - DIGEST if high else 0 for high in range(256)),
    tuple(HEADER_SIZE + HALF_CHILDREN_SIZE[low] if low else 0 for low in range(256)))


def internal_masks(raw: bytes) -> tuple[int, int]:
    """(child_mask, leaf_mask) of an internal node record."""
    return raw[1] << 8 | raw[2], raw[3] << 8 | raw[4]


def child_offset(raw: bytes, nibble: int) -> int:
    """Where child `nibble`'s version (8 bytes, then its hash) sits in an
    internal record that has that child."""
    low = raw[2]
    if nibble < 8:
        return HEADER_SIZE + CHILD_OFFSETS[0][low][nibble]
    return HEADER_SIZE + HALF_SIZE[0][low] + CHILD_OFFSETS[1][raw[1]][nibble - 8]


def check_record(raw: bytes) -> None:
    """StateCorruptionError unless `raw` is a well-formed node record; what
    the record-level code relies on (sizes agree with the masks)."""
    # Runs on every record read from the database (~2 per update at 10^6
    # keys), hence the masks read inline rather than through internal_masks.
    if raw and raw[0] == INTERNAL_TAG and len(raw) >= HEADER_SIZE:
        high, low = raw[1], raw[2]
        if (len(raw) == HEADER_SIZE + HALF_SIZE[0][low] + HALF_SIZE[1][high] and (high or low)
                and not (raw[3] & ~high or raw[4] & ~low)):
            return
        raise StateCorruptionError("internal node record has the wrong size for its masks")
    if raw and raw[0] == LEAF_TAG and len(raw) >= 35 and 35 + (raw[33] << 8 | raw[34]) <= len(raw):
        return
    decode_node(raw)


def leaf_record(key_hash: bytes, key: bytes, value: bytes) -> bytes:
    return b"\x02" + key_hash + len(key).to_bytes(2, "big") + key + value


def leaf_value(raw: bytes) -> bytes:
    """The value of a (checked) leaf record."""
    return raw[35 + (raw[33] << 8 | raw[34]):]


def internal_hash(raw: bytes, hasher: TreeHasher) -> bytes:
    """The hash of an internal record (heap index 1), from its two stored tops."""
    low, high = raw[2], raw[1]
    if low:
        start = HEADER_SIZE + HALF_CHILDREN_SIZE[low]
        top_low = raw[start:start + 32]
    else:
        top_low = EMPTY
    if high:
        start = HEADER_SIZE + HALF_SIZE[0][low] + HALF_CHILDREN_SIZE[high]
        top_high = raw[start:start + 32]
    else:
        top_high = EMPTY
    return hasher.branch(top_low, top_high)


def patch_internal(raw: bytes, nibble: int, child_hash: bytes, version: bytes, leaf_mask: int | None,
                   branch_context) -> tuple[bytes, bytes]:
    """(hash, record) of the internal node `raw` after its existing child
    `nibble` became `child_hash` at `version`: the 4 branches above the child
    are rehashed from their stored siblings and spliced into a copy of the
    record, whose layout (set by the child mask) does not change. `leaf_mask`
    replaces the record's when not None; `branch_context` is
    TreeHasher.branch_context.

    The hottest function of an update (2.5 calls per key at 10^6 keys): the
    siblings and the unchanged pieces are read by precomputed itemgetters
    (PATCH_GETTERS): ~170 bytecodes a call instead of ~265."""
    padded = raw + EMPTY
    if nibble < 8:
        siblings, pieces = PATCH_GETTERS[0][raw[2]][nibble]
        other = _OTHER_TOP[0][raw[1]]
    else:
        siblings, pieces = PATCH_GETTERS[1][raw[1]][nibble - 8]
        other = _OTHER_TOP[1][raw[2]]
    other_top = padded[other:other + DIGEST] if other else EMPTY
    sibling4, sibling3, sibling2 = siblings(padded)
    # A present child's hash is never EMPTY, so no branch above it is either.
    context = branch_context()
    if nibble & 1:
        context.update(sibling4)
        context.update(child_hash)
    else:
        context.update(child_hash)
        context.update(sibling4)
    hash3 = context.digest()
    context = branch_context()
    if nibble & 2:
        context.update(sibling3)
        context.update(hash3)
    else:
        context.update(hash3)
        context.update(sibling3)
    hash2 = context.digest()
    context = branch_context()
    if nibble & 4:
        context.update(sibling2)
        context.update(hash2)
    else:
        context.update(hash2)
        context.update(sibling2)
    hash1 = context.digest()
    context = branch_context()
    if nibble & 8:
        context.update(other_top)
        context.update(hash1)
    else:
        context.update(hash1)
        context.update(other_top)
    head, after_child, after_top, after_middle, tail = pieces(raw)
    if leaf_mask is not None:
        head = head[:3] + leaf_mask.to_bytes(2, "big") + head[5:]
    return context.digest(), b"".join((head, version, child_hash, after_child, hash1, after_top, hash2,
                                       after_middle, hash3, tail))


def internal_slots(raw: bytes) -> list:
    """The slots (see InternalNode) of a checked internal record."""
    child_mask = raw[1] << 8 | raw[2]
    low, high = _LAYOUTS[0][child_mask & 0xFF], _LAYOUTS[1][child_mask >> 8]
    slots = empty_slots()
    for position, value in zip(low.positions, low.record.unpack_from(raw, HEADER_SIZE)):
        slots[position] = value
    for position, value in zip(high.positions, high.record.unpack_from(raw, HEADER_SIZE + low.record.size)):
        slots[position] = value
    return slots


def encode_internal(slots: list, child_mask: int, leaf_mask: int) -> bytes:
    return (_HEADER.pack(INTERNAL_TAG, child_mask, leaf_mask)
            + b"".join(_LAYOUTS[0][child_mask & 0xFF].read_slots(slots))
            + b"".join(_LAYOUTS[1][child_mask >> 8].read_slots(slots)))


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

    `slots` holds the heap (index 1 the node hash, None until computed; 2..15
    branches; 16..31 child hashes, EMPTY where absent) and, at 32..47, each
    child's version as 8 bytes. Instances are never changed once built (bar
    filling in slot 1): an update copies `slots` into a new node, so decoded
    nodes can be cached and shared.
    """

    __slots__ = ("slots", "child_mask", "leaf_mask")

    def __init__(self, slots: list, child_mask: int, leaf_mask: int):
        self.slots = slots
        self.child_mask = child_mask
        self.leaf_mask = leaf_mask

    def encode(self) -> bytes:
        return encode_internal(self.slots, self.child_mask, self.leaf_mask)

    def node_hash(self, hasher: TreeHasher) -> bytes:
        """Index 1 of the heap, computed (and remembered) when not yet known."""
        if self.slots[1] is None:
            self.slots[1] = hasher.branch(self.slots[2], self.slots[3])
        return self.slots[1]

    def child_version(self, nibble: int) -> bytes:
        return self.slots[FIRST_VERSION + nibble]


Node = NullNode | LeafNode | InternalNode


_EMPTY_SLOTS = [None, None] + [EMPTY] * (HEAP_SIZE - 2) + [NO_VERSION] * 16


def empty_slots() -> list:
    return _EMPTY_SLOTS.copy()


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
    low, high = _LAYOUTS[0][child_mask & 0xFF], _LAYOUTS[1][child_mask >> 8]
    if len(raw) != _HEADER.size + low.record.size + high.record.size or leaf_mask & ~child_mask or not child_mask:
        raise StateCorruptionError("internal node record has the wrong size for its masks")
    return InternalNode(internal_slots(raw), child_mask, leaf_mask)


def nibble_path(key_hash: bytes, depth: int) -> bytes:
    """The first `depth` nibbles of `key_hash`, packed as in a node key."""
    if depth & 1:
        half = depth >> 1
        return key_hash[:half] + bytes((key_hash[half] & 0xF0,))
    return key_hash[:depth >> 1]


def split_node_keys(raw: bytes) -> list[bytes]:
    """The node keys concatenated in `raw` (a state.stale record): each is
    9 bytes and then ceil(depth / 2), depth being its 9th byte."""
    keys = []
    position, end = 0, len(raw)
    while position < end:
        if position + 9 > end:
            raise StateCorruptionError("truncated node key in a stale record")
        length = 9 + (raw[position + 8] + 1) // 2
        if position + length > end:
            raise StateCorruptionError("truncated node key in a stale record")
        keys.append(raw[position:position + length])
        position += length
    return keys


def root_key(version: int) -> bytes:
    return version.to_bytes(8, "big") + _DEPTH_BYTES[0]


def rebuild_branches(heap: list, hasher: TreeHasher) -> None:
    """Recompute heap indices 15..1 from the 16 child slots."""
    branch = hasher.branch
    for index in range(FIRST_CHILD - 1, 0, -1):
        heap[index] = branch(heap[2 * index], heap[2 * index + 1])


def nibble_at(key_hash: bytes, depth: int) -> int:
    byte = key_hash[depth >> 1]
    return byte & 0x0F if depth & 1 else byte >> 4
