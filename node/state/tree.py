"""The versioned 16-ary sparse Merkle tree (a Jellyfish Merkle Tree): batch
updates, lookups, proofs and whole-tree verification.

Everything here is pure: nodes come in through a `load(node_key) -> Node`
callable and an update comes out as a `TreeUpdate` (nodes to write, node keys
that went stale), so the LMDB store and the in-memory store share this code
and differ only in where they keep the bytes.

Shape. A key lives at its key hash's nibble path. A leaf sits at the
shallowest depth where no other key shares its prefix; an internal node
exists at a prefix exactly when two or more keys share it. The shape, and so
the root, depends only on the set of (key, value) pairs, never on the order
they arrived in: an insert that meets a leaf pushes both down until their
nibbles differ, and a delete that leaves an internal node with a single leaf
below it lifts that leaf back up.

Versions. Every apply writes new nodes under the new version and never
changes an old node, so each version's root stays readable until pruned.
A node replaced by version v goes into the stale list with v; once every
version that can still be read is >= v, it can be deleted.

Batches. A block's changes are sorted by key hash and walked down the tree
together, so a node shared by many changed keys is loaded, copied and
rehashed once per block, and only the binary branches above changed
children are rehashed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from node.state.errors import StateCorruptionError
from node.state.hashing import BRANCH_PREFIX, EMPTY, TreeHasher
from node.state.nodes import (
    _DEPTH_BYTES, FIRST_CHILD, FIRST_VERSION, HEAP_SIZE, NULL_NODE, InternalNode, LeafNode, Node, NullNode,
    empty_slots, nibble_at, nibble_path, rebuild_branches, root_key)
from node.state.proof import Proof

NodeLoader = Callable[[bytes], Node]

# A change: (key_hash, key, value or None to delete), sorted by key_hash.
Change = tuple[bytes, bytes, bytes | None]


@dataclass
class TreeUpdate:
    """The result of applying one version's changes to the tree."""

    root_hash: bytes
    new_nodes: list[tuple[bytes, Node]]
    stale_keys: list[bytes]


class _Unchanged:
    """Returned by a subtree update that changed nothing."""


UNCHANGED = _Unchanged()


class _PendingLeaf:
    """A leaf whose final depth is decided by its parent: it is written only
    when a parent keeps it as a child; `origin` is the node key it replaces."""

    __slots__ = ("node", "hash", "origin")

    def __init__(self, node: LeafNode, leaf_hash: bytes, origin: bytes | None):
        self.node = node
        self.hash = leaf_hash
        self.origin = origin


_HIGH_NIBBLE = [bytes((byte & 0xF0,)) for byte in range(256)]


def extend_path(path: bytes, depth: int, nibble: int) -> bytes:
    """The packed path one nibble below `path` (which has `depth` nibbles)."""
    if depth & 1:
        return path[:-1] + bytes((path[-1] | nibble,))
    return path + bytes((nibble << 4,))


def apply_changes(load: NodeLoader, hasher: TreeHasher, previous_version: int | None, version: int,
                  changes: Sequence[Change]) -> TreeUpdate:
    """Apply `changes` (sorted by key hash, unique) on top of `previous_version`'s
    tree (None: empty) and return what version `version` must write."""
    return _Updater(load, hasher, version, changes).run(previous_version)


