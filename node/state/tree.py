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
children are rehashed. Nodes travel as their records (bytes): a node with
one changed child is patched in its record (nodes.patch_internal), never
decoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Final, Sequence, cast

from node.state.errors import StateCorruptionError, StateError
from node.state.hashing import EMPTY, TreeHasher
from node.state.nodes import (
    _DEPTH_BYTES, CHILD_OFFSETS, FIRST_CHILD, MAX_DEPTH, FIRST_VERSION, HALF_SIZE, HEADER_SIZE, HEAP_SIZE, INTERNAL_TAG,
    LEAF_TAG, NULL_TAG, LeafNode, Node, NullNode, InternalNode, child_offset, decode_node, empty_slots, encode_internal,
    internal_hash, internal_slots, leaf_record, leaf_value, nibble_at, nibble_path, patch_internal,
    rebuild_branches, root_key)
from node.state.proof import Proof

# `load(node_key)` returns the node's record (bytes, see nodes.py), checked by
# `nodes.check_record` when it came from disk; StateCorruptionError if missing.
NodeLoader = Callable[[bytes], bytes]

# A change: (key_hash, key, value or None to delete), sorted by key_hash.
Change = tuple[bytes, bytes, bytes | None]

NULL_RECORD: Final = b"\x00"


@dataclass
class TreeUpdate:
    """The result of applying one version's changes to the tree: the new
    root, the records to write (node key, record), sorted by node key, and the
    node keys that went stale."""

    root_hash: bytes
    new_nodes: list[tuple[bytes, bytes]]
    stale_keys: list[bytes]


class _Unchanged:
    """Returned by a subtree update that changed nothing."""


UNCHANGED: Final = _Unchanged()


class _PendingLeaf:
    """A leaf whose final depth is decided by its parent: it is written only
    when a parent keeps it as a child; `origin` is the node key it replaces."""

    __slots__ = ("key_hash", "record", "hash", "origin")

    def __init__(self, key_hash: bytes, record: bytes, leaf_hash: bytes, origin: bytes | None):
        self.key_hash = key_hash
        self.record = record
        self.hash = leaf_hash
        self.origin = origin

    def __reduce__(self):  # the tree helper sends these; mypyc's classes need it spelled out
        return _PendingLeaf, (self.key_hash, self.record, self.hash, self.origin)


_HIGH_NIBBLE: Final = [bytes((byte & 0xF0,)) for byte in range(256)]


def extend_path(path: bytes, depth: int, nibble: int) -> bytes:
    """The packed path one nibble below `path` (which has `depth` nibbles)."""
    if depth & 1:
        return path[:-1] + bytes((path[-1] | nibble,))
    return path + bytes((nibble << 4,))


def apply_changes(load: NodeLoader, hasher: TreeHasher, previous_version: int | None, version: int,
                  changes: Sequence[Change], helper=None, meanwhile: Callable[[], object] | None = None,
                  remember: Callable[[list, list], object] | None = None) -> TreeUpdate:
    """Apply `changes` (sorted by key hash, unique) on top of `previous_version`'s
    tree (None: empty) and return what version `version` must write.

    `helper` (a helper.TreeHelper, optional) may take the subtrees below some
    of the root's children to another process. `meanwhile()`, when given, is
    called once: while the helper works, if it takes part, else after the
    tree update. `remember(levels, stale_keys)`, when given, is called once
    at the end with the records this process made (the helper's left out),
    as (depth, records) pairs, and every stale key of the block. The result
    depends on neither."""
    return _Updater(load, hasher, version, changes).run(previous_version, helper, meanwhile, remember)


def update_subtrees(load: NodeLoader, hasher: TreeHasher, previous_version: int, version: int,
                    changes: Sequence[Change], claim: Callable[[int], bool], publish: Callable[[tuple], None]) -> None:
    """The helper's side of a shared update: apply `changes` (sorted, unique)
    to the children of `previous_version`'s root, which must be internal.
    The changes fall into runs, one per root nibble; they are updated from
    the last run down, each only if `claim(run index)` allows it, stopping
    at the first it refuses (the store takes runs from the first up).

    Each run updated is passed to `publish` as soon as it is done, as (run
    index, changed children as (nibble, result) pairs for _Updater.combine,
    its stale keys, its records as (depth, records) pairs)."""
    updater = _Updater(load, hasher, version, changes)
    root = load(root_key(previous_version))
    if root[0] != INTERNAL_TAG:
        raise _wrong_type(root_key(previous_version))
    runs = updater.groups(0, 0, len(changes))
    levels, stale_keys = updater.levels, updater.stale_keys
    for index in range(len(runs) - 1, -1, -1):
        if not claim(index):
            break
        before = len(stale_keys)
        sizes = [len(level) for level in levels]
        changed = updater.update_children(0, [runs[index]], root)
        publish((index, changed, stale_keys[before:],
                 [(depth, level[sizes[depth]:]) for depth, level in enumerate(levels) if len(level) > sizes[depth]]))


