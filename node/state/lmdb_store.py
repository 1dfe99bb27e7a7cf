"""The node's state store: the versioned Merkle tree and the node's own tables
in one LMDB environment, every block written in one write transaction.

Sub-databases (all integers big-endian, so byte order is numeric order):

  state.nodes     node key (version || depth || path) -> encoded node
  state.stale     version -> the node keys that version made stale, concatenated
  state.flat      bucket || key -> value at the latest version (fast reads),
                  merged from state.flatlog a bucket at a time (see flat.py)
  state.flatlog   version -> that version's changes, until merged into state.flat
  state.flatlong  key -> latest value, for 511-byte keys (no room for the bucket)
  state.roots     version -> root hash
  state.meta      b"format", b"hash", b"latest", b"oldest", b"flatmerged"
  <tables>        the node's tables (blocks, receipts, txs, logs, meta by default)

Durability: the environment is opened with sync and metasync on, so a commit
has reached the disk when `apply` returns; LMDB's copy-on-write pages and
double meta page mean a crash leaves the database at the last commit. A
block that does not fit the map is aborted whole, the map is grown with no
transaction open, and the block is written again.

Readers take one short read transaction per call: a long-lived reader pins
old pages and makes the file grow. The environment must be opened after any
fork (a store inherited across fork refuses to work in the child).
"""

from __future__ import annotations

import gc
import os
import threading
import weakref
from concurrent.futures import Future, ThreadPoolExecutor, wait
from zlib import crc32
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Mapping, Sequence

import lmdb

from node.state import helper, tree
from node.state.cache import DEFAULT_CAPACITY as DEFAULT_NODE_CACHE, NodeCache
from node.state.flat import (
    BUCKET_PREFIX, BUCKETS, DEFAULT_PENDING_CAP, MAX_BUCKETED_KEY, MISSING, FlatPending, bucket_of, encode_log,
    encode_merged)
from node.state.errors import StateCorruptionError, StateError, StoreFormatError, StoreFullError
from node.state.hashing import HASH_NAMES
from node.state.nodes import split_node_keys
from node.state.store import (
    DEFAULT_TABLES, ExtraWrite, StoreBase, check_extra, check_next_version, normalize_changes, prune_floor)

FORMAT = b"hutong-state/2"
NODES, STALE, FLAT, FLATLOG, FLATLONG, ROOTS, STATE_META = (
    b"state.nodes", b"state.stale", b"state.flat", b"state.flatlog", b"state.flatlong", b"state.roots", b"state.meta")
STATE_TABLES = (NODES, STALE, FLAT, FLATLOG, FLATLONG, ROOTS, STATE_META)

DEFAULT_MAP_SIZE = 1 << 36      # 64 GiB of address space; the file only grows as pages are used
DEFAULT_MAX_MAP_SIZE = 1 << 40  # how far a MapFullError may grow the map

_OPEN_STORES: "weakref.WeakSet[StateStore]" = weakref.WeakSet()


def _disable_after_fork() -> None:
    for store in list(_OPEN_STORES):
        store._forked = True


os.register_at_fork(after_in_child=_disable_after_fork)


def _u64(value: int) -> bytes:
    return value.to_bytes(8, "big")


def _int_or_none(raw: bytes | None) -> int | None:
    return None if raw is None else int.from_bytes(raw, "big")


def open_store(path: str | os.PathLike, *, tables: Sequence[str] = DEFAULT_TABLES, map_size: int = DEFAULT_MAP_SIZE,
               hash_name: str | None = "sha3_256", create: bool = True, max_map_size: int | None = None,
               node_cache_size: int = DEFAULT_NODE_CACHE,
               helper_min_changes: int | None = helper.MIN_CHANGES) -> "StateStore":
    """Open (or create) the store at directory `path`.

    `hash_name` is fixed when the store is created; opening an existing store
    with a different name raises StoreFormatError (None accepts the stored one).
    `max_map_size` bounds growth after MapFullError (default 1 TiB; equal to
    `map_size` disables growth). Opening checks the format record and re-hashes
    the latest root node (StateCorruptionError when it does not match).

    A block of at least `helper_min_changes` changes shares its tree work with
    a helper process (helper.py), started on the first such block; None never
    starts one. Roots and records are the same either way.
    """
    return StateStore(os.fspath(path), tables=tables, map_size=map_size, hash_name=hash_name, create=create,
                      max_map_size=DEFAULT_MAX_MAP_SIZE if max_map_size is None else max_map_size,
                      node_cache_size=node_cache_size, helper_min_changes=helper_min_changes)


