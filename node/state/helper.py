"""A second process that updates part of the tree, so a large block's tree
work runs on two cores.

An update's time goes to the tree (hashing and record splicing in the
interpreter, ~75% at 10^6 keys), and the root's 16 subtrees are independent:
each child of the root is updated from the changes below it alone, and the
root is then rebuilt from the children's new hashes. For a block of at least
`MIN_CHANGES` changes the store hands the changes below the root's top
children to the helper, updates the rest itself, and combines both at the
root (`tree.apply_changes(helper=...)`). The result is byte for byte what one
process computes: the helper runs the same code on the same records, and its
records and stale keys are merged in the order a single process writes them.

The helper is a plain subprocess (`python -c`, so no parent module is
re-imported, and no LMDB environment crosses a fork). It opens the store's
environment read-only and reads each job's previous version in one short
read transaction; the block's one write transaction stays in the store. It
keeps its own node cache (cache.py). Like the store, it caches a block's
records before the block commits, and empties its cache when the store says
the block aborted (its records were never written). It exits when its pipe
closes, so a store killed with SIGKILL leaves no helper behind.

Failures never change a result: if the helper cannot start, dies, or answers
anything but a result, the store updates those subtrees itself and stops
using the helper. A StateCorruptionError the helper meets is raised in the
store like one met there. An answer the store never asked for (its own part
failed first) is read and dropped before the next job.

Sharing. The changes fall into runs, one per root nibble. The store takes
runs from the first up and the helper from the last down, one at a time
(`claim`: a byte per run in a shared memory file, under a file lock), until
they meet: whoever is faster, or less slowed by the machine, takes more,
with nothing to predict. Before its first run the store writes the block's
flat-table changes, while the helper works (it caches its own records later,
beside the block's commit). The helper sends each run as soon as it is done
(pickled, through that file), so the store reads the first ones while the
helper works on its last.
"""

from __future__ import annotations

import fcntl
import gc
import marshal
import mmap
import os
import pickle
import signal
import subprocess
import sys
import time
from multiprocessing.connection import Connection

import lmdb

import node
from node.state import tree
from node.state.cache import NodeCache
from node.state.errors import StateError
from node.state.hashing import tree_hasher

MIN_CHANGES = 256          # smaller blocks are updated in one process: a job's messages and pickling would outweigh its work
GC_EVERY = 64              # jobs between the helper's garbage collections
_STARTUP_SECONDS = 30.0
SHARED_BYTES = 1 << 30      # the job and answer area (sparse); what does not fit goes through the pipe