class _Updater:
    def __init__(self, load: NodeLoader, hasher: TreeHasher, version: int, changes: Sequence[Change]):
        self.load = load
        self.hasher = hasher
        self.version = version
        self.version_bytes = version.to_bytes(8, "big")
        self.key_hashes = [change[0] for change in changes]
        self.keys = [change[1] for change in changes]
        self.values = [change[2] for change in changes]
        self.new_nodes: list[tuple[bytes, Node]] = []
        self.stale_keys: list[bytes] = []

    def run(self, previous_version: int | None) -> TreeUpdate:
        count = len(self.key_hashes)
        old_key = None if previous_version is None else root_key(previous_version)
        old_root: Node = NULL_NODE if old_key is None else self.load(old_key)
        if type(old_root) is InternalNode:
            result = self.update_internal(0, 0, count, old_key, old_root)
        elif type(old_root) is LeafNode:
            result = self.update_leaf(0, 0, count, old_key, old_root,
                                      self.hasher.leaf(old_root.key_hash, old_root.value))
        else:
            result = self.build(0, 0, count)
            if result is not UNCHANGED and old_key is not None:
                self.stale_keys.append(old_key)
        new_key = root_key(self.version)
        if result is UNCHANGED:
            if old_key is not None:
                self.stale_keys.append(old_key)
            self.new_nodes.append((new_key, old_root))
            root_hash = node_hash(old_root, self.hasher)
        elif result is None:
            self.new_nodes.append((new_key, NULL_NODE))
            root_hash = EMPTY
        elif type(result) is _PendingLeaf:
            self.write_leaf(0, result)
            root_hash = result.hash
        else:
            root_hash = result
        return TreeUpdate(root_hash, self.new_nodes, self.stale_keys)

    def write_leaf(self, depth: int, pending: _PendingLeaf) -> None:
        leaf = pending.node
        self.new_nodes.append((self.version_bytes + _DEPTH_BYTES[depth] + nibble_path(leaf.key_hash, depth), leaf))
        if pending.origin is not None:
            self.stale_keys.append(pending.origin)

    def new_leaf(self, index: int) -> _PendingLeaf:
        key_hash, value = self.key_hashes[index], self.values[index]
        return _PendingLeaf(LeafNode(key_hash, self.keys[index], value), self.hasher.leaf(key_hash, value), None)

    def groups(self, depth: int, low: int, high: int) -> list[tuple[int, int, int]]:
        """Split changes[low:high] (which share `depth` nibbles) by their next
        nibble: (nibble, start, end) runs, in nibble order."""
        key_hashes = self.key_hashes
        byte_index = depth >> 1
        shift = 0 if depth & 1 else 4
        runs = []
        start = low
        nibble = key_hashes[low][byte_index] >> shift & 0x0F
        for index in range(low + 1, high):
            next_nibble = key_hashes[index][byte_index] >> shift & 0x0F
            if next_nibble != nibble:
                runs.append((nibble, start, index))
                start, nibble = index, next_nibble
        runs.append((nibble, start, high))
        return runs

    def update_internal(self, depth: int, low: int, high: int, key: bytes, node: InternalNode):
        """Apply changes[low:high] below the internal node `key`; the result is
        UNCHANGED, None (subtree now empty), a _PendingLeaf (the subtree shrank
        to one leaf) or the hash of the new internal node written at `depth`."""
        if high - low == 1:
            byte = self.key_hashes[low][depth >> 1]
            runs = ((byte & 0x0F if depth & 1 else byte >> 4, low, high),)
        elif high == low:
            return UNCHANGED
        else:
            runs = self.groups(depth, low, high)
        old_slots = node.slots
        child_mask, leaf_mask = node.child_mask, node.leaf_mask
        child_depth = depth + 1
        changed = []
        for nibble, start, end in runs:
            bit = 1 << nibble
            if child_mask & bit:
                child_key, child = self.load_child(old_slots, child_depth, nibble, start, leaf_mask & bit)
                if leaf_mask & bit:
                    result = self.update_leaf(child_depth, start, end, child_key, child,
                                              old_slots[FIRST_CHILD + nibble])
                else:
                    result = self.update_internal(child_depth, start, end, child_key, child)
            else:
                result = self.build(child_depth, start, end)
            if result is not UNCHANGED:
                changed.append((nibble, result))
        if not changed:
            return UNCHANGED
        return self.rebuild(depth, key, node, changed)

    def load_child(self, slots: list, child_depth: int, nibble: int, index: int, is_leaf: int):
        """(node key, node) of child `nibble`, found on changes[index]'s path."""
        key_hash = self.key_hashes[index]
        half = child_depth >> 1
        child_key = slots[FIRST_VERSION + nibble] + _DEPTH_BYTES[child_depth] + (
            key_hash[:half] + _HIGH_NIBBLE[key_hash[half]] if child_depth & 1 else key_hash[:half])
        child = self.load(child_key)
        if type(child) is not (LeafNode if is_leaf else InternalNode):
            raise StateCorruptionError(f"node {child_key.hex()} has the wrong type for its parent's record")
        return child_key, child

    def rebuild(self, depth: int, key: bytes, node: InternalNode, changed):
        """Replace the internal node `key` after its children in `changed`
        ((nibble, result) pairs, results as from update_internal) changed."""
        self.stale_keys.append(key)
        slots = node.slots[:]
        slots[1] = None
        child_mask, leaf_mask = node.child_mask, node.leaf_mask
        pending = None
        version_bytes = self.version_bytes
        for nibble, result in changed:
            bit = 1 << nibble
            if result is None:
                child_mask &= ~bit
                leaf_mask &= ~bit
                slots[FIRST_CHILD + nibble] = EMPTY
            elif type(result) is _PendingLeaf:
                child_mask |= bit
                leaf_mask |= bit
                slots[FIRST_CHILD + nibble] = result.hash
                slots[FIRST_VERSION + nibble] = version_bytes
                if pending is None:
                    pending = [result]
                else:
                    pending.append(result)
            else:
                child_mask |= bit
                leaf_mask &= ~bit
                slots[FIRST_CHILD + nibble] = result
                slots[FIRST_VERSION + nibble] = version_bytes
        if not child_mask:
            return None
        if leaf_mask and not child_mask & (child_mask - 1):
            # One child left and it is a leaf: the leaf moves up to this depth.
            if pending:
                return pending[0]
            nibble = child_mask.bit_length() - 1
            leaf_key = slots[FIRST_VERSION + nibble] + _DEPTH_BYTES[depth + 1] + extend_path(key[9:], depth, nibble)
            leaf = self.load(leaf_key)
            if type(leaf) is not LeafNode:
                raise StateCorruptionError(f"node {leaf_key.hex()} should be a leaf")
            return _PendingLeaf(leaf, slots[FIRST_CHILD + nibble], leaf_key)
        if pending:
            for leaf in pending:
                self.write_leaf(depth + 1, leaf)

        new = self.hasher.new
        if len(changed) == 1:
            # One changed child: rehash its 4 ancestors within the node.
            position = (FIRST_CHILD + changed[0][0]) >> 1
            for _ in range(4):
                left, right = slots[2 * position], slots[2 * position + 1]
                slots[position] = EMPTY if left == EMPTY and right == EMPTY else new(
                    BRANCH_PREFIX + left + right).digest()
                position >>= 1
        else:
            dirty = 0
            for nibble, _ in changed:
                dirty |= 1 << ((FIRST_CHILD + nibble) >> 1)
            for position in range(FIRST_CHILD - 1, 0, -1):
                if dirty >> position & 1:
                    left, right = slots[2 * position], slots[2 * position + 1]
                    slots[position] = EMPTY if left == EMPTY and right == EMPTY else new(
                        BRANCH_PREFIX + left + right).digest()
                    dirty |= 1 << (position >> 1)
        self.new_nodes.append((version_bytes + key[8:], InternalNode(slots, child_mask, leaf_mask)))
        return slots[1]

    def update_leaf(self, depth: int, low: int, high: int, key: bytes, leaf: LeafNode, leaf_hash: bytes):
        """Apply changes[low:high] to the slot holding `leaf` (node key `key`)."""
        key_hashes, values = self.key_hashes, self.values
        leaf_key_hash = leaf.key_hash
        if high - low == 1:
            if key_hashes[low] == leaf_key_hash:
                value = values[low]
                if value is None:
                    self.stale_keys.append(key)
                    return None
                if value == leaf.value:
                    return UNCHANGED
                return _PendingLeaf(LeafNode(leaf_key_hash, self.keys[low], value),
                                    self.hasher.leaf(leaf_key_hash, value), key)
            if values[low] is None:
                return UNCHANGED
        survivor: _PendingLeaf | None = _PendingLeaf(leaf, leaf_hash, key)
        entries = []
        for index in range(low, high):
            value = values[index]
            if key_hashes[index] == leaf_key_hash:
                if value is None:
                    survivor = None
                elif value != leaf.value:
                    survivor = self.new_leaf(index)
                    survivor.origin = key
            elif value is not None:
                entries.append(self.new_leaf(index))
        if survivor is None:
            self.stale_keys.append(key)
        else:
            if not entries and survivor.node is leaf:
                return UNCHANGED
            entries.append(survivor)
            entries.sort(key=_pending_key_hash)
        return self.build_entries(depth, entries) if entries else None

    def build(self, depth: int, low: int, high: int):
        """Fill an empty slot with the insertions among changes[low:high]."""
        values = self.values
        entries = [self.new_leaf(index) for index in range(low, high) if values[index] is not None]
        return self.build_entries(depth, entries) if entries else UNCHANGED

    def build_entries(self, depth: int, entries: list[_PendingLeaf]):
        """A new subtree at `depth` holding `entries` (sorted by key hash): the
        single pending leaf, or the hash of a new internal node."""
        if len(entries) == 1:
            return entries[0]
        slots = empty_slots()
        child_mask = leaf_mask = 0
        child_depth = depth + 1
        groups: list[list[_PendingLeaf]] = []
        previous = -1
        for entry in entries:
            nibble = nibble_at(entry.node.key_hash, depth)
            if nibble != previous:
                groups.append([])
                previous = nibble
            groups[-1].append(entry)
        for group in groups:
            nibble = nibble_at(group[0].node.key_hash, depth)
            result = self.build_entries(child_depth, group)
            if type(result) is _PendingLeaf:
                self.write_leaf(child_depth, result)
                leaf_mask |= 1 << nibble
                slots[FIRST_CHILD + nibble] = result.hash
            else:
                slots[FIRST_CHILD + nibble] = result
            slots[FIRST_VERSION + nibble] = self.version_bytes
            child_mask |= 1 << nibble
        rebuild_branches(slots, self.hasher)
        path = nibble_path(entries[0].node.key_hash, depth)
        self.new_nodes.append((self.version_bytes + _DEPTH_BYTES[depth] + path,
                               InternalNode(slots, child_mask, leaf_mask)))
        return slots[1]