class StateStore(StoreBase):
    """The LMDB-backed state store. Use `open_store` to make one."""

    def __init__(self, path: str, *, tables: Sequence[str], map_size: int, hash_name: str | None, create: bool,
                 max_map_size: int, node_cache_size: int, helper_min_changes: int | None = None):
        tables = tuple(tables)
        for table in tables:
            if not table or table.encode() in STATE_TABLES:
                raise ValueError(f"table name {table!r} is empty or reserved")
        if not create and not os.path.isdir(path):
            raise FileNotFoundError(f"no state store at {path}")
        self.path = path
        self.max_map_size = max(max_map_size, map_size)
        self.map_growths = 0
        self._lock = threading.RLock()
        self._forked = False
        self._helper: helper.TreeHelper | None = None
        self._committer: ThreadPoolExecutor | None = None
        self._node_cache = NodeCache(node_cache_size)
        self._pending = FlatPending()
        self._pending_cap = DEFAULT_PENDING_CAP
        self._env = lmdb.open(path, map_size=map_size, subdir=True, max_dbs=len(STATE_TABLES) + len(tables),
                              sync=True, metasync=True, map_async=False, writemap=False, lock=True,
                              create=create)
        try:
            stored_hash = self._open_tables(tables, hash_name, create)
            super().__init__(stored_hash, tables)
            self._flat_db = self._dbs[FLAT]
            with self._env.begin() as txn:
                self._load_pending(txn, txn.id())
            self._check_latest_root()
            self._helper = None if helper_min_changes is None else helper.TreeHelper(
                path, self.hasher.name, node_cache_size, helper_min_changes)
        except BaseException:
            self._env.close()
            raise
        _OPEN_STORES.add(self)

    # -- opening -------------------------------------------------------

    def _open_tables(self, tables: tuple[str, ...], hash_name: str | None, create: bool) -> str:
        env = self._env
        try:
            with env.begin(write=True) as txn:
                self._dbs = {name: env.open_db(name, txn=txn, create=create) for name in STATE_TABLES}
                self._tables = {table: env.open_db(table.encode(), txn=txn, create=create) for table in tables}
                meta = self._dbs[STATE_META]
                stored_format = txn.get(b"format", db=meta)
                if stored_format is None:
                    if txn.stat(self._dbs[NODES])["entries"] or not create:
                        raise StoreFormatError(f"{self.path} holds no state format record")
                    name = hash_name or "sha3_256"
                    if name not in HASH_NAMES:
                        raise ValueError(f"unknown state hash {name!r}")
                    txn.put(b"format", FORMAT, db=meta)
                    txn.put(b"hash", name.encode(), db=meta)
                    return name
                if stored_format != FORMAT:
                    raise StoreFormatError(f"{self.path} was written in format {stored_format!r}; "
                                           f"this code reads {FORMAT!r}")
                stored_hash = txn.get(b"hash", db=meta, default=b"").decode()
                if stored_hash not in HASH_NAMES:
                    raise StoreFormatError(f"{self.path} names an unknown hash {stored_hash!r}")
                if hash_name is not None and hash_name != stored_hash:
                    raise StoreFormatError(f"{self.path} hashes with {stored_hash}, not {hash_name}")
                return stored_hash
        except lmdb.NotFoundError as error:
            raise StoreFormatError(f"{self.path} lacks a table of this store ({error})") from error
        except lmdb.IncompatibleError as error:
            raise StoreFormatError(f"{self.path} is not a state store ({error})") from error

    def _check_latest_root(self) -> None:
        with self._view() as view:
            latest = view.latest()
            if latest is None:
                return
            tree.check_root_node(view.load, self.hasher, latest, view.root_hash(latest))

    # -- reading -------------------------------------------------------

    def _usable_env(self) -> lmdb.Environment:
        if self._forked:
            raise StateError("this store was opened before a fork; open the store in the child process")
        if self._env is None:
            raise StateError("the store is closed")
        return self._env

    @contextmanager
    def _view(self) -> Iterator["_LmdbView"]:
        with self._lock:
            with self._usable_env().begin() as txn:
                yield _LmdbView(self, txn)

    def get(self, key: bytes, version: int | None = None) -> bytes | None:
        if version is not None:
            return super().get(key, version)
        if len(key) > MAX_BUCKETED_KEY:
            with self._view() as view:
                return view.flat_get(key)
        bucket = crc32(key) >> 24
        with self._lock:
            env = self._env
            if env is None or self._forked:
                env = self._usable_env()  # raises
            txn = env.begin(self._flat_db)  # positional: py-lmdb parses keyword arguments more slowly
            try:
                pending = self._pending
                snapshot = txn.id()
                if snapshot != pending.snapshot:
                    self._load_pending(txn, snapshot)
                value = pending.buckets[bucket].get(key, MISSING)
                return txn.get(BUCKET_PREFIX[bucket] + key) if value is MISSING else value
            finally:
                txn.abort()

    def _load_pending(self, txn: lmdb.Transaction, snapshot: int) -> None:
        """Bring the pending flat changes up to what `txn` (snapshot
        `snapshot`) holds: only the newer log records when they describe an
        earlier version, else everything."""
        pending, meta = self._pending, self._dbs[STATE_META]
        latest = _int_or_none(txn.get(b"latest", db=meta))
        merged = txn.get(b"flatmerged", db=meta)
        log = txn.cursor(db=self._dbs[FLATLOG])
        if pending.version is not None and latest is not None and latest > pending.version:
            newer = log.iternext() if log.set_range(_u64(pending.version + 1)) else ()
            pending.refresh(newer, merged, latest, snapshot)
        elif latest != pending.version or pending.snapshot is None:
            pending.load(log.iternext() if log.first() else (), merged, latest, snapshot)
        else:
            pending.snapshot = snapshot  # the same version (e.g. after a prune elsewhere)

    def _flat_get(self, txn: lmdb.Transaction, key: bytes) -> bytes | None:
        """The latest value of `key` as the read transaction `txn` sees it."""
        if len(key) > MAX_BUCKETED_KEY:
            return txn.get(key, db=self._dbs[FLATLONG])
        if txn.id() != self._pending.snapshot:
            self._load_pending(txn, txn.id())
        bucket = crc32(key) >> 24
        value = self._pending.buckets[bucket].get(key, MISSING)
        return txn.get(BUCKET_PREFIX[bucket] + key, db=self._dbs[FLAT]) if value is MISSING else value

    def _loader(self, txn: lmdb.Transaction):
        """`load(node_key)` returning the node's record, read through `txn`
        and checked, or served from the node cache."""
        return self._node_cache.loader(txn, self._dbs[NODES])

    # -- writing -------------------------------------------------------

    def apply(self, changes: Mapping[bytes, bytes | None], version: int,
              extra: Sequence[ExtraWrite] | Callable[[bytes], Sequence[ExtraWrite]] = ()) -> bytes:
        """Write version `version` (latest + 1, or 0 first): tree nodes, stale
        index, flat table, root and `extra` node-table writes, in one LMDB
        write transaction. Returns the new root.

        `extra` may be a function of the new root (the node's block header
        carries the root, and the block is written in the same transaction).

        While it writes, the process's automatic garbage collection waits:
        a block leaves ~3,000 young tuples (changes, records) that would set
        off 4-5 collections along the way, 1-1.5 ms of the store's time. The
        one young collection they need runs instead in the commit thread,
        beside the commit (_after_block). Nothing here makes cycles."""
        tree_changes = normalize_changes(changes, self.hasher)
        if not callable(extra):
            extra = check_extra(extra, self.tables)
        with self._lock:  # taken first: a wait for the lock is no time to hold the collector
            collecting = gc.isenabled()
            if collecting:
                gc.disable()
            try:
                (update, *_), _txn_id = self._write(
                    lambda txn: self._apply_in(txn, tree_changes, extra, version),
                    lambda result, txn_id: self._after_block(result, txn_id, collecting))
            except BaseException:
                # The block's records went into the node caches before its
                # commit: they must not outlive it.
                self._node_cache.clear()
                if self._helper is not None:
                    self._helper.aborted()
                raise
            finally:
                if collecting:
                    gc.enable()
            return update.root_hash

    def _after_block(self, result, txn_id: int, collect_young: bool) -> None:
        """What the block changes in this store's memory, run while LMDB
        commits it (see _write): the pending flat changes, and the node
        cache, which takes the records this process made in place of the
        ones they replace. Then the young collection apply() held back."""
        _update, plan, [(levels, stale_keys)] = result
        self._pending.commit(plan, txn_id)
        self._node_cache.remember(levels, stale_keys)
        if collect_young:
            gc.collect(0)

    def _apply_in(self, txn: lmdb.Transaction, tree_changes, extra: list[ExtraWrite], version: int):
        dbs = self._dbs
        if txn.id() - 1 != self._pending.snapshot:  # another process wrote since
            self._load_pending(txn, txn.id() - 1)
        latest = _int_or_none(txn.get(b"latest", db=dbs[STATE_META]))
        check_next_version(latest, version)
        plans = []

        def meanwhile() -> None:  # while the helper (if any) works
            plans.append(self._write_flat(txn, tree_changes, version))

        remembered = []

        def remember(levels, stale_keys) -> None:  # for _after_block; the tree then adds the helper's records
            remembered.append(([(depth, level[:]) for depth, level in levels if level], stale_keys))

        update = tree.apply_changes(self._loader(txn), self.hasher, latest, version, tree_changes, self._helper,
                                    meanwhile, remember)
        plan = plans[0]
        version_bytes = _u64(version)
        nodes = update.new_nodes  # sorted by node key
        _consumed, added = txn.cursor(db=dbs[NODES]).putmulti(nodes, append=True)
        if added != len(nodes):
            raise StateCorruptionError(f"version {version} would overwrite existing tree records")
        if update.stale_keys and not txn.put(version_bytes, b"".join(update.stale_keys), db=dbs[STALE],
                                             append=True):
            raise StateCorruptionError(f"stale records for version {version} already exist")
        if not txn.put(version_bytes, update.root_hash, db=dbs[ROOTS], append=True):
            raise StateCorruptionError(f"a root for version {version} already exists")
        meta = dbs[STATE_META]
        txn.put(b"latest", version_bytes, db=meta)
        if latest is None:
            txn.put(b"oldest", version_bytes, db=meta)
        if callable(extra):
            extra = check_extra(extra(update.root_hash), self.tables)
        for table, key, value in extra:
            if value is None:
                txn.delete(key, db=self._tables[table])
            else:
                txn.put(key, value, db=self._tables[table])
        return update, plan, remembered

    def _write_flat(self, txn: lmdb.Transaction, tree_changes, version: int):
        """Log the block's changes, merge this block's buckets into state.flat
        and drop the log records every bucket has merged (flat.py)."""
        dbs = self._dbs
        plan = self._pending.plan(tree_changes, version, self._pending_cap)
        if plan.log and not txn.put(_u64(version), encode_log(plan.log), db=dbs[FLATLOG], append=True):
            raise StateCorruptionError(f"a flat log record for version {version} already exists")
        for db, writes in ((dbs[FLAT], plan.writes), (dbs[FLATLONG], plan.long)):
            txn.cursor(db=db).putmulti([write for write in writes if write[1] is not None])
            for key, value in writes:
                if value is None:
                    txn.delete(key, db=db)
        log = txn.cursor(db=dbs[FLATLOG])
        floor = plan.log_floor
        while log.first() and int.from_bytes(log.key(), "big") < floor:
            log.delete()
        txn.put(b"flatmerged", encode_merged(plan.merged), db=dbs[STATE_META])
        return plan

    def _write(self, body, during_commit=None):
        """Run `body(txn)` in a write transaction and commit it; on
        MapFullError the transaction is aborted, the map grown and `body` run
        again. Returns body's result and the id of the committed transaction.

        `during_commit(result, txn_id)`, if given, runs in the store's commit
        thread while LMDB writes and syncs the transaction, which it does
        without the GIL: a block's commit waits ~3 ms on fdatasync, time in
        which neither this process nor the tree helper has anything else to
        do. It may only change this store's memory, which no other thread
        sees before this returns (every call holds the store's lock): the
        node cache and the pending flat changes. If the commit or the side
        work fails, both are dropped, and the error is raised (a failed side
        work after a good commit too: the block is then on disk)."""
        while True:
            env = self._usable_env()
            side = None
            try:
                with env.begin(write=True) as txn:
                    result = body(txn)
                    txn_id = txn.id()
                    if during_commit is not None:
                        side = self._beside_commit(during_commit, result, txn_id)
            except BaseException as error:
                if side is not None:  # the commit failed: whatever the side work did goes
                    wait((side,))
                    self._drop_memory()
                if not isinstance(error, lmdb.MapFullError):
                    raise
                self._grow_map()
                continue
            if side is not None:
                try:
                    side.result()
                except BaseException:  # the block is committed; what the side work left half done goes
                    self._drop_memory()
                    raise
            return result, txn_id

    def _drop_memory(self) -> None:
        """Forget the node cache and the pending flat changes (read again
        from the database by the next call)."""
        self._node_cache.clear()
        self._pending = FlatPending()

    def _beside_commit(self, work, *args) -> Future:
        """`work(*args)` in the commit thread; here and now when no thread
        takes work any more (the interpreter is shutting down, or the thread
        was shut down), which is as correct, only not beside the commit."""
        if self._committer is None:
            self._committer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="state-commit")
        try:
            return self._committer.submit(work, *args)
        except RuntimeError:
            done = Future()
            try:
                done.set_result(work(*args))
            except BaseException as error:
                done.set_exception(error)
            return done

    def _grow_map(self) -> None:
        """Double the map (no transaction is open here), up to max_map_size."""
        current = self._env.info()["map_size"]
        if current >= self.max_map_size:
            raise StoreFullError(f"the block does not fit in the {current}-byte map and the map may not grow")
        self._env.set_mapsize(min(2 * current, self.max_map_size))
        self.map_growths += 1

    def prune(self, keep_last: int) -> int:
        """Delete the nodes no version among the newest `keep_last` needs;
        returns how many nodes were deleted. Nothing is pruned unless asked."""
        with self._lock:
            snapshot = self._pending.snapshot
            deleted, txn_id = self._write(lambda txn: self._prune_in(txn, keep_last))
            if deleted is not None and snapshot == txn_id - 1:
                self._pending.snapshot = txn_id  # pruning leaves the flat table as it was
            return deleted or 0

    def _prune_in(self, txn: lmdb.Transaction, keep_last: int) -> int | None:
        """Nodes deleted, or None when nothing was to be pruned (nothing written)."""
        dbs = self._dbs
        meta = dbs[STATE_META]
        floor = prune_floor(_int_or_none(txn.get(b"latest", db=meta)), _int_or_none(txn.get(b"oldest", db=meta)),
                            keep_last)
        if floor is None:
            return None
        deleted = 0
        nodes = dbs[NODES]
        cursor = txn.cursor(db=dbs[STALE])
        while cursor.first() and int.from_bytes(cursor.key(), "big") <= floor:
            for node_key in split_node_keys(cursor.value()):
                if not txn.delete(node_key, db=nodes):
                    raise StateCorruptionError(f"stale node {node_key.hex()} is already gone")
                deleted += 1
            cursor.delete()
        roots = txn.cursor(db=dbs[ROOTS])
        while roots.first() and int.from_bytes(roots.key(), "big") < floor:
            roots.delete()
        txn.put(b"oldest", _u64(floor), db=meta)
        return deleted

    # -- whole-store operations ----------------------------------------

    def snapshot(self, path: str | os.PathLike) -> None:
        """A consistent, compacted copy of the whole environment in directory
        `path` (created if missing, must be empty). LMDB copies from its own
        read transaction, so other processes may go on writing; this store's
        own calls wait until the copy is done."""
        path = os.fspath(path)
        os.makedirs(path, exist_ok=True)
        if os.listdir(path):
            raise FileExistsError(f"snapshot directory {path} is not empty")
        with self._lock:
            self._usable_env().copy(path, compact=True)

    def environment_info(self) -> dict:
        """The LMDB settings this store runs with (RELIABILITY.md test 51)."""
        env = self._usable_env()
        return {**env.flags(), "map_size": env.info()["map_size"], "max_map_size": self.max_map_size}

    def close(self) -> None:
        with self._lock:
            if self._env is not None and not self._forked:
                self._env.close()
            self._env = None
            self._node_cache.clear()
            if self._helper is not None and not self._forked:
                self._helper.close()
            self._helper = None
            if self._committer is not None and not self._forked:
                self._committer.shutdown()
            self._committer = None
            _OPEN_STORES.discard(self)


