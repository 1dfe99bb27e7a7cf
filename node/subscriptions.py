"""WebSocket connections: JSON-RPC calls, subscriptions, and dropping a
consumer that stops reading.

Every message to a client (responses and notifications) goes through one
bounded queue per connection, drained by one sender task. A client that stops
reading first fills the kernel's send buffer (kept small, see
`Limits.ws_send_buffer_bytes`), then the sender blocks, then the queue fills:
the connection is dropped when the queue is full or when a send has waited
longer than `Limits.ws_stall_seconds`. A slow client never holds memory or
the node's attention beyond those bounds.

Subscriptions are cursors over committed heights, not pushes from the commit
path: "newHeads" and "logs" each keep the next height they owe the client and
catch up from the store (logs out of the log index) whenever the head has
moved past it, then wait for the next block. Replay from `fromBlock` and live
delivery are the same loop, so there is no gap and no duplicate between them.
"pendingTransactions" is pushed as transactions are admitted (queue full:
dropped).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from typing import Callable

from aiohttp import web

from .api import header_object, hex0x
from .config import Limits
from .errors import LimitExceeded, Unavailable
from .rpc import CallContext, Dispatcher, dumps

log = logging.getLogger("hutong.ws")
LOG_CATCH_UP_BLOCKS = 256  # blocks read from the log index per step
MAX_IN_FLIGHT = 64  # requests of one connection being handled at once


def notification(subscription: str, result) -> dict:
    return {"jsonrpc": "2.0", "method": "hutong_subscription", "params": {"subscription": subscription,
                                                                        "result": result}}


class Connection:
    """One WebSocket client."""

    def __init__(self, service, ws: web.WebSocketResponse, request: web.Request, limits: Limits):
        self.service = service
        self.ws = ws
        self.request = request
        self.limits = limits
        self.queue: asyncio.Queue[str] = asyncio.Queue(limits.ws_queue_messages)
        self.subscriptions: dict[str, asyncio.Task | Callable] = {}
        self.dropped: str | None = None
        self._tasks: set[asyncio.Task] = set()
        self._in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)

    # --- sending ---------------------------------------------------------------------

    def send_nowait(self, message: dict) -> None:
        if self.dropped:
            return
        try:
            self.queue.put_nowait(dumps(message).decode())
        except asyncio.QueueFull:
            self.drop("its notification queue is full")

    async def send(self, message: dict) -> None:
        """Queue a message, waiting for room at most ws_stall_seconds."""
        if self.dropped:
            raise Unavailable("connection dropped")
        try:
            await asyncio.wait_for(self.queue.put(dumps(message).decode()), self.limits.ws_stall_seconds)
        except asyncio.TimeoutError:
            self.drop("it stopped reading")
            raise Unavailable("connection dropped") from None

    async def pump(self) -> None:
        """The sender task: drain the queue into the socket."""
        while True:
            message = await self.queue.get()
            try:
                await asyncio.wait_for(self.ws.send_str(message), self.limits.ws_stall_seconds)
            except asyncio.TimeoutError:
                self.drop("it stopped reading")
                return
            except ConnectionError:
                return

    def drop(self, reason: str) -> None:
        """Drop a consumer that stopped reading: abort the socket (a close
        handshake would itself wait on the stalled client)."""
        if self.dropped:
            return
        self.dropped = reason
        self.service.dropped_consumers += 1
        log.warning("dropping WebSocket client %s: %s", self.request.remote, reason)
        self.close_subscriptions()
        transport = self.request.transport
        if transport is not None:
            transport.abort()

    # --- requests ---------------------------------------------------------------------

    async def serve(self, dispatcher: Dispatcher) -> None:
        """Read messages until the client goes away; each is handled in its own
        task so a waiting call does not hold up the others."""
        pump = asyncio.create_task(self.pump())
        try:
            async for message in self.ws:
                if message.type not in (web.WSMsgType.TEXT, web.WSMsgType.BINARY):
                    break  # ERROR / CLOSE (e.g. a message over max_body_bytes: closed with 1009)
                await self._in_flight.acquire()
                task = asyncio.create_task(self._handle(dispatcher, message.data))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
        finally:
            self.close_subscriptions()
            for task in list(self._tasks):
                task.cancel()
            pump.cancel()
            await asyncio.gather(pump, *self._tasks, return_exceptions=True)

    async def _handle(self, dispatcher: Dispatcher, data: str | bytes) -> None:
        try:
            context = CallContext(self.service, self)
            response = await dispatcher.handle(data, context)
            if response is not None and not self.dropped:
                try:
                    self.queue.put_nowait(response.decode())
                except asyncio.QueueFull:
                    self.drop("its queue is full")
                    return
            for start in context.after_response:
                start()
        finally:
            self._in_flight.release()

    # --- subscriptions ------------------------------------------------------------------

    def subscribe(self, context: CallContext, kind: str, log_filter: dict, from_height: int | None) -> str:
        live = len(self.subscriptions)
        if live >= self.limits.max_subscriptions:
            raise LimitExceeded(f"a connection holds at most {self.limits.max_subscriptions} subscriptions",
                                {"limit": "max_subscriptions", "max": self.limits.max_subscriptions})
        subscription = "0x" + secrets.token_hex(8)
        if kind == "pendingTransactions":
            def listener(hashes: list[bytes]) -> None:
                for tx_hash in hashes:
                    self.send_nowait(notification(subscription, hex0x(tx_hash)))
            self.subscriptions[subscription] = listener
            context.after_response.append(lambda: self.service.pending_listeners.add(listener))
            return subscription
        if kind == "newHeads":
            body = self._heads(subscription, self.service.head.height + 1)
        else:
            start = self.service.head.height + 1 if from_height is None else from_height
            body = self._logs(subscription, start, log_filter["address"], log_filter["topics"])
        self.subscriptions[subscription] = body

        def start_task() -> None:
            if self.subscriptions.get(subscription) is body:
                self.subscriptions[subscription] = asyncio.create_task(body)
        context.after_response.append(start_task)
        return subscription

    def unsubscribe(self, subscription: str) -> bool:
        found = self.subscriptions.pop(subscription, None)
        if found is None:
            return False
        self._stop(found)
        return True

    def close_subscriptions(self) -> None:
        for found in self.subscriptions.values():
            self._stop(found)
        self.subscriptions.clear()

    def _stop(self, found) -> None:
        if isinstance(found, asyncio.Task):
            found.cancel()
        elif asyncio.iscoroutine(found):
            found.close()  # never started
        else:
            self.service.pending_listeners.discard(found)

    async def _heads(self, subscription: str, height: int) -> None:
        service = self.service
        try:
            while True:
                while height <= service.head.height:
                    block = await service.block_at(height)
                    head = header_object(block.header, block.signature)
                    head["transaction_count"] = len(block.transactions)
                    await self.send(notification(subscription, head))
                    height += 1
                await service.next_head()
        except Unavailable:
            return

    async def _logs(self, subscription: str, height: int, address: bytes | None, topics: list) -> None:
        service = self.service
        limits = self.limits
        try:
            while True:
                head = service.head.height
                if height > head:
                    await service.next_head()
                    continue
                end = min(head, height + LOG_CATCH_UP_BLOCKS - 1)
                try:
                    entries = await service.read(service.chain.logs, height, end, address, topics,
                                                 limits.max_log_results, limits.max_log_scan)
                    busy = len(entries) > limits.max_log_results
                except LimitExceeded:
                    busy = True
                if busy:  # a busy stretch: one block at a time, however many logs it holds
                    end = height
                    entries = await service.read(service.chain.logs, height, end, address, topics, 1 << 62)
                for entry in entries:
                    await self.send(notification(subscription, entry))
                height = end + 1
        except Unavailable:
            return