def _pending_key_hash(entry: _PendingLeaf) -> bytes:
    return entry.node.key_hash


def node_hash(node: Node, hasher: TreeHasher) -> bytes:
    """The hash a parent (or the roots table) records for `node`."""
    if type(node) is InternalNode:
        return node.node_hash(hasher)
    if type(node) is LeafNode:
        return hasher.leaf(node.key_hash, node.value)
    return EMPTY


def lookup(load: NodeLoader, version: int, key_hash: bytes) -> LeafNode | None:
    """The leaf holding `key_hash` in `version`'s tree, or None."""
    node = load(root_key(version))
    depth = 0
    while type(node) is InternalNode:
        nibble = nibble_at(key_hash, depth)
        if not node.child_mask >> nibble & 1:
            return None
        depth += 1
        node = load(node.slots[FIRST_VERSION + nibble] + _DEPTH_BYTES[depth] + nibble_path(key_hash, depth))
    if type(node) is LeafNode and node.key_hash == key_hash:
        return node
    return None


def prove(load: NodeLoader, hasher: TreeHasher, version: int, key_hash: bytes) -> Proof:
    """The proof for `key_hash` (present or absent) in `version`'s tree."""
    siblings: list[bytes] = []
    node = load(root_key(version))
    depth = 0
    while type(node) is InternalNode:
        nibble = nibble_at(key_hash, depth)
        slots = node.slots
        position = FIRST_CHILD + nibble
        siblings += (slots[(position >> 3) ^ 1], slots[(position >> 2) ^ 1], slots[(position >> 1) ^ 1],
                     slots[position ^ 1])
        if not node.child_mask >> nibble & 1:
            return Proof(tuple(siblings), None)
        depth += 1
        node = load(slots[FIRST_VERSION + nibble] + _DEPTH_BYTES[depth] + nibble_path(key_hash, depth))
    if type(node) is LeafNode:
        return Proof(tuple(siblings), (node.key_hash, hasher.digest(node.value)))
    return Proof(tuple(siblings), None)


