"""The in-memory cache of the top levels' node records, shared by the LMDB store
and its helper process.

Records are immutable once committed (a node key names one version's node),
so a cached record never goes stale; a replaced one is dropped because no
later block reads it. Only the top levels are cached: the levels that fit
whole, `max_depth` = the deepest d with 1 + 16 + ... + 16^d <= capacity (4
for the default 131,072). Every block reads its path through them, while a
node below them is touched once in many blocks (at 10^6 keys a depth-5 node
about once in 4,000), so caching those would only churn the top levels out.
"""

from __future__ import annotations

from itertools import islice
from typing import Callable, Iterable

from node.state.errors import StateCorruptionError
from node.state.nodes import INTERNAL_TAG, check_record

DEFAULT_CAPACITY = 131_072  # internal records, <= ~1.1 KiB each; the top 5 levels hold 69,905 nodes


def cached_depth(capacity: int) -> int:
    """The deepest level whose nodes, with all those above, fit in `capacity`
    (-1: none)."""
    depth, total = -1, 0
    while total + 16 ** (depth + 1) <= capacity:
        depth += 1
        total += 16 ** depth
    return depth


class NodeCache:
    """Records by node key, at most `capacity`, oldest stored first out.

    A plain dict (insertion-ordered): storing a key costs a third of what
    an OrderedDict's does, and a block stores ~2,000. Replaced records are
    dropped as they go stale, so the capacity is seldom reached; when it is,
    the oldest tenth goes in one pass."""

    __slots__ = ("records", "capacity", "max_depth")

    def __init__(self, capacity: int = DEFAULT_CAPACITY):
        self.records: dict[bytes, bytes] = {}
        self.capacity = capacity
        self.max_depth = cached_depth(capacity)

    def clear(self) -> None:
        self.records.clear()

    def __len__(self) -> int:
        return len(self.records)

    def loader(self, txn, db) -> Callable[[bytes], bytes]:
        """`load(node_key)`: the record from the cache, or else read from
        `db` through the LMDB transaction `txn`, checked
        (nodes.check_record) and, when internal and shallow enough, cached.
        StateCorruptionError for a missing record."""
        records, cache_get, capacity, max_depth = self.records, self.records.get, self.capacity, self.max_depth
        get = txn.get

        def load(node_key: bytes) -> bytes:
            raw = cache_get(node_key)
            if raw is not None:
                return raw
            raw = get(node_key, None, db)  # positional: py-lmdb parses keyword arguments more slowly
            if raw is None:
                raise StateCorruptionError(f"missing tree node {node_key.hex()}")
            check_record(raw)
            if raw[0] == INTERNAL_TAG and node_key[8] <= max_depth:
                records[node_key] = raw
                if len(records) > capacity:
                    self._evict()
            return raw

        return load

    def _evict(self) -> None:
        """Drop the oldest records, down to 90% of the capacity."""
        records = self.records
        for key in list(islice(records, len(records) - self.capacity * 9 // 10)):
            del records[key]

    def remember(self, levels: Iterable[tuple[int, list[tuple[bytes, bytes]]]], stale_keys: list[bytes]) -> None:
        """Cache the records of `levels` ((depth, records) pairs) in place of
        `stale_keys`, the ones they replace. Leaves at the cached depths are
        kept too: they are as immutable, and rarely that shallow."""
        max_depth = self.max_depth
        if max_depth < 0:
            return
        records = self.records
        pop = records.pop
        for key in stale_keys:
            if key[8] <= max_depth:
                pop(key, None)
        update = records.update
        for depth, level in levels:
            if depth <= max_depth:
                update(level)
        if len(records) > self.capacity:
            self._evict()