class TreeHelper:
    """The store's side of the helper process. Not thread-safe: the store
    calls it under its lock."""

    def __init__(self, path: str, hash_name: str, cache_size: int, min_changes: int = MIN_CHANGES):
        self.path = os.path.abspath(path)
        self.hash_name = hash_name
        self.cache_size = cache_size
        self.min_changes = min_changes
        self.jobs = 0
        self.runs_here = 0    # runs of shared jobs updated in the store
        self.runs_helper = 0  # and in the helper
        self._in_flight = False  # a job was sent and its answer not read
        self._process: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self._ready = False
        self._broken = False
        self._started_at = 0.0
        self._shared: _Shared | None = None

    # -- lifecycle -----------------------------------------------------

    def available(self, count: int) -> bool:
        """Whether a batch of `count` changes goes to the helper. The first
        large batch starts the helper and is updated in one process; the
        helper serves from the next one on, once it has said it is ready."""
        if self._broken or count < self.min_changes:
            return False
        if self._process is None:
            self._start()
            return False
        if not self._ready:
            try:
                if self._conn.poll() and self._conn.recv() == ("ready",):
                    self._ready = True
                elif time.monotonic() - self._started_at > _STARTUP_SECONDS:
                    self._fail()
            except (EOFError, OSError):
                self._fail()
        return self._ready

    def wait_ready(self, timeout: float = _STARTUP_SECONDS) -> bool:
        """Start the helper if it has not started, and wait until it serves
        (or has failed): whether it is ready."""
        if self._process is None and not self._broken:
            self._start()
        deadline = time.monotonic() + timeout
        while not (self._ready or self._broken) and time.monotonic() < deadline:
            if self._conn is not None and self._conn.poll(0.05):
                self.available(self.min_changes)
        return self._ready

    @property
    def pid(self) -> int | None:
        """The helper's process id while it runs."""
        return None if self._process is None else self._process.pid

    @property
    def broken(self) -> bool:
        """Whether the helper failed and is no longer used."""
        return self._broken

    def _start(self) -> None:
        shared_fd = _shared_memory()
        if shared_fd < 0:  # no memory file to claim runs in: the store works alone
            self._broken = True
            return
        child_reads, to_child = os.pipe()
        from_child, child_writes = os.pipe()
        root = os.path.dirname(os.path.dirname(os.path.abspath(node.__file__)))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (root, env.get("PYTHONPATH"))))
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", "from node.state.helper import serve; serve()", str(child_reads),
                 str(child_writes), str(shared_fd), self.path, self.hash_name, str(self.cache_size)],
                pass_fds=(child_reads, child_writes, shared_fd), env=env, stdin=subprocess.DEVNULL, close_fds=True,
                cwd=root)  # `-c` puts the working directory first on sys.path: import this very package
            self._shared = _Shared(shared_fd, STORE)
        except OSError:
            os.close(to_child)
            os.close(from_child)
            if self._shared is None:
                os.close(shared_fd)
            self._broken = True
            return
        finally:
            os.close(child_reads)
            os.close(child_writes)
        self._conn = _Duplex(from_child, to_child)
        self._started_at = time.monotonic()

    def _fail(self) -> None:
        """Stop using the helper (it died or misbehaved)."""
        self._broken = True
        self.close()

    def close(self) -> None:
        conn, process = self._conn, self._process
        self._conn = self._process = None
        self._ready = False
        if conn is not None:
            conn.close()
        if self._shared is not None:
            self._shared.close()
            self._shared = None
        if process is not None:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    # -- jobs ----------------------------------------------------------

    def submit(self, previous_version: int, version: int, changes: list) -> bool:
        """Send a job, the update below the root of `changes`; False when the
        helper is gone (the caller does the work)."""
        if not self._drain():
            return False
        self._shared.reset_claims()
        job = (previous_version, version, changes)
        try:
            # Both ends are this interpreter, so marshal will do. Format 2
            # records no shared references: the ~3,000 bytes objects are also
            # held by the store's own lists, and pickle (or marshal's later
            # formats) would memoize each of them. 0.11 ms a 1,000-change
            # job here, against 0.44 for pickle and 0.32 for marshal format 4.
            data, kind = marshal.dumps(job, 2), "job"
        except ValueError:  # an int subclass for a version, say
            data, kind = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL), "job-pickle"
        try:
            if self._shared.write(_JOB, data):  # a pipe would take it in 64 KiB turns
                self._conn.send((kind, len(data)))
            else:
                self._conn.send(("job-data", job))
        except (OSError, ValueError):
            self._fail()
            return False
        self._in_flight = True
        return True

    def _drain(self) -> bool:
        """Read and drop the answer to a job whose update failed in the store
        before it asked for the answer (so that the next job's answer is not
        mistaken for it). False when the helper is gone."""
        if not self._in_flight:
            return True
        self._in_flight = False
        try:
            while self._conn.recv()[0] not in ("done", "error"):
                pass
            return True
        except (EOFError, OSError):
            self._fail()
            return False

    def claim(self, index: int) -> bool:
        """Take the job's run `index` for the store: whether the helper had
        not taken it. The store claims from the first run up; refused, it has
        met the helper, which claims from the last down."""
        if not self._shared.claim(index):
            return False
        self.runs_here += 1
        return True

    def result(self):
        """The runs the helper updated for the job in flight, in run order,
        or None when it is gone: (run index, changed children, stale keys,
        records as (depth, records) pairs) each (tree.update_subtrees). The
        helper sends each run as soon as it is done, so the ones done first
        are read while it works on its last."""
        self._in_flight = False
        runs = []
        try:
            while True:
                message = self._conn.recv()
                if message[0] == "run":
                    runs.append(self._shared.read(message[1], message[2]))
                elif message[0] == "run-data":
                    runs.append(message[1])
                elif message[0] == "done":
                    break
                elif message[0] == "error":
                    raise message[1]
                else:
                    self._fail()
                    return None
        except (EOFError, OSError):
            self._fail()
            return None
        self.jobs += 1
        self.runs_helper += len(runs)
        runs.reverse()  # the helper works from the last run down
        return runs

    def aborted(self) -> None:
        """Tell the helper that a block did not commit: the records it cached
        for it (if any) must go."""
        if self._conn is None or not self._ready or not self._drain():
            return
        try:
            self._conn.send(("abort",))
        except (OSError, ValueError):
            self._fail()


STORE, HELPER = 1, 2  # who took a run
_CLAIMS = 16          # bytes: who took each of the job's runs (at most 16, one per root nibble)
_JOB = 64             # where the job starts, followed by the answer