class _LmdbView:
    """A read transaction seen as a StoreView."""

    __slots__ = ("store", "txn", "load")

    def __init__(self, store: StateStore, txn: lmdb.Transaction):
        self.store = store
        self.txn = txn
        self.load = store._loader(txn)

    def _meta(self, name: bytes) -> int | None:
        return _int_or_none(self.txn.get(name, db=self.store._dbs[STATE_META]))

    def latest(self) -> int | None:
        return self._meta(b"latest")

    def oldest(self) -> int | None:
        return self._meta(b"oldest")

    def flat_get(self, key: bytes) -> bytes | None:
        return self.store._flat_get(self.txn, key)

    def root_hash(self, version: int) -> bytes:
        root = self.txn.get(_u64(version), db=self.store._dbs[ROOTS])
        if root is None:
            raise StateCorruptionError(f"no root recorded for version {version}")
        return root

    def table_get(self, table: str, key: bytes) -> bytes | None:
        return self.txn.get(key, db=self.store._tables[table])

    def table_scan(self, table: str, start: bytes, end: bytes | None, limit: int | None,
                   reverse: bool) -> list[tuple[bytes, bytes]]:
        cursor = self.txn.cursor(db=self.store._tables[table])
        found: list[tuple[bytes, bytes]] = []
        if reverse:
            if end is None:
                positioned = cursor.last()
            elif cursor.set_range(end):  # on the first key >= end: step back below it
                positioned = cursor.prev()
            else:  # every key is below end
                positioned = cursor.last()
            while positioned and cursor.key() >= start:
                found.append(cursor.item())
                if limit is not None and len(found) >= limit:
                    break
                positioned = cursor.prev()
        else:
            positioned = cursor.set_range(start)
            while positioned and (end is None or cursor.key() < end):
                found.append(cursor.item())
                if limit is not None and len(found) >= limit:
                    break
                positioned = cursor.next()
        return found