def check_root_node(load: NodeLoader, hasher: TreeHasher, version: int, expected_root: bytes) -> None:
    """The cheap check made on every open: `version`'s root node re-hashes to
    `expected_root` and every child it names exists with the recorded type.
    Raises StateCorruptionError."""
    node = load(root_key(version))
    if type(node) is InternalNode:
        heap = _checked_branches(node, hasher, root_key(version))
        for nibble in range(16):
            if node.child_mask >> nibble & 1:
                child_key = node.child_version(nibble) + _DEPTH_BYTES[1] + bytes((nibble << 4,))
                child = load(child_key)
                expected_type = LeafNode if node.leaf_mask >> nibble & 1 else InternalNode
                if type(child) is not expected_type:
                    raise StateCorruptionError(f"child {child_key.hex()} has the wrong node type")
        actual = heap[1]
    else:
        actual = node_hash(node, hasher)
    if actual != expected_root:
        raise StateCorruptionError(f"root of version {version} re-hashes to {actual.hex()}, "
                                   f"recorded {expected_root.hex()}")


def _checked_branches(node: InternalNode, hasher: TreeHasher, key: bytes) -> list:
    """The node's heap recomputed from its children; raises when a stored
    branch hash disagrees."""
    heap = node.slots[:HEAP_SIZE]
    rebuild_branches(heap, hasher)
    if heap[2:FIRST_CHILD] != node.slots[2:FIRST_CHILD]:
        raise StateCorruptionError(f"stored branch hashes of node {key.hex()} do not recompute")
    return heap