class _Shared:
    """The memory file both processes map: the job's run claims, then the
    helper's answer. A claim is taken under a lock on the claims' bytes
    (fcntl.lockf), so a run goes to exactly one side."""

    def __init__(self, fd: int, side: int):
        self.fd = fd
        self.side = side
        self.memory = mmap.mmap(fd, SHARED_BYTES)

    def reset_claims(self) -> None:
        self.memory[:_CLAIMS] = bytes(_CLAIMS)

    def claim(self, index: int) -> bool:
        fcntl.lockf(self.fd, fcntl.LOCK_EX, _CLAIMS, 0)
        try:
            if self.memory[index]:
                return False
            self.memory[index] = self.side
            return True
        finally:
            fcntl.lockf(self.fd, fcntl.LOCK_UN, _CLAIMS, 0)

    def write(self, offset: int, data: bytes) -> bool:
        if offset + len(data) > SHARED_BYTES:
            return False
        self.memory[offset:offset + len(data)] = data
        return True

    def read(self, offset: int, size: int, loads=pickle.loads):
        return loads(memoryview(self.memory)[offset:offset + size])

    def close(self) -> None:
        self.memory.close()
        os.close(self.fd)


def _shared_memory() -> int:
    """A memory file both processes map, for the claims, the job and the
    helper's answers (-1 when the platform has none)."""
    try:
        fd = os.memfd_create("hutong-tree-helper")
    except (AttributeError, OSError):
        return -1
    try:
        os.ftruncate(fd, SHARED_BYTES)  # sparse: pages exist once written
    except OSError:
        os.close(fd)
        return -1
    return fd


class _Duplex(Connection):
    """A multiprocessing Connection over two pipe ends (read, write)."""

    def __init__(self, read_fd: int, write_fd: int):
        super().__init__(read_fd, readable=True, writable=False)
        self._writer = Connection(write_fd, readable=False, writable=True)

    def send(self, obj) -> None:
        self._writer.send(obj)

    def close(self) -> None:
        self._writer.close()
        super().close()


# -- the helper process -----------------------------------------------------

def serve() -> None:
    """The helper's main loop (`python -c ...` with argv: read fd, write fd,
    shared memory fd or -1, store path, hash name, cache size)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the store decides when it ends: its pipe closes
    # An update makes no reference cycles, but its many short-lived tuples
    # trigger collections that walk the whole cache (a third of the time):
    # collect every GC_EVERY jobs instead.
    gc.disable()
    read_fd, write_fd, shared_fd, path, hash_name, cache_size = sys.argv[1:7]
    conn = _Duplex(int(read_fd), int(write_fd))
    try:
        _Server(path, hash_name, int(cache_size), _Shared(int(shared_fd), HELPER)).run(conn)
    except (EOFError, OSError, KeyboardInterrupt):  # the store closed the pipe, or died
        pass
    except Exception as error:  # a bug: say so and exit; the store does the work itself
        print(f"hutong tree helper stopped: {error!r}", file=sys.stderr)


class _Server:
    def __init__(self, path: str, hash_name: str, cache_size: int, shared: _Shared):
        from node.state.lmdb_store import NODES, STATE_TABLES  # lmdb_store imports this module

        self.env = lmdb.open(path, readonly=True, subdir=True, lock=True, max_dbs=len(STATE_TABLES) + 64)
        self.nodes = self.env.open_db(NODES, create=False)
        self.hasher = tree_hasher(hash_name)
        self.cache = NodeCache(cache_size)
        self.shared = shared

    def run(self, conn: Connection) -> None:
        conn.send(("ready",))
        jobs = 0
        while True:
            message = conn.recv()
            if message[0] == "abort":
                self.cache.clear()
                continue
            if message[0] in ("job", "job-pickle"):
                previous_version, version, changes = self.shared.read(
                    _JOB, message[1], marshal.loads if message[0] == "job" else pickle.loads)
                offset = _JOB + message[1]
            else:
                previous_version, version, changes = message[1]
                offset = _JOB
            runs = []

            def publish(run: tuple) -> None:
                nonlocal offset
                runs.append(run)
                data = pickle.dumps(run, protocol=pickle.HIGHEST_PROTOCOL)
                if self.shared.write(offset, data):
                    conn.send(("run", offset, len(data)))
                    offset += len(data)
                else:
                    conn.send(("run-data", run))

            try:
                self.job(previous_version, version, changes, publish)
            except StateError as error:
                conn.send(("error", error))
                continue
            conn.send(("done",))
            # Cached before the block commits, while the store finishes it; an
            # "abort" empties the cache if it does not.
            self.cache.remember([pair for run in runs for pair in run[3]],
                                [key for run in runs for key in run[2]])
            jobs += 1
            if jobs % GC_EVERY == 0:
                gc.collect()

    def job(self, previous_version: int, version: int, changes: list, publish) -> None:
        try:
            txn = self.env.begin(buffers=False)
        except lmdb.MapResizedError:
            self.env.set_mapsize(0)  # the store grew the map: adopt its size
            txn = self.env.begin(buffers=False)
        with txn:
            tree.update_subtrees(self.cache.loader(txn, self.nodes), self.hasher, previous_version, version, changes,
                                 self.shared.claim, publish)
