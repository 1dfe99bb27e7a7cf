"""The state store kept in memory: the same interface and the same tree as
the LMDB store, for tests, tools and nodes that need no durability.

Nodes are kept decoded in a dict under the same node keys the LMDB store
uses, so both stores run the same tree code and must produce the same roots;
tests/node/state checks that they do. `snapshot(path)` writes an LMDB store,
so a snapshot of either kind opens with `open_store`.
"""

from __future__ import annotations

import bisect
import os
import threading
from contextlib import contextmanager
from typing import Callable, Iterator, Mapping, Sequence

from node.state import tree
from node.state.errors import StateCorruptionError, StateError
from node.state.store import (
    DEFAULT_TABLES, ExtraWrite, StoreBase, check_extra, check_next_version, normalize_changes, prune_floor)


class SortedTable:
    """A dict that also keeps its keys sorted, for range scans."""

    def __init__(self) -> None:
        self.values: dict[bytes, bytes] = {}
        self.keys: list[bytes] = []

    def put(self, key: bytes, value: bytes) -> None:
        if key not in self.values:
            bisect.insort(self.keys, key)
        self.values[key] = value

    def delete(self, key: bytes) -> None:
        if self.values.pop(key, None) is not None:
            del self.keys[bisect.bisect_left(self.keys, key)]

    def scan(self, start: bytes, end: bytes | None, limit: int | None, reverse: bool) -> list[tuple[bytes, bytes]]:
        low = bisect.bisect_left(self.keys, start)
        high = len(self.keys) if end is None else bisect.bisect_left(self.keys, end)
        selected = self.keys[low:high]
        if reverse:
            selected.reverse()
        if limit is not None:
            selected = selected[:limit]
        return [(key, self.values[key]) for key in selected]


class MemoryStore(StoreBase):
    """The in-memory state store (see the module doc)."""

    def __init__(self, *, tables: Sequence[str] = DEFAULT_TABLES, hash_name: str = "sha3_256"):
        super().__init__(hash_name, tables)
        self._lock = threading.RLock()
        self._nodes: dict[bytes, bytes] = {}  # node key -> record
        self._stale: list[tuple[int, bytes]] = []  # (stale since version, node key), in version order
        self._roots: dict[int, bytes] = {}
        self._flat: dict[bytes, bytes] = {}
        self._latest: int | None = None
        self._oldest: int | None = None
        self._tables = {table: SortedTable() for table in self.tables}
        self._closed = False

    @contextmanager
    def _view(self) -> Iterator["MemoryStore"]:
        with self._lock:
            if self._closed:
                raise StateError("the store is closed")
            yield self

    # The StoreView protocol, read under the lock by StoreBase.

    def load(self, node_key: bytes) -> bytes:
        node = self._nodes.get(node_key)
        if node is None:
            raise StateCorruptionError(f"missing tree node {node_key.hex()}")
        return node

    def flat_get(self, key: bytes) -> bytes | None:
        return self._flat.get(key)

    def root_hash(self, version: int) -> bytes:
        return self._roots[version]

    def latest(self) -> int | None:
        return self._latest

    def oldest(self) -> int | None:
        return self._oldest

    def table_get(self, table: str, key: bytes) -> bytes | None:
        return self._tables[table].values.get(key)

    def table_scan(self, table: str, start: bytes, end: bytes | None, limit: int | None,
                   reverse: bool) -> list[tuple[bytes, bytes]]:
        return self._tables[table].scan(start, end, limit, reverse)

    # Writing.

    def apply(self, changes: Mapping[bytes, bytes | None], version: int,
              extra: Sequence[ExtraWrite] | Callable[[bytes], Sequence[ExtraWrite]] = ()) -> bytes:
        tree_changes = normalize_changes(changes, self.hasher)
        if not callable(extra):
            extra = check_extra(extra, self.tables)
        with self._view():
            check_next_version(self._latest, version)
            # Everything that can fail happens before the first change below.
            update = tree.apply_changes(self.load, self.hasher, self._latest, version, tree_changes)
            if callable(extra):
                extra = check_extra(extra(update.root_hash), self.tables)
            self._nodes.update(update.new_nodes)
            self._stale.extend((version, key) for key in update.stale_keys)
            self._roots[version] = update.root_hash
            for _key_hash, key, value in tree_changes:
                if value is None:
                    self._flat.pop(key, None)
                else:
                    self._flat[key] = value
            for table, key, value in extra:
                if value is None:
                    self._tables[table].delete(key)
                else:
                    self._tables[table].put(key, value)
            if self._latest is None:
                self._oldest = version
            self._latest = version
            return update.root_hash

    def prune(self, keep_last: int) -> int:
        with self._view():
            floor = prune_floor(self._latest, self._oldest, keep_last)
            if floor is None:
                return 0
            cut = bisect.bisect_right(self._stale, (floor, b"\xff" * 80))
            for _, key in self._stale[:cut]:
                del self._nodes[key]
            del self._stale[:cut]
            for version in range(self._oldest, floor):
                self._roots.pop(version, None)
            self._oldest = floor
            return cut

    def snapshot(self, path: str | os.PathLike) -> None:
        """Write this store, every retained version included, as an LMDB store
        at `path` (which `open_store` opens)."""
        from node.state.lmdb_store import write_store

        with self._view():
            write_store(os.fspath(path), hash_name=self.hash_name, tables=self.tables,
                        nodes=self._nodes.items(),
                        stale=self._stale,
                        roots=self._roots.items(), flat=self._flat.items(),
                        table_items={name: table.values.items() for name, table in self._tables.items()},
                        latest=self._latest, oldest=self._oldest)

    def close(self) -> None:
        with self._lock:
            self._closed = True
