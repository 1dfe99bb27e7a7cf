"""The latest-state table of the LMDB store and its pending changes in memory.

Latest-state reads need a table from key to current value; the tree alone
would take a walk of ~6 nodes per read. Writing each block's changes straight
into such a table costs one randomly placed 4 KiB page per changed key (the
keys of a block are spread over the whole table), and that write volume,
not the tree, was what a block's commit spent its time on at 10^6 keys. So
the table is written like a small LSM tree, inside the block's one
transaction:

  state.flat      key_hash -> value         the base table, keyed (and sorted)
                                            by the tree's key hash
  state.flatlog   version -> the block's changes (key_hash, value or deleted),
                             appended: one sequential record per block
  state.meta      flatmerged: for each of 256 buckets (the first byte of the
                  key hash), the first version whose changes to that bucket
                  are not yet in state.flat

Block v merges bucket v mod 256: every change to that bucket logged since
its last merge is written to state.flat in one sorted batch. That batch lands
in 1/256 of the table, so a block dirties about as many pages as that slice
holds (~140 at 10^6 keys) rather than one page per key (~1,000). When the
changes not yet merged exceed `cap` entries (large blocks), the following
buckets are merged in the same block too. A log record is deleted once every
bucket has merged past it, so the log holds at most 256 records.

The pending changes are the unmerged ones kept in memory, 256 dicts
key_hash -> value (None: deleted). A read looks there first, then in
state.flat. They are rebuilt from state.flatlog and flatmerged when the store
opens, and whenever a transaction shows a snapshot other than the one they
describe (another process wrote), so they never serve a value the database
does not hold. They change only after the block's commit returned.

Nothing here is consensus: the tree's root does not depend on it, and the
in-memory store keeps a plain dict instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from node.state.errors import StateCorruptionError

BUCKETS = 256
DEFAULT_PENDING_CAP = 1 << 18  # unmerged changes kept in memory (~200 bytes each for 53-byte keys)
_DELETED = 0xFFFFFFFF
_DELETED_BYTES = _DELETED.to_bytes(4, "big")
MISSING = object()


def encode_log(changes: Sequence[tuple[bytes, bytes, bytes | None]]) -> bytes:
    """A block's changes ((key_hash, key, value or None), sorted by key hash)
    as one state.flatlog record: key_hash(32) length:u32 value, length
    0xFFFFFFFF (and no value) for a deletion."""
    parts = []
    for key_hash, _key, value in changes:
        if value is None:
            parts.append(key_hash + _DELETED_BYTES)
        else:
            parts.append(key_hash + len(value).to_bytes(4, "big") + value)
    return b"".join(parts)


def decode_log(raw: bytes) -> list[tuple[bytes, bytes | None]]:
    entries = []
    position, end = 0, len(raw)
    while position < end:
        if position + 36 > end:
            raise StateCorruptionError("truncated state.flatlog record")
        key_hash = raw[position:position + 32]
        length = int.from_bytes(raw[position + 32:position + 36], "big")
        position += 36
        if length == _DELETED:
            entries.append((key_hash, None))
            continue
        if position + length > end:
            raise StateCorruptionError("state.flatlog value runs past its record")
        entries.append((key_hash, raw[position:position + length]))
        position += length
    return entries


def encode_merged(merged: Sequence[int]) -> bytes:
    return b"".join(version.to_bytes(8, "big") for version in merged)


def decode_merged(raw: bytes | None) -> list[int]:
    if raw is None:
        return [0] * BUCKETS
    if len(raw) != 8 * BUCKETS:
        raise StateCorruptionError("state.meta flatmerged has the wrong size")
    return [int.from_bytes(raw[8 * bucket:8 * bucket + 8], "big") for bucket in range(BUCKETS)]


@dataclass
class MergePlan:
    """What one block does to the flat table, worked out before its
    transaction commits and applied to the pending changes only after."""

    version: int
    buckets: list[int]                        # merged by this block, in order
    writes: list[tuple[bytes, bytes | None]]  # to state.flat, sorted by key hash; None deletes
    merged: list[int]                         # the new flatmerged
    added: list[tuple[bytes, bytes | None]]   # this block's changes to buckets not merged

    @property
    def log_floor(self) -> int:
        """Log records below this version are fully merged."""
        return min(self.merged)


class FlatPending:
    """The pending (unmerged) flat-table changes of one store, in memory (module doc)."""

    __slots__ = ("buckets", "size", "merged", "snapshot")

    def __init__(self) -> None:
        self.buckets: list[dict[bytes, bytes | None]] = [{} for _ in range(BUCKETS)]
        self.size = 0
        self.merged = [0] * BUCKETS
        self.snapshot: int | None = None  # the LMDB snapshot (txn id) this describes; None: unknown

    def load(self, log: Iterable[tuple[bytes, bytes]], merged_raw: bytes | None, snapshot: int) -> None:
        """Rebuild from the state.flatlog records (version order) and the
        flatmerged record of snapshot `snapshot`."""
        merged = decode_merged(merged_raw)
        buckets: list[dict[bytes, bytes | None]] = [{} for _ in range(BUCKETS)]
        for version_bytes, raw in log:
            version = int.from_bytes(version_bytes, "big")
            for key_hash, value in decode_log(raw):
                if version >= merged[key_hash[0]]:
                    buckets[key_hash[0]][key_hash] = value
        self.buckets = buckets
        self.size = sum(len(bucket) for bucket in buckets)
        self.merged = merged
        self.snapshot = snapshot

    def plan(self, changes: Sequence[tuple[bytes, bytes, bytes | None]], version: int, cap: int) -> MergePlan:
        """The flat-table work of block `version` with `changes` ((key_hash,
        key, value), sorted by key hash): merge bucket version mod 256, and
        the buckets after it while more than `cap` changes would stay unmerged."""
        buckets = self.buckets
        incoming: dict[int, list[tuple[bytes, bytes | None]]] = {}
        size = self.size
        for key_hash, _key, value in changes:
            bucket = key_hash[0]
            group = incoming.get(bucket)
            if group is None:
                group = incoming[bucket] = []
            group.append((key_hash, value))
            if key_hash not in buckets[bucket]:
                size += 1
        merge = []
        bucket = version % BUCKETS
        while True:
            merge.append(bucket)
            size -= len(buckets[bucket]) + sum(1 for key_hash, _ in incoming.get(bucket, ())
                                               if key_hash not in buckets[bucket])
            bucket = (bucket + 1) % BUCKETS
            if size <= cap or len(merge) == BUCKETS:
                break
        writes = []
        merged = self.merged[:]
        for bucket in sorted(merge):
            combined = buckets[bucket]
            if bucket in incoming:
                combined = dict(combined)
                combined.update(incoming.pop(bucket))
            writes.extend(sorted(combined.items()))
            merged[bucket] = version + 1
        added = [entry for bucket in sorted(incoming) for entry in incoming[bucket]]
        return MergePlan(version, merge, writes, merged, added)

    def commit(self, plan: MergePlan, snapshot: int) -> None:
        """The block of `plan` committed as snapshot `snapshot`."""
        buckets = self.buckets
        size = self.size
        for bucket in plan.buckets:
            size -= len(buckets[bucket])
            buckets[bucket] = {}
        for key_hash, value in plan.added:
            bucket = buckets[key_hash[0]]
            if key_hash not in bucket:
                size += 1
            bucket[key_hash] = value
        self.size = size
        self.merged = plan.merged
        self.snapshot = snapshot

    def get(self, key_hash: bytes):
        """The unmerged value (None: deleted), or MISSING."""
        return self.buckets[key_hash[0]].get(key_hash, MISSING)
