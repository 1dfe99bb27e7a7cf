"""What the LMDB store and the in-memory store share: checking inputs, and
every read (values, roots, proofs, tables) expressed over a read view.

A backend supplies `_view()`, a context manager yielding a consistent read
view (`StoreView`) for the length of one call, plus `apply`, `prune`,
`snapshot` and `close`. Everything the tree computes goes through
`node.state.tree`, so both backends produce the same roots by construction;
tests/node/state checks that they also store and return the same things.
"""

from __future__ import annotations

import operator
from contextlib import AbstractContextManager
from typing import Iterable, Mapping, Protocol, Sequence

from node.state import tree
from node.state.errors import StateCorruptionError, VersionError
from node.state.hashing import EMPTY, TreeHasher, tree_hasher
from node.state.proof import Proof

DEFAULT_TABLES = ("blocks", "receipts", "txs", "logs", "meta")
MAX_KEY_SIZE = 511  # LMDB's default key limit; state keys are also flat-table keys

ExtraWrite = tuple[str, bytes, bytes | None]


class StoreView(Protocol):
    """One consistent read of a store (an LMDB read transaction, or the
    in-memory maps under the store's lock)."""

    def load(self, node_key: bytes) -> bytes: ...
    def flat_get(self, key: bytes) -> bytes | None: ...
    def root_hash(self, version: int) -> bytes: ...
    def latest(self) -> int | None: ...
    def oldest(self) -> int | None: ...
    def table_get(self, table: str, key: bytes) -> bytes | None: ...
    def table_scan(self, table: str, start: bytes, end: bytes | None, limit: int | None,
                   reverse: bool) -> list[tuple[bytes, bytes]]: ...


_first = operator.itemgetter(0)


def normalize_changes(changes: Mapping[bytes, bytes | None], hasher: TreeHasher) -> list[tree.Change]:
    """The changes as (key_hash, key, value or None), sorted by key hash; the
    tree and the flat table both take them in that order. An empty value
    deletes, like None."""
    context = hasher.context
    tree_changes = []
    append = tree_changes.append
    for key, value in changes.items():
        if not isinstance(key, bytes) or not 0 < len(key) <= MAX_KEY_SIZE:
            if not isinstance(key, bytes) or not key:
                raise TypeError(f"state keys are non-empty bytes, got {key!r}")
            raise ValueError(f"state key of {len(key)} bytes exceeds {MAX_KEY_SIZE}")
        if value is not None and not isinstance(value, bytes):
            raise TypeError(f"state values are bytes or None, got {type(value).__name__}")
        key_hash = context()
        key_hash.update(key)
        append((key_hash.digest(), key, value or None))
    tree_changes.sort(key=_first)  # by key hash (distinct keys have distinct hashes): bytes compare faster than tuples
    return tree_changes


def check_extra(extra: Iterable[ExtraWrite], tables: Sequence[str]) -> list[ExtraWrite]:
    """The node's extra writes, validated before any of them is made."""
    checked = []
    for table, key, value in extra:
        if table not in tables:
            raise KeyError(f"unknown table {table!r}; this store has {', '.join(tables)}")
        if not isinstance(key, bytes) or not key or len(key) > MAX_KEY_SIZE:
            raise ValueError(f"table keys are 1..{MAX_KEY_SIZE} bytes, got {key!r}")
        if value is not None and not isinstance(value, bytes):
            raise TypeError(f"table values are bytes or None, got {type(value).__name__}")
        checked.append((table, key, value))
    return checked


def check_next_version(latest: int | None, version: int) -> None:
    """VersionError unless `version` follows `latest` (0 for the first block)."""
    expected = 0 if latest is None else latest + 1
    if version != expected:
        raise VersionError(f"apply expected version {expected}, got {version}")


class StoreBase:
    """The read side of the state store interface (see docs/state.md)."""

    hash_name: str

    def __init__(self, hash_name: str, tables: Sequence[str]):
        self.hasher = tree_hasher(hash_name)
        self.hash_name = hash_name
        self.tables = tuple(tables)

    def _view(self) -> AbstractContextManager[StoreView]:
        raise NotImplementedError

    def latest_version(self) -> int | None:
        with self._view() as view:
            return view.latest()

    def oldest_version(self) -> int | None:
        """The oldest version still readable (None before the first apply)."""
        with self._view() as view:
            return view.oldest()

    def get(self, key: bytes, version: int | None = None) -> bytes | None:
        with self._view() as view:
            if version is None:
                return view.flat_get(key)
            if _retained(view, version) == view.latest():
                return view.flat_get(key)
            return tree.lookup(view.load, version, self.hasher.digest(key))

    def root(self, version: int | None = None) -> bytes:
        with self._view() as view:
            if version is None and view.latest() is None:
                return EMPTY
            return view.root_hash(_retained(view, version))

    def prove(self, key: bytes, version: int | None = None) -> Proof:
        with self._view() as view:
            if version is None and view.latest() is None:
                return Proof((), None)
            return tree.prove(view.load, self.hasher, _retained(view, version), self.hasher.digest(key))

    def verify_tree(self, version: int | None = None) -> bytes:
        """Recompute `version`'s root from every leaf and compare it with the
        recorded root; returns the root, raises StateCorruptionError."""
        with self._view() as view:
            if version is None and view.latest() is None:
                return EMPTY
            version = _retained(view, version)
            recorded = view.root_hash(version)
            actual = tree.recompute_root(view.load, self.hasher, version)
            if actual != recorded:
                raise StateCorruptionError(f"version {version} recomputes to {actual.hex()}, "
                                           f"recorded {recorded.hex()}")
            return actual

    def read(self, table: str, key: bytes) -> bytes | None:
        self._check_table(table)
        with self._view() as view:
            return view.table_get(table, key)

    def scan(self, table: str, start: bytes, end: bytes | None = None, limit: int | None = None,
             reverse: bool = False) -> list[tuple[bytes, bytes]]:
        """Pairs with start <= key < end (no upper bound when end is None), in
        key order, or from the highest key down when `reverse`; at most `limit`."""
        self._check_table(table)
        if limit is not None and limit <= 0:
            return []
        with self._view() as view:
            return view.table_scan(table, start, end, limit, reverse)

    def _check_table(self, table: str) -> None:
        if table not in self.tables:
            raise KeyError(f"unknown table {table!r}; this store has {', '.join(self.tables)}")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        raise NotImplementedError


def _retained(view: StoreView, version: int | None) -> int:
    """`version` (None: the latest) when it can still be read, else VersionError."""
    latest, oldest = view.latest(), view.oldest()
    if version is None:
        version = latest
    if latest is None or version is None or not oldest <= version <= latest:
        raise VersionError(f"version {version} is not retained (oldest {oldest}, latest {latest})")
    return version


def prune_floor(latest: int | None, oldest: int | None, keep_last: int) -> int | None:
    """The new oldest version after keeping `keep_last` versions, or None when
    nothing is to be pruned."""
    if keep_last < 1:
        raise ValueError("keep_last must be at least 1")
    if latest is None:
        return None
    floor = latest - keep_last + 1
    return floor if floor > oldest else None
