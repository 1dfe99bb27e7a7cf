"""Signature checks on a process pool, off the event loop and the writer thread.

Verifying an Ed25519 signature costs ~100 us of CPU with the GIL held (plus the
strict key and point checks of node/crypto.py), more than admitting and
executing a token transfer. So the node runs `tx.check_static` (chain id,
scheme, public key, signature) in worker processes, one per core.

Batching. `check(raws)` takes a batch (the node hands it everything submitted
in one turn of its event loop) and cuts it into one chunk per worker, but no
chunk under `min_chunk` transactions, where the round trip would cost more
than the work. A JSON-RPC batch of 500 transactions costs a few inter-process
messages, not 500.

Workers start with the `forkserver` method: they fork from a small server
process started from a fresh interpreter, never from the node, which holds an
LMDB environment that must not cross a fork. A pool that breaks (a worker
killed) is replaced, and the checks that were in flight are retried once.

A node killed with SIGKILL cannot shut its pool down, and a worker waiting on
its queue would wait forever (holding the forkserver alive with it): each
worker watches the node's process and exits within a second of its end.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .errors import InvalidTransaction, Unavailable
from .tx import check_static, decode

Refusal = tuple[int, str, str]  # (code, name, message) of an InvalidTransaction


def check_chunk(chain_id: int, raws: list[bytes]) -> list[Refusal | None]:
    """Runs in a worker: None for each transaction that passes, else why not."""
    verdicts: list[Refusal | None] = []
    for raw in raws:
        try:
            check_static(decode(raw), chain_id)
        except InvalidTransaction as refusal:
            verdicts.append((refusal.code, refusal.name, refusal.message))
        else:
            verdicts.append(None)
    return verdicts


def _ready() -> bool:
    return True


def _started(pid: int) -> str | None:
    """The start time of process `pid` (field 22 of /proc/PID/stat: tells a
    reused pid apart), "Z" for a zombie, None when there is no such process."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return None
    except OSError:  # no /proc: only whether the pid exists
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return "?"
    return "Z" if fields[0] == "Z" else fields[19]


def _watch_node(node_pid: int) -> None:
    """Worker initializer: exit when the node process is gone."""
    born = _started(node_pid)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            now = _started(node_pid)
            if now is None or now == "Z" or now != born:
                os._exit(0)
    threading.Thread(target=watch, name="hutong-node-watch", daemon=True).start()


class SignatureChecker:
    """`await check(raws)` -> [None or the InvalidTransaction]; see the module doc."""

    def __init__(self, chain_id: int | None, workers: int, min_chunk: int = 32):
        self.chain_id = chain_id  # may be set after start(), before the first check
        self.workers = max(1, workers)
        self.min_chunk = min_chunk
        self._pool: ProcessPoolExecutor | None = None
        self._booted: asyncio.Future | None = None
        self._closed = False
        self.batches = 0  # chunks sent to workers (for status and tests)

    def start(self) -> "asyncio.Future":
        """Start the workers on a helper thread (starting a forkserver blocks
        until it has imported its modules); the future is done when each worker
        has answered once. Checks handed in meanwhile wait for it."""
        loop = asyncio.get_running_loop()
        self._booted = loop.run_in_executor(None, self._boot)
        return self._booted

    def _boot(self) -> None:
        pool = self._new_pool()
        for ready in [pool.submit(_ready) for _ in range(self.workers)]:
            ready.result()
        self._pool = pool

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["node.tx"])
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_watch_node,
                                   initargs=(os.getpid(),))

    async def close(self) -> None:
        if self._booted is not None:
            await asyncio.gather(self._booted, return_exceptions=True)
        self._closed = True
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.get_running_loop().run_in_executor(
                None, functools.partial(pool.shutdown, wait=True, cancel_futures=True))

    async def check(self, raws: list[bytes]) -> list[InvalidTransaction | None]:
        """Check a batch: None for each transaction that passes, else its
        refusal. Raises Unavailable when the workers cannot be reached."""
        if self._closed:
            raise Unavailable("the node is shutting down")
        if not raws:
            return []
        size = max(self.min_chunk, -(-len(raws) // self.workers))
        chunks = await asyncio.gather(*(self._run_chunk(raws[start:start + size])
                                        for start in range(0, len(raws), size)))
        return [None if verdict is None else InvalidTransaction(*verdict) for chunk in chunks for verdict in chunk]

    async def _run_chunk(self, raws: list[bytes]) -> list[Refusal | None]:
        loop = asyncio.get_running_loop()
        try:
            if self._booted is not None:
                await asyncio.shield(self._booted)
        except (OSError, RuntimeError, BrokenProcessPool) as error:
            raise Unavailable(f"signature workers could not start: {error}") from None
        for attempt in (1, 2):
            pool = self._pool
            if pool is None or self._closed:
                raise Unavailable("the node is shutting down")
            try:
                self.batches += 1
                return await loop.run_in_executor(pool, check_chunk, self.chain_id, raws)
            except BrokenProcessPool:
                if attempt == 2:
                    raise Unavailable("signature workers keep failing") from None
                if self._pool is pool:  # the first to notice replaces it
                    self._pool = self._new_pool()
                    pool.shutdown(wait=False)
        raise AssertionError("unreachable")
