"""The running node: ChainCore behind one writer thread, reader threads and a
signature process pool, driven by an ordering log, announcing what it commits.

Threads and processes (blocking LMDB work and CPU-heavy work never run on the
event loop thread):

  event loop         HTTP and WebSocket, JSON, decoding transactions, fan-out
  writer thread      every ChainCore write, in order: admission, building a
                     block, committing it (one LMDB write transaction), replay
  reader threads     queries and read-only execution (each LMDB read is one
                     short read transaction)
  signature workers  Ed25519 checks on a process pool (node/verifier.py)

A transaction's way in: decoded on the loop -> signature checked by a worker
(batched) -> admitted by the writer into the mempool (batched, in the order the
transactions arrived, so a sender's nonces stay in order) -> the producer
builds a block on the writer thread and *proposes* it to the ordering log ->
the follower, subscribed to the log, commits whatever the log delivers for the
next height (its own proposal, or a block from elsewhere, which it replays)
-> the commit is announced: head waiters, receipt waiters, subscriptions.

The producer never commits directly: with a replicated log the follower is
the only writer of blocks, on every node.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, TypeVar

from vm import Message

from .block import Block, Genesis, Header
from .chain import TABLES, ChainCore, PendingBlock
from .config import NodeConfig
from .errors import WRONG_CHAIN, InvalidBlock, NodeError, Timeout, Unavailable, invalid
from .ordering import LocalLog, OrderingLog
from .protocol import MAX_FUTURE_DRIFT
from .state import open_store
from .tx import Decoded, decode
from .verifier import SignatureChecker

log = logging.getLogger("hutong.node")
T = TypeVar("T")
RECENT_BLOCKS = 256


def _log_failure(future: asyncio.Future) -> None:
    """Done-callback of the node's background work: say what failed."""
    if not future.cancelled() and future.exception() is not None:
        what = future.get_name() if isinstance(future, asyncio.Task) else "starting the signature workers"
        log.error("%s failed: %r", what, future.exception())


