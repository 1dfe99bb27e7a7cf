"""Block ordering: who decides the next block.

The node never assumes it is alone: every block goes through an
`OrderingLog`. A producer *proposes* the block for a height; every node
(including the producer) *subscribes* from a height and commits what the log
delivers, in order. `LocalLog` is the in-process implementation for a single
node; a replicated implementation (over etcd's Raft) can replace it without
touching execution or storage.

Entries are `(height, payload)`. Locally the payload is the built block
itself (no re-execution needed); a replicated log would carry the encoded
block and followers replay it with `ChainCore.replay_block`.
"""

from __future__ import annotations

import asyncio
from typing import AsyncIterator, Protocol


class OrderingLog(Protocol):
    async def propose(self, height: int, payload: object) -> bool: ...
    def subscribe(self, from_height: int) -> AsyncIterator[tuple[int, object]]: ...


class LocalLog:
    """An in-process log: proposals for the next height are accepted in order."""

    def __init__(self, next_height: int, retain: int = 64):
        self.next_height = next_height
        self.entries: dict[int, object] = {}
        self.retain = retain
        self._changed = asyncio.Condition()

    async def propose(self, height: int, payload: object) -> bool:
        async with self._changed:
            if height != self.next_height:
                return False  # someone else's block won this height
            self.entries[height] = payload
            self.next_height = height + 1
            self.entries.pop(height - self.retain, None)
            self._changed.notify_all()
            return True

    async def subscribe(self, from_height: int) -> AsyncIterator[tuple[int, object]]:
        height = from_height
        while True:
            async with self._changed:
                await self._changed.wait_for(lambda: height in self.entries or height < self.next_height - self.retain)
                if height not in self.entries:
                    raise LookupError(f"height {height} is no longer retained by the local log")
                payload = self.entries[height]
            yield height, payload
            height += 1