def recompute_root(load: NodeLoader, hasher: TreeHasher, version: int) -> bytes:
    """Recompute `version`'s root from its leaves, checking every node on the
    way (key hashes, positions, stored hashes, canonical shape). Reads the whole
    tree: meant for tests and small databases. Raises StateCorruptionError."""
    node = load(root_key(version))
    if type(node) is LeafNode:
        return _check_leaf(node, hasher, b"", 0)
    if type(node) is NullNode:
        return EMPTY
    return _recompute_internal(load, hasher, root_key(version), node, b"", 0)[0]


def _check_leaf(leaf: LeafNode, hasher: TreeHasher, path: bytes, depth: int) -> bytes:
    if hasher.digest(leaf.key) != leaf.key_hash:
        raise StateCorruptionError(f"leaf for key {leaf.key.hex()} has the wrong key hash")
    if nibble_path(leaf.key_hash, depth) != path:
        raise StateCorruptionError(f"leaf for key {leaf.key.hex()} is off its path")
    if not leaf.value:
        raise StateCorruptionError(f"leaf for key {leaf.key.hex()} holds an empty value")
    return hasher.leaf(leaf.key_hash, leaf.value)


def _recompute_internal(load: NodeLoader, hasher: TreeHasher, key: bytes, node: InternalNode, path: bytes,
                        depth: int) -> tuple[bytes, int]:
    """(hash, number of leaves below) of an internal node, recomputed."""
    heap = node.slots[:HEAP_SIZE]
    leaves = 0
    for nibble in range(16):
        if not node.child_mask >> nibble & 1:
            continue
        child_path = extend_path(path, depth, nibble)
        child_key = node.child_version(nibble) + _DEPTH_BYTES[depth + 1] + child_path
        child = load(child_key)
        if node.leaf_mask >> nibble & 1:
            if type(child) is not LeafNode:
                raise StateCorruptionError(f"node {child_key.hex()} should be a leaf")
            child_hash = _check_leaf(child, hasher, child_path, depth + 1)
            leaves += 1
        else:
            if type(child) is not InternalNode:
                raise StateCorruptionError(f"node {child_key.hex()} should be internal")
            child_hash, below = _recompute_internal(load, hasher, child_key, child, child_path, depth + 1)
            leaves += below
        if child_hash != heap[FIRST_CHILD + nibble]:
            raise StateCorruptionError(f"child {child_key.hex()} hash differs from its parent's record")
    if leaves < 2:
        raise StateCorruptionError(f"internal node {key.hex()} holds fewer than two keys")
    _checked_branches(node, hasher, key)
    rebuild_branches(heap, hasher)
    return heap[1], leaves
