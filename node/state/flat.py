"""The latest-state table of the LMDB store and its pending changes in memory.

Latest-state reads need a table from key to current value; the tree alone
would take a walk of ~6 nodes per read. Writing each block's changes straight
into such a table costs one randomly placed 4 KiB page per changed key (the
keys of a block are spread over the whole table), and that write volume,
not the tree, was what a block's commit spent its time on at 10^6 keys. So
the table is written like a small LSM tree, inside the block's one
transaction:

  state.flat      bucket(1) || key -> value   the base table; bucket(key) is the
                                              top byte of CRC-32(key), so each
                                              bucket is one contiguous slice
  state.flatlog   version -> the block's changes (key, value or deleted),
                             appended: one sequential record per block
  state.meta      flatmerged: for each of the 256 buckets, the first version
                  whose changes to that bucket are not yet in state.flat
  state.flatlong  key -> value for keys of 511 bytes (the most LMDB takes,
                  so no room for the bucket byte): written directly, no log

Block v merges bucket v mod 256: every change to that bucket logged since
its last merge is written to state.flat in one sorted batch. That batch lands
in 1/256 of the table, so a block dirties about as many pages as that slice
holds (~140 at 10^6 keys) rather than one page per key (~1,000). When the
changes not yet merged exceed `cap` entries (large blocks), the following
buckets are merged in the same block too. A log record is deleted once every
bucket has merged past it, so the log holds at most 256 records.

The bucket comes from a CRC rather than the tree's key hash so that a read
costs no SHA3; it only decides where a key is stored (an unlucky or crafted
key set makes merges uneven, never reads wrong). Keys are stored whole, so
distinct keys never share an entry.

The pending changes are the unmerged ones kept in memory, 256 dicts key ->
value (None: deleted). A read looks there first, then in state.flat. They are
built from state.flatlog and flatmerged when the store opens, and brought up
to date whenever a transaction shows a snapshot other than the one they
describe (another process wrote: only the log records written since are read),
so they never serve a value the database does not hold. They change only after
the block's commit returned.

Nothing here is consensus: the tree's root does not depend on it, and the
in-memory store keeps a plain dict instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence
from zlib import crc32

from node.state.errors import StateCorruptionError

BUCKETS = 256
BUCKET_PREFIX = [bytes((bucket,)) for bucket in range(BUCKETS)]
MAX_BUCKETED_KEY = 510  # longer keys (511 bytes) go to state.flatlong
DEFAULT_PENDING_CAP = 1 << 18  # unmerged changes kept in memory (~200 bytes each for 53-byte keys)
_DELETED = 0xFFFFFFFF
_DELETED_BYTES = _DELETED.to_bytes(4, "big")
MISSING = object()


def bucket_of(key: bytes) -> int:
    return crc32(key) >> 24


def encode_log(changes: Sequence[tuple[bytes, bytes | None]]) -> bytes:
    """A block's changes ((key, value or None)) as one state.flatlog record:
    key_length:u16 key value_length:u32 value, value_length 0xFFFFFFFF (and
    no value) for a deletion."""
    parts = []
    for key, value in changes:
        if value is None:
            parts.append(len(key).to_bytes(2, "big") + key + _DELETED_BYTES)
        else:
            parts.append(len(key).to_bytes(2, "big") + key + len(value).to_bytes(4, "big") + value)
    return b"".join(parts)


def decode_log(raw: bytes) -> list[tuple[bytes, bytes | None]]:
    entries = []
    position, end = 0, len(raw)
    while position < end:
        if position + 2 > end:
            raise StateCorruptionError("truncated state.flatlog record")
        key_end = position + 2 + int.from_bytes(raw[position:position + 2], "big")
        if key_end + 4 > end:
            raise StateCorruptionError("truncated state.flatlog record")
        key = raw[position + 2:key_end]
        length = int.from_bytes(raw[key_end:key_end + 4], "big")
        position = key_end + 4
        if length == _DELETED:
            entries.append((key, None))
            continue
        if position + length > end:
            raise StateCorruptionError("state.flatlog value runs past its record")
        entries.append((key, raw[position:position + length]))
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
    log: list[tuple[bytes, bytes | None]]        # the block's bucketed changes (key, value or None)
    long: list[tuple[bytes, bytes | None]]       # its changes to keys too long for a bucket
    buckets: list[int]                           # merged by this block, in order
    writes: list[tuple[bytes, bytes | None]]     # to state.flat (bucket || key), sorted; None deletes
    merged: list[int]                            # the new flatmerged
    added: list[tuple[int, bytes, bytes | None]]  # (bucket, key, value) of changes not merged

    @property
    def log_floor(self) -> int:
        """Log records below this version are fully merged."""
        return min(self.merged)


class FlatPending:
    """The pending (unmerged) flat-table changes of one store, in memory (module doc)."""

    __slots__ = ("buckets", "size", "merged", "version", "snapshot")

    def __init__(self) -> None:
        self.buckets: list[dict[bytes, bytes | None]] = [{} for _ in range(BUCKETS)]
        self.size = 0
        self.merged = [0] * BUCKETS
        self.version: int | None = None   # the latest version these changes cover
        self.snapshot: int | None = None  # the LMDB snapshot (txn id) they describe; None: unknown

    def load(self, log: Iterable[tuple[bytes, bytes]], merged_raw: bytes | None, latest: int | None,
             snapshot: int) -> None:
        """Rebuild from all the state.flatlog records (version order), the
        flatmerged record and the latest version of snapshot `snapshot`."""
        self.buckets = [{} for _ in range(BUCKETS)]
        self.merged = decode_merged(merged_raw)
        self._add(log)
        self.version = latest
        self.snapshot = snapshot

    def refresh(self, newer_log: Iterable[tuple[bytes, bytes]], merged_raw: bytes | None, latest: int,
                snapshot: int) -> None:
        """Catch up with snapshot `snapshot` (latest version `latest`, later
        than self.version), given the log records after self.version. A
        bucket merged since then now holds only the changes logged from its
        new merge point on, and that point is after self.version, so the
        newer records are all that is needed (a record is deleted only when
        every bucket has merged past it)."""
        merged = decode_merged(merged_raw)
        for bucket in range(BUCKETS):
            if merged[bucket] != self.merged[bucket]:
                self.buckets[bucket] = {}
        self.merged = merged
        self._add(newer_log)
        self.version = latest
        self.snapshot = snapshot

    def _add(self, log: Iterable[tuple[bytes, bytes]]) -> None:
        buckets, merged = self.buckets, self.merged
        for version_bytes, raw in log:
            version = int.from_bytes(version_bytes, "big")
            for key, value in decode_log(raw):
                bucket = crc32(key) >> 24
                if version >= merged[bucket]:
                    buckets[bucket][key] = value
        self.size = sum(len(bucket) for bucket in buckets)

    def plan(self, changes: Sequence[tuple[bytes, bytes, bytes | None]], version: int, cap: int) -> MergePlan:
        """The flat-table work of block `version` with `changes` ((key_hash,
        key, value or None)): merge bucket version mod 256, and, when more
        than `cap` changes would stay unmerged, the buckets after it until at
        most half of `cap` do."""
        buckets = self.buckets
        by_bucket: dict[int, dict[bytes, bytes | None]] = {}  # the block's changes per bucket
        log = []
        long = []
        size = self.size
        for _key_hash, key, value in changes:
            if len(key) > MAX_BUCKETED_KEY:
                long.append((key, value))
                continue
            bucket = crc32(key) >> 24
            block_changes = by_bucket.get(bucket)
            if block_changes is None:
                by_bucket[bucket] = {key: value}
            else:
                block_changes[key] = value
            log.append((key, value))
            if key not in buckets[bucket]:
                size += 1
        merge = []
        bucket = version % BUCKETS
        # Over the cap, merge down to half of it: otherwise, after a bulk
        # load, every block would pass the cap again and merge a second,
        # full bucket.
        limit = cap if size <= cap else cap // 2
        while True:
            merge.append(bucket)
            pending = buckets[bucket]
            size -= len(pending) + sum(1 for key in by_bucket.get(bucket, ()) if key not in pending)
            bucket = (bucket + 1) % BUCKETS
            if size <= limit or len(merge) == BUCKETS:
                break
        writes = []
        merged = self.merged[:]
        for bucket in sorted(merge):
            combined = buckets[bucket]
            block_changes = by_bucket.get(bucket)
            if block_changes:
                combined = {**combined, **block_changes}
            prefix = BUCKET_PREFIX[bucket]
            writes += [(prefix + key, combined[key]) for key in sorted(combined)]
            merged[bucket] = version + 1
        merging = set(merge)
        added = [(bucket, key, value) for bucket, block_changes in by_bucket.items() if bucket not in merging
                 for key, value in block_changes.items()]
        return MergePlan(version, log, long, merge, writes, merged, added)

    def commit(self, plan: MergePlan, snapshot: int) -> None:
        """The block of `plan` committed as snapshot `snapshot`."""
        buckets = self.buckets
        size = self.size
        for bucket in plan.buckets:
            size -= len(buckets[bucket])
            buckets[bucket] = {}
        for bucket, key, value in plan.added:
            pending = buckets[bucket]
            if key not in pending:
                size += 1
            pending[key] = value
        self.size = size
        self.merged = plan.merged
        self.version = plan.version
        self.snapshot = snapshot