def write_store(path: str, *, hash_name: str, tables: Sequence[str], nodes: Iterable[tuple[bytes, bytes]],
                stale: Iterable[tuple[int, bytes]], roots: Iterable[tuple[int, bytes]],
                flat: Iterable[tuple[bytes, bytes]], table_items: Mapping[str, Iterable[tuple[bytes, bytes]]],
                latest: int | None, oldest: int | None) -> None:
    """Create a store at the empty directory `path` holding the given records
    in one transaction (how the in-memory store writes a snapshot): `stale`
    as (stale since version, node key) in order, `flat` as (key, value), all
    of it merged into state.flat."""
    os.makedirs(path, exist_ok=True)
    if os.listdir(path):
        raise FileExistsError(f"snapshot directory {path} is not empty")
    store = open_store(path, tables=tables, hash_name=hash_name)
    try:
        def body(txn: lmdb.Transaction) -> None:
            dbs = store._dbs
            txn.cursor(db=dbs[NODES]).putmulti(sorted(nodes))
            stale_records: dict[int, list[bytes]] = {}
            for version, node_key in stale:
                stale_records.setdefault(version, []).append(node_key)
            txn.cursor(db=dbs[STALE]).putmulti(sorted((_u64(version), b"".join(keys))
                                                      for version, keys in stale_records.items()))
            txn.cursor(db=dbs[ROOTS]).putmulti(sorted((_u64(version), root) for version, root in roots))
            flat_items = list(flat)
            txn.cursor(db=dbs[FLAT]).putmulti(sorted((BUCKET_PREFIX[bucket_of(key)] + key, value)
                                                     for key, value in flat_items if len(key) <= MAX_BUCKETED_KEY))
            txn.cursor(db=dbs[FLATLONG]).putmulti(sorted((key, value) for key, value in flat_items
                                                         if len(key) > MAX_BUCKETED_KEY))
            for table, items in table_items.items():
                txn.cursor(db=store._tables[table]).putmulti(sorted(items))
            if latest is not None:
                txn.put(b"latest", _u64(latest), db=dbs[STATE_META])
                txn.put(b"oldest", _u64(oldest), db=dbs[STATE_META])
                txn.put(b"flatmerged", encode_merged([latest + 1] * BUCKETS), db=dbs[STATE_META])

        with store._lock:
            store._write(body)
    finally:
        store.close()