class NodeService:
    """See the module doc. `start()` opens everything, `close()` closes it."""

    def __init__(self, config: NodeConfig, log_factory: Callable[[int], OrderingLog] | None = None):
        self.config = config
        self.limits = config.limits
        self._log_factory = log_factory or (lambda next_height: LocalLog(next_height))
        self.chain: ChainCore = None  # type: ignore[assignment]  (set by start)
        self.genesis: Genesis = None  # type: ignore[assignment]
        self.head: Header = None  # type: ignore[assignment]
        self.genesis_hash = b""
        self.log: OrderingLog = None  # type: ignore[assignment]
        self.checker: SignatureChecker | None = None
        self.failure: str | None = None  # why the node stopped following its log
        self.producer_problem: str | None = None  # why the last attempt to build a block failed (it is retried)
        self.pending_listeners: set[Callable[[list[bytes]], None]] = set()
        self.recent: OrderedDict[int, Block] = OrderedDict()
        self.committed_transactions = 0
        self.dropped_consumers = 0  # WebSocket clients dropped for not reading
        self._receipt_waiters: dict[bytes, list[asyncio.Future]] = {}
        self._intake: list[tuple[Decoded, asyncio.Future]] = []
        self._intake_scheduled = False
        self._admission_tail: asyncio.Future | None = None
        self._work = asyncio.Event()
        self._tasks: list[asyncio.Task] = []
        self._closing = False
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="hutong-writer")
        self._readers = ThreadPoolExecutor(config.reader_threads, thread_name_prefix="hutong-reader")
        self._call_slots = asyncio.Semaphore(config.limits.max_concurrent_calls)
        self._next_head: asyncio.Future | None = None
        self._warming: asyncio.Future | None = None
        # --dev only (hutong_devSetTime / hutong_devAdvanceTime): the chain's clock
        # runs this many seconds ahead of the wall clock, and the next block may
        # be pinned to an exact timestamp.
        self.clock_offset = 0
        self.next_timestamp: int | None = None

    # --- lifecycle ----------------------------------------------------------------

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._next_head = loop.create_future()
        # The workers boot (~1 s: a fresh interpreter) while the store opens;
        # the node serves before they are up (checks wait in the pool's queue).
        self.checker = SignatureChecker(None, self.config.signature_workers)
        self._warming = self.checker.start()
        self._warming.add_done_callback(_log_failure)
        self.chain = await self.write(self._open_chain)
        self.genesis = self.chain.genesis
        self.checker.chain_id = self.genesis.chain_id
        self.head = self.chain.head
        self.genesis_hash = (await self.read(self.chain.header_at, 0)).hash
        self.log = self._log_factory(self.head.height + 1)
        self._tasks.append(asyncio.create_task(self._follow(), name="hutong-follower"))
        if self.config.producer is not None:
            self._tasks.append(asyncio.create_task(self._produce(), name="hutong-producer"))
        for task in self._tasks:
            task.add_done_callback(_log_failure)

    def _open_chain(self) -> ChainCore:
        """On the writer thread: open the store and the chain (writes genesis once)."""
        config = self.config
        config.store_path.mkdir(parents=True, exist_ok=True)
        genesis = config.genesis
        store = open_store(config.store_path, tables=TABLES, hash_name=genesis.state_hash if genesis else None)
        try:
            stored = store.read("meta", b"genesis")
            if genesis is None:
                if stored is None:
                    raise NodeError(f"{config.data_dir} holds no chain yet: give a genesis file (--genesis) "
                                    "or run a development chain (--dev)")
                genesis = Genesis.from_json(stored)
            elif stored is not None and stored != genesis.to_json().encode():
                other = Genesis.from_json(stored)
                raise NodeError(f"{config.data_dir} holds a different chain (chain id {other.chain_id}, genesis "
                                f"0x{other.hash.hex()[:16]}…) than the genesis given (chain id {genesis.chain_id}, "
                                f"genesis 0x{genesis.hash.hex()[:16]}…); use another --data-dir")
            producer = config.producer
            if producer is not None and genesis.authorities and producer.public_key not in genesis.authorities:
                raise NodeError(f"the producer key (public key 0x{producer.public_key.hex()}) is not among this "
                                "chain's genesis authorities")
            return ChainCore(store, genesis, producer, config.mempool)
        except BaseException:
            store.close()
            raise

    async def close(self) -> None:
        """Stop producing and following, let a commit in progress finish, close
        the store and the workers."""
        if self._closing:
            return
        self._closing = True
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        stopping = Unavailable("the node is shutting down")
        for waiters in self._receipt_waiters.values():
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_exception(stopping)
        self._receipt_waiters.clear()
        for _, future in self._intake:
            if not future.done():
                future.set_exception(stopping)
        if self.checker is not None:
            await self.checker.close()
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, functools.partial(self._writer.shutdown, wait=True))
        await loop.run_in_executor(None, functools.partial(self._readers.shutdown, wait=True, cancel_futures=True))
        if self.chain is not None:
            await loop.run_in_executor(None, self.chain.store.close)

    @property
    def healthy(self) -> bool:
        return (not self._closing and self.failure is None and self.producer_problem is None
                and all(not t.done() for t in self._tasks))

    @property
    def problem(self) -> str | None:
        """What is wrong, for health: the follower stopped, or building blocks fails."""
        return self.failure or self.producer_problem

    # --- threads --------------------------------------------------------------------

    async def write(self, fn: Callable[..., T], *args) -> T:
        """Run `fn` on the writer thread (ChainCore writes happen there only)."""
        return await asyncio.get_running_loop().run_in_executor(self._writer, fn, *args)

    async def read(self, fn: Callable[..., T], *args) -> T:
        """Run a query on a reader thread."""
        if self._closing:
            raise Unavailable("the node is shutting down")
        return await asyncio.get_running_loop().run_in_executor(self._readers, fn, *args)

    async def dry_run(self, message: Message, height: int | None, metadata: dict | None = None):
        """Read-only execution under the gas cap and the time limit. At most
        `max_concurrent_calls` run at once; a slot is held until its thread is
        done, even when the caller has already been told it timed out."""
        limits = self.limits
        loop = asyncio.get_running_loop()

        async def run():
            await self._call_slots.acquire()
            try:
                future = loop.run_in_executor(self._readers, self.chain.dry_run, message, limits.call_gas_cap,
                                              height, metadata)
            except BaseException:
                self._call_slots.release()
                raise
            future.add_done_callback(lambda _: self._call_slots.release())
            return await asyncio.shield(future)
        try:
            return await asyncio.wait_for(run(), limits.call_time_limit)
        except asyncio.TimeoutError:
            raise Timeout(f"the call ran past its {limits.call_time_limit} s limit",
                          {"limit": "call_time_limit", "max": limits.call_time_limit}) from None

    # --- transactions in ----------------------------------------------------------------

    async def submit(self, raw: bytes) -> Decoded:
        """Admit one raw transaction or raise InvalidTransaction (see the module doc)."""
        if self._closing:
            raise Unavailable("the node is shutting down")
        decoded = decode(raw)
        if decoded.tx.chain_id != self.genesis.chain_id:
            raise invalid(WRONG_CHAIN, f"transaction is for chain {decoded.tx.chain_id}, "
                                       f"this is chain {self.genesis.chain_id}")
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._intake.append((decoded, future))
        if not self._intake_scheduled:
            self._intake_scheduled = True
            loop.call_soon(self._flush_intake)
        return await future

    def _flush_intake(self) -> None:
        self._intake_scheduled = False
        batch, self._intake = self._intake, []
        if not batch:
            return
        enqueued = asyncio.get_running_loop().create_future()
        previous, self._admission_tail = self._admission_tail, enqueued
        asyncio.ensure_future(self._admit_batch(batch, previous, enqueued))

    async def _admit_batch(self, batch: list[tuple[Decoded, asyncio.Future]], previous: asyncio.Future | None,
                           enqueued: asyncio.Future) -> None:
        """Signatures on the workers, then admission on the writer, after the
        batch before this one was handed to the writer (arrival order)."""
        try:
            try:
                verdicts: list = await self.checker.check([d.raw for d, _ in batch])
            except Unavailable as error:
                verdicts = [error] * len(batch)
            if previous is not None:
                await previous
            passing = []
            for (decoded, future), verdict in zip(batch, verdicts):
                if verdict is None:
                    passing.append((decoded, future))
                elif not future.done():
                    future.set_exception(verdict)
            admission = asyncio.get_running_loop().run_in_executor(
                self._writer, self.chain.admit_many, [d for d, _ in passing])
        except (asyncio.CancelledError, RuntimeError):  # shutting down: none of this batch reaches the writer
            for _, future in batch:
                if not future.done():
                    future.set_exception(Unavailable("the node is shutting down"))
            raise
        finally:
            if not enqueued.done():
                enqueued.set_result(None)
        results = await admission
        admitted = []
        for (decoded, future), result in zip(passing, results):
            if isinstance(result, NodeError):
                if not future.done():
                    future.set_exception(result)
            else:
                admitted.append(decoded.hash)
                if not future.done():
                    future.set_result(decoded)
        if admitted:
            for listener in list(self.pending_listeners):
                listener(admitted)
            self._work.set()

    def receipt_waiter(self, tx_hash: bytes) -> asyncio.Future:
        """A future set to the transaction's receipt record when its block commits."""
        future = asyncio.get_running_loop().create_future()
        self._receipt_waiters.setdefault(tx_hash, []).append(future)
        return future

    def drop_waiter(self, tx_hash: bytes, future: asyncio.Future) -> None:
        waiters = self._receipt_waiters.get(tx_hash)
        if waiters and future in waiters:
            waiters.remove(future)
            if not waiters:
                del self._receipt_waiters[tx_hash]

    # --- blocks ------------------------------------------------------------------------

    async def _produce(self) -> None:
        """Dev mode: a block as soon as transactions are ready. Otherwise a block
        every `block_time` seconds, never more than MAX_FUTURE_DRIFT ahead of the
        clock (a --dev chain, like anvil, may run ahead when it makes several
        blocks a second: timestamps are whole seconds and must increase)."""
        loop = asyncio.get_running_loop()
        next_tick = loop.time()
        while True:
            if self.config.dev:
                await self._work.wait()
                self._work.clear()
            else:
                next_tick = max(next_tick + self.config.block_time, loop.time())
                await asyncio.sleep(next_tick - loop.time())
                if self.head.timestamp + 1 > int(time.time()) + MAX_FUTURE_DRIFT:
                    continue
            try:
                await self._produce_one()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the producer's boundary: report, wait, retry
                if self.failure is not None:
                    return  # the follower stopped: no block can commit any more
                self.producer_problem = f"building a block failed: {type(error).__name__}: {error}"
                log.error("%s; retrying in 1 s", self.producer_problem, exc_info=error)
                await asyncio.sleep(1)
                self._work.set()
                continue
            self.producer_problem = None

    async def _produce_one(self) -> None:
        """Build one block and propose it; wait until it is committed."""
        pending = await self.write(self.chain.build_block, self._block_timestamp())
        if self.config.dev and not pending.outcome.included:
            return
        height = pending.header_fields["height"]
        if await self.log.propose(height, pending):
            await self.wait_for_height(height)
        if self.config.dev and len(self.chain.mempool):
            self._work.set()  # more may be ready (the block was full)

    def now(self) -> int:
        """The chain's clock: the wall clock, moved by the dev time methods."""
        return int(time.time()) + self.clock_offset

    def _block_timestamp(self) -> int:
        if self.next_timestamp is not None:
            timestamp, self.next_timestamp = self.next_timestamp, None
            return timestamp
        return self.now()

    def set_time(self, timestamp: int) -> int:
        """--dev: the next block has exactly `timestamp`; the clock runs on from there."""
        self.clock_offset = timestamp - int(time.time())
        self.next_timestamp = timestamp
        return timestamp

    async def _follow(self) -> None:
        """Commit what the ordering log delivers, height by height."""
        try:
            async for height, payload in self.log.subscribe(self.head.height + 1):
                if isinstance(payload, PendingBlock):
                    block, receipts = await self.write(self.chain.commit, payload)
                else:
                    block, receipts = await self._replay(payload)
                self._announce(block, receipts)
        except InvalidBlock as error:
            self._stop_following(f"the ordering log delivered an invalid block: {error.message}")
        except Exception as error:  # the follower's boundary: a store that cannot write, or a bug
            log.exception("committing a block failed")
            self._stop_following(f"committing a block failed: {type(error).__name__}: {error}")

    def _stop_following(self, reason: str) -> None:
        """The node cannot go on with its chain: health says so, waiters are told."""
        self.failure = reason
        log.error("%s; this node stops following its log", reason)
        if self._next_head is not None and not self._next_head.done():
            self._next_head.set_exception(Unavailable(reason))
            self._next_head.exception()  # retrieved here; waiters get it through next_head()

    async def _replay(self, payload: Any) -> tuple[Block, list[dict]]:
        """A block from elsewhere: its transactions' signatures on the workers,
        then the checks and re-execution of ChainCore.replay_block."""
        if isinstance(payload, Block):
            block = payload
        else:
            try:
                block = Block.decode(bytes(payload))
            except (ValueError, TypeError) as error:
                raise InvalidBlock(f"undecodable block: {error}") from None
        refusals = await self.checker.check(list(block.transactions))
        for index, refusal in enumerate(refusals):
            if refusal is not None:
                raise InvalidBlock(f"transaction {index}: {refusal.message}")
        return await self.write(functools.partial(self.chain.replay_block, block, signatures_checked=True))

    def _announce(self, block: Block, receipts: list[dict]) -> None:
        header = block.header
        self.head = header
        self.recent[header.height] = block
        while len(self.recent) > RECENT_BLOCKS:
            self.recent.popitem(last=False)
        self.committed_transactions += len(receipts)
        for record in receipts:
            for waiter in self._receipt_waiters.pop(bytes.fromhex(record["tx_hash"][2:]), ()):
                if not waiter.done():
                    waiter.set_result(record)
        announced, self._next_head = self._next_head, asyncio.get_running_loop().create_future()
        if announced is not None and not announced.done():
            announced.set_result(header)

    async def next_head(self) -> Header:
        """Wait for the next committed block."""
        if self._closing or self.failure:
            raise Unavailable(self.failure or "the node is shutting down")
        return await asyncio.shield(self._next_head)

    async def wait_for_height(self, height: int) -> None:
        while self.head.height < height:
            await self.next_head()

    async def block_at(self, height: int) -> Block | None:
        block = self.recent.get(height)
        if block is None and height <= self.head.height:
            block = await self.read(self.chain.block_at, height)
        return block