def _wrong_type(node_key: bytes) -> StateCorruptionError:
    return StateCorruptionError(f"node {node_key.hex()} has the wrong type for its parent's record")


class _Updater:
    def __init__(self, load: NodeLoader, hasher: TreeHasher, version: int, changes: Sequence[Change]):
        self.load = load
        self.hasher = hasher
        self.new = hasher.new
        self.branch_context = hasher.branch_context
        self.version = version
        self.version_bytes = version.to_bytes(8, "big")
        self.changes = changes
        self.called_meanwhile = False
        self.helper_levels: list[tuple[int, list[tuple[bytes, bytes]]]] = []
        self.key_hashes = [change[0] for change in changes]
        self.keys = [change[1] for change in changes]
        self.values = [change[2] for change in changes]
        # The records to write, per depth: each depth's come out nearly in
        # path order, so sorting them per depth is cheap.
        self.levels: list[list[tuple[bytes, bytes]]] = [[] for _ in range(MAX_DEPTH + 1)]
        self.stale_keys: list[bytes] = []

    def run(self, previous_version: int | None, helper=None, meanwhile=None, remember=None) -> TreeUpdate:
        count = len(self.key_hashes)
        result: object
        old_key: bytes | None = None
        if previous_version is None:
            old_root = NULL_RECORD
            result = self.build(0, 0, count)
        else:
            old_key = root_key(previous_version)
            old_root = self.load(old_key)
            if old_root[0] == INTERNAL_TAG:
                if helper is not None and helper.available(count):
                    result = self.update_root_shared(previous_version, old_key, old_root, helper, meanwhile)
                else:
                    result = self.update_internal(0, 0, count, old_key, old_root)
            elif old_root[0] == LEAF_TAG:
                result = self.update_leaf(0, 0, count, old_key, old_root, record_hash(old_root, self.hasher), 0)
            else:
                result = self.build(0, 0, count)
                if result is not UNCHANGED:
                    self.stale_keys.append(old_key)
        new_key = root_key(self.version)
        if result is UNCHANGED:
            if old_key is not None:
                self.stale_keys.append(old_key)
            self.levels[0].append((new_key, old_root))
            root_hash = record_hash(old_root, self.hasher)
        elif result is None:
            self.levels[0].append((new_key, NULL_RECORD))
            root_hash = EMPTY
        elif type(result) is _PendingLeaf:
            self.write_leaf(0, result)
            root_hash = result.hash
        else:
            root_hash = cast(bytes, result)
        if meanwhile is not None and not self.called_meanwhile:
            meanwhile()
        if remember is not None:  # before the helper's records join this process's
            remember(list(enumerate(self.levels)), self.stale_keys)
        for depth, records in self.helper_levels:
            self.levels[depth] += records
        new_nodes = []
        for level in self.levels:
            if level:
                level.sort()
                new_nodes += level
        return TreeUpdate(root_hash, new_nodes, self.stale_keys)

    def update_root_shared(self, previous_version: int, key: bytes, raw: bytes, helper, meanwhile):
        """update_internal for the root, with `helper` updating some of the
        subtrees below it (see helper.py): this process takes the root's runs
        from the first up and the helper from the last down, one at a time,
        until they meet. The helper's records and stale keys are merged as if
        this process had made them: its runs come after this process's, so
        its stale keys follow them, and the root's own come last (from
        combine)."""
        runs = self.groups(0, 0, len(self.key_hashes))
        if len(runs) < 2 or not helper.submit(previous_version, self.version, self.changes):
            return self.update_internal(0, 0, len(self.key_hashes), key, raw)
        if meanwhile is not None:
            self.called_meanwhile = True
            meanwhile()
        changed = []
        mine = 0
        while mine < len(runs) and helper.claim(mine):
            changed += self.update_children(0, runs[mine:mine + 1], raw)
            mine += 1
        answer = helper.result()
        if answer is None:  # the helper is gone: do the rest here
            changed += self.update_children(0, runs[mine:], raw)
        else:
            if [run[0] for run in answer] != list(range(mine, len(runs))):
                raise StateError("the tree helper answered for other subtrees than it had left")
            for _, their_changed, stale_keys, records in answer:
                changed += their_changed
                self.stale_keys += stale_keys
                self.helper_levels += records
        return self.combine(0, key, raw, changed)

    def write_leaf(self, depth: int, pending: _PendingLeaf) -> None:
        self.levels[depth].append((self.version_bytes + _DEPTH_BYTES[depth] + nibble_path(pending.key_hash, depth),
                                   pending.record))
        if pending.origin is not None:
            self.stale_keys.append(pending.origin)

    def new_leaf(self, index: int) -> _PendingLeaf:
        key_hash, value = self.key_hashes[index], self.values[index]
        assert value is not None  # called for insertions and updates only
        return _PendingLeaf(key_hash, leaf_record(key_hash, self.keys[index], value),
                            self.hasher.leaf(key_hash, value), None)

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

    def update_internal(self, depth: int, low: int, high: int, key: bytes, raw: bytes):
        """Apply changes[low:high] below the internal node `key` (record `raw`);
        the result is UNCHANGED, None (subtree now empty), a _PendingLeaf (the
        subtree shrank to one leaf) or the hash of the new internal node
        written at `depth`."""
        if high - low == 1:
            return self.update_single(depth, low, key, raw)
        if high == low:
            return UNCHANGED
        return self.combine(depth, key, raw, self.update_children(depth, self.groups(depth, low, high), raw))

    def combine(self, depth: int, key: bytes, raw: bytes, changed: list):
        """The internal node `key` (record `raw`) after the children in
        `changed` ((nibble, result) pairs, in nibble order) changed: a result
        as from update_internal."""
        if not changed:
            return UNCHANGED
        if len(changed) == 1:
            return self.finish(depth, key, raw, *changed[0])
        return self.rebuild(depth, key, raw, changed)

    def update_children(self, depth: int, runs: list[tuple[int, int, int]], raw: bytes) -> list:
        """Apply each run (nibble, start, end) of changes to its child slot of
        the internal node `raw` at `depth`: the (nibble, result) pairs of the
        children that changed, in nibble order."""
        child_mask, leaf_mask = raw[1] << 8 | raw[2], raw[3] << 8 | raw[4]
        child_depth = depth + 1
        depth_byte = _DEPTH_BYTES[child_depth]
        half = child_depth >> 1
        key_hashes = self.key_hashes
        load = self.load
        changed = []
        for nibble, start, end in runs:
            bit = 1 << nibble
            if child_mask & bit:
                if nibble < 8:
                    offset = HEADER_SIZE + CHILD_OFFSETS[0][raw[2]][nibble]
                else:
                    offset = HEADER_SIZE + HALF_SIZE[0][raw[2]] + CHILD_OFFSETS[1][raw[1]][nibble - 8]
                key_hash = key_hashes[start]
                child_key = raw[offset:offset + 8] + depth_byte + (
                    key_hash[:half] + _HIGH_NIBBLE[key_hash[half]] if child_depth & 1 else key_hash[:half])
                child = load(child_key)
                if leaf_mask & bit:
                    if child[0] != LEAF_TAG:
                        raise _wrong_type(child_key)
                    result = self.update_leaf(child_depth, start, end, child_key, child, raw, offset + 8)
                else:
                    if child[0] != INTERNAL_TAG:
                        raise _wrong_type(child_key)
                    if end - start == 1:
                        result = self.update_single(child_depth, start, child_key, child)
                    else:
                        result = self.update_internal(child_depth, start, end, child_key, child)
            else:
                result = self.build(child_depth, start, end)
            if result is not UNCHANGED:
                changed.append((nibble, result))
        return changed

    def finish(self, depth: int, key: bytes, raw: bytes, nibble: int, result):
        """The internal node `key` (record `raw`) after its one child `nibble`
        changed to `result` (as from update_internal, never UNCHANGED)."""
        child_mask = raw[1] << 8 | raw[2]
        bit = 1 << nibble
        # The child is replaced, not added or removed, and the node keeps more
        # than one child or an internal one: the record's layout stays, so the
        # new record is the old one with new fields spliced in.
        if child_mask & bit and result is not None and (
                child_mask & (child_mask - 1) or type(result) is not _PendingLeaf):
            leaf_mask = raw[3] << 8 | raw[4]
            if type(result) is _PendingLeaf:
                self.write_leaf(depth + 1, result)
                child_hash = result.hash
                new_leaf_mask = leaf_mask | bit
            else:
                child_hash = result
                new_leaf_mask = leaf_mask & ~bit
            self.stale_keys.append(key)
            node_hash, record = patch_internal(raw, nibble, child_hash, self.version_bytes,
                                               None if new_leaf_mask == leaf_mask else new_leaf_mask,
                                               self.branch_context)
            self.levels[depth].append((self.version_bytes + key[8:], record))
            return node_hash
        return self.rebuild(depth, key, raw, [(nibble, result)])

    def update_single(self, depth: int, index: int, node_key: bytes, raw: bytes):
        """update_internal for the one change changes[index]: walks down its
        path in a loop, then patches the nodes on the way back up. The common
        case (an existing key's leaf gets a new value, its parent keeps other
        children) is handled here without building a _PendingLeaf."""
        key_hash = self.key_hashes[index]
        load = self.load
        version_bytes = self.version_bytes
        levels = self.levels
        stale_keys = self.stale_keys
        branch_context = self.branch_context
        frames = []
        while True:
            byte = key_hash[depth >> 1]
            nibble = byte & 0x0F if depth & 1 else byte >> 4
            bit = 1 << nibble
            low_mask = raw[2]
            child_mask = raw[1] << 8 | low_mask
            if not child_mask & bit:
                if self.values[index] is None:
                    return UNCHANGED
                result = self.rebuild(depth, node_key, raw, [(nibble, self.new_leaf(index))])
                break
            if nibble < 8:
                offset = HEADER_SIZE + CHILD_OFFSETS[0][low_mask][nibble]
            else:
                offset = HEADER_SIZE + HALF_SIZE[0][low_mask] + CHILD_OFFSETS[1][raw[1]][nibble - 8]
            child_depth = depth + 1
            half = child_depth >> 1
            child_key = raw[offset:offset + 8] + _DEPTH_BYTES[child_depth] + (
                key_hash[:half] + _HIGH_NIBBLE[key_hash[half]] if child_depth & 1 else key_hash[:half])
            child = load(child_key)
            if not (raw[3] << 8 | raw[4]) & bit:
                if child[0] != INTERNAL_TAG:
                    raise _wrong_type(child_key)
                frames.append((depth, node_key, raw, nibble))
                depth, node_key, raw = child_depth, child_key, child
                continue
            if child[0] != LEAF_TAG:
                raise _wrong_type(child_key)
            value = self.values[index]
            if child[1:33] != key_hash:
                if value is None:
                    return UNCHANGED
                result = self.finish(depth, node_key, raw, nibble,
                                     self.update_leaf(child_depth, index, index + 1, child_key, child, raw, offset + 8))
                break
            if value is None:
                stale_keys.append(child_key)
                result = self.finish(depth, node_key, raw, nibble, None)
                break
            key = self.keys[index]
            if value == child[35 + len(key):]:  # the same key hash, so the same key: its old value
                return UNCHANGED
            hasher = self.hasher
            context = hasher.context()
            context.update(value)
            value_hash = context.digest()
            context = hasher.leaf_context()
            context.update(key_hash)
            context.update(value_hash)
            leaf_hash = context.digest()
            record = b"\x02" + key_hash + len(key).to_bytes(2, "big") + key + value
            if not child_mask & (child_mask - 1):
                result = self.finish(depth, node_key, raw, nibble,
                                     _PendingLeaf(key_hash, record, leaf_hash, child_key))
                break
            # The leaf stays in its slot: same depth and path, new version.
            levels[child_depth].append((version_bytes + child_key[8:], record))
            stale_keys.append(child_key)
            stale_keys.append(node_key)
            result, record = patch_internal(raw, nibble, leaf_hash, version_bytes, None, branch_context)
            levels[depth].append((version_bytes + node_key[8:], record))
            break
        while frames:
            depth, node_key, raw, nibble = frames.pop()
            if type(result) is bytes:
                # An internal child that stayed internal: the layout and the
                # leaf mask stay, so the record is patched.
                stale_keys.append(node_key)
                result, record = patch_internal(raw, nibble, result, version_bytes, None, branch_context)
                levels[depth].append((version_bytes + node_key[8:], record))
            else:
                result = self.finish(depth, node_key, raw, nibble, result)
        return result

    def rebuild(self, depth: int, key: bytes, raw: bytes, changed):
        """Replace the internal node `key` (record `raw`) after its children in
        `changed` ((nibble, result) pairs, results as from update_internal)
        changed."""
        self.stale_keys.append(key)
        slots = internal_slots(raw)
        child_mask, leaf_mask = raw[1] << 8 | raw[2], raw[3] << 8 | raw[4]
        pending = None
        version_bytes = self.version_bytes
        for nibble, result in changed:
            bit = 1 << nibble
            if result is None:
                child_mask &= ~bit
                leaf_mask &= ~bit
                slots[FIRST_CHILD + nibble] = EMPTY
                slots[FIRST_VERSION + nibble] = bytes(8)
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
            if leaf[0] != LEAF_TAG:
                raise StateCorruptionError(f"node {leaf_key.hex()} should be a leaf")
            return _PendingLeaf(leaf[1:33], leaf, slots[FIRST_CHILD + nibble], leaf_key)
        if pending:
            for pending_leaf in pending:
                self.write_leaf(depth + 1, pending_leaf)

        branch_context = self.branch_context
        dirty = 0
        for nibble, _ in changed:
            dirty |= 1 << ((FIRST_CHILD + nibble) >> 1)
        for position in range(FIRST_CHILD - 1, 0, -1):
            if dirty >> position & 1:
                left, right = slots[2 * position], slots[2 * position + 1]
                if left == EMPTY and right == EMPTY:
                    slots[position] = EMPTY
                else:
                    context = branch_context()
                    context.update(left)
                    context.update(right)
                    slots[position] = context.digest()
                dirty |= 1 << (position >> 1)
        self.levels[depth].append((version_bytes + key[8:], encode_internal(slots, child_mask, leaf_mask)))
        return slots[1]

    def update_leaf(self, depth: int, low: int, high: int, key: bytes, raw: bytes, parent: bytes,
                    hash_offset: int):
        """Apply changes[low:high] to the slot holding the leaf `key` (record
        `raw`); its hash is at `hash_offset` in the parent's record."""
        key_hashes, values = self.key_hashes, self.values
        leaf_key_hash = raw[1:33]
        if high - low == 1:
            if key_hashes[low] == leaf_key_hash:
                value = values[low]
                if value is None:
                    self.stale_keys.append(key)
                    return None
                if value == leaf_value(raw):
                    return UNCHANGED
                return _PendingLeaf(leaf_key_hash, leaf_record(leaf_key_hash, self.keys[low], value),
                                    self.hasher.leaf(leaf_key_hash, value), key)
            if values[low] is None:
                return UNCHANGED
        old_value = leaf_value(raw)
        survivor: _PendingLeaf | None = _PendingLeaf(leaf_key_hash, raw, parent[hash_offset:hash_offset + 32], key)
        entries = []
        for index in range(low, high):
            value = values[index]
            if key_hashes[index] == leaf_key_hash:
                if value is None:
                    survivor = None
                elif value != old_value:
                    survivor = self.new_leaf(index)
                    survivor.origin = key
            elif value is not None:
                entries.append(self.new_leaf(index))
        if survivor is None:
            self.stale_keys.append(key)
        else:
            if not entries and survivor.record is raw:
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
            nibble = nibble_at(entry.key_hash, depth)
            if nibble != previous:
                groups.append([])
                previous = nibble
            groups[-1].append(entry)
        for group in groups:
            nibble = nibble_at(group[0].key_hash, depth)
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
        path = nibble_path(entries[0].key_hash, depth)
        self.levels[depth].append((self.version_bytes + _DEPTH_BYTES[depth] + path,
                                   encode_internal(slots, child_mask, leaf_mask)))
        return slots[1]


