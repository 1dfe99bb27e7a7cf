"""Signature checks on the worker processes: verdicts in order, batches cut
into chunks, and a pool whose worker was killed is replaced."""

from __future__ import annotations

import asyncio
import os
import signal

from node import crypto, tx
from node.verifier import SignatureChecker

KEY = crypto.Key.deterministic("verifier")


def signed(nonce: int, chain_id: int = 9) -> bytes:
    return tx.make(KEY, chain_id=chain_id, nonce=nonce, gas_limit=20_000, to=b"\x01" * 20).encode()


def forged(nonce: int) -> bytes:
    raw = bytearray(signed(nonce))
    raw[-1] ^= 1
    return bytes(raw)


def test_verdicts_come_back_in_order_across_chunks_and_a_killed_worker_is_replaced():
    batch = [signed(n) if n % 3 else forged(n) for n in range(100)] + [signed(100, chain_id=10), b"\x00"]

    async def scenario():
        checker = SignatureChecker(9, workers=2, min_chunk=8)
        await checker.start()
        try:
            first = await checker.check(batch)
            chunks = checker.batches
            for pid in list(checker._pool._processes):  # kill a worker: the next check must still answer
                os.kill(pid, signal.SIGKILL)
                break
            await asyncio.sleep(0.2)
            second = await checker.check(batch)
            return first, chunks, second
        finally:
            await checker.close()
    first, chunks, second = asyncio.run(scenario())
    names = [None if v is None else v.name for v in first]
    assert names[:100] == [None if n % 3 else "bad_signature" for n in range(100)]
    assert names[100:] == ["wrong_chain", "tx_malformed"]
    assert chunks == 2
    assert [None if v is None else v.name for v in second] == names