def _pending_key_hash(entry: _PendingLeaf) -> bytes:
    return entry.key_hash


def record_hash(raw: bytes, hasher: TreeHasher) -> bytes:
    """The hash a parent (or the roots table) records for the node `raw`."""
    if raw[0] == INTERNAL_TAG:
        return internal_hash(raw, hasher)
    if raw[0] == LEAF_TAG:
        return hasher.leaf(raw[1:33], leaf_value(raw))
    return EMPTY


def node_hash(node, hasher: TreeHasher) -> bytes:
    """The hash a parent (or the roots table) records for a decoded node."""
    if type(node) is InternalNode:
        return node.node_hash(hasher)
    if type(node) is LeafNode:
        return hasher.leaf(node.key_hash, node.value)
    return EMPTY


def lookup(load: NodeLoader, version: int, key_hash: bytes) -> bytes | None:
    """The value of `key_hash`'s key in `version`'s tree, or None."""
    raw = load(root_key(version))
    depth = 0
    while raw[0] == INTERNAL_TAG:
        nibble = nibble_at(key_hash, depth)
        if not (raw[1] << 8 | raw[2]) >> nibble & 1:
            return None
        offset = child_offset(raw, nibble)
        depth += 1
        raw = load(raw[offset:offset + 8] + _DEPTH_BYTES[depth] + nibble_path(key_hash, depth))
    if raw[0] == LEAF_TAG and raw[1:33] == key_hash:
        return leaf_value(raw)
    return None


def prove(load: NodeLoader, hasher: TreeHasher, version: int, key_hash: bytes) -> Proof:
    """The proof for `key_hash` (present or absent) in `version`'s tree."""
    siblings: list[bytes] = []
    raw = load(root_key(version))
    depth = 0
    while raw[0] == INTERNAL_TAG:
        nibble = nibble_at(key_hash, depth)
        slots = internal_slots(raw)
        position = FIRST_CHILD + nibble
        siblings += (slots[(position >> 3) ^ 1], slots[(position >> 2) ^ 1], slots[(position >> 1) ^ 1],
                     slots[position ^ 1])
        if not (raw[1] << 8 | raw[2]) >> nibble & 1:
            return Proof(tuple(siblings), None)
        depth += 1
        raw = load(slots[FIRST_VERSION + nibble] + _DEPTH_BYTES[depth] + nibble_path(key_hash, depth))
    if raw[0] == LEAF_TAG:
        return Proof(tuple(siblings), (raw[1:33], hasher.digest(leaf_value(raw))))
    return Proof(tuple(siblings), None)


def _decoded(load: NodeLoader) -> Callable[[bytes], Node]:
    return lambda node_key: decode_node(load(node_key))


def check_root_node(load: NodeLoader, hasher: TreeHasher, version: int, expected_root: bytes) -> None:
    """The cheap check made on every open: `version`'s root node re-hashes to
    `expected_root` and every child it names exists with the recorded type.
    Raises StateCorruptionError."""
    load_node = _decoded(load)
    node = load_node(root_key(version))
    if type(node) is InternalNode:
        heap = _checked_branches(node, hasher, root_key(version))
        for nibble in range(16):
            if node.child_mask >> nibble & 1:
                child_key = node.child_version(nibble) + _DEPTH_BYTES[1] + bytes((nibble << 4,))
                child = load_node(child_key)
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
    load_node = _decoded(load)
    node = load_node(root_key(version))
    if isinstance(node, LeafNode):
        return _check_leaf(node, hasher, b"", 0)
    if isinstance(node, NullNode):
        return EMPTY
    return _recompute_internal(load_node, hasher, root_key(version), node, b"", 0)[0]


def _check_leaf(leaf: LeafNode, hasher: TreeHasher, path: bytes, depth: int) -> bytes:
    if hasher.digest(leaf.key) != leaf.key_hash:
        raise StateCorruptionError(f"leaf for key {leaf.key.hex()} has the wrong key hash")
    if nibble_path(leaf.key_hash, depth) != path:
        raise StateCorruptionError(f"leaf for key {leaf.key.hex()} is off its path")
    if not leaf.value:
        raise StateCorruptionError(f"leaf for key {leaf.key.hex()} holds an empty value")
    return hasher.leaf(leaf.key_hash, leaf.value)


def _recompute_internal(load: Callable[[bytes], Node], hasher: TreeHasher, key: bytes, node: InternalNode, path: bytes,
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
