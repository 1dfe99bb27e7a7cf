"""Block production survives what goes wrong while building a block: a
transaction whose execution or receipt fails unexpectedly is dropped (the
block goes on without it), and a failure of the block as a whole is reported
in health and retried. An in-process NodeService (its real writer thread,
store and signature workers) with a fault injected into execution."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from node import chain as chain_module
from node import execution
from node import tx
from node.api import health_object
from node.config import NodeConfig
from node.devkeys import dev_genesis, dev_key, dev_producer
from node.service import NodeService
from vm import Log

CHAIN_ID = 86
POISON = b"\x66" * 20  # transactions to this address fail unexpectedly (the injected fault)
FINE = b"\x11" * 20


def signed(key, nonce, to):
    return tx.make(key, chain_id=CHAIN_ID, nonce=nonce, gas_limit=50_000, to=to).encode()


def run_service(tmp_path, scenario):
    async def main():
        config = NodeConfig(tmp_path / "data", genesis=dev_genesis(), producer=dev_producer(), dev=True,
                            signature_workers=1)
        service = NodeService(config)
        await service.start()
        try:
            return await asyncio.wait_for(scenario(service), 60)
        finally:
            await service.close()
    return asyncio.run(main())


async def committed(service, raw: bytes) -> dict:
    waiter = service.receipt_waiter(tx.transaction_hash(raw))
    await service.submit(raw)
    return await waiter


@pytest.mark.parametrize("fault", ["raises", "unencodable_receipt"])
def test_a_transaction_that_fails_unexpectedly_is_dropped_and_production_goes_on(tmp_path, monkeypatch, fault):
    real = execution.execute_transaction

    def faulty(state, context, decoded, metadata_out=None):
        receipt = real(state, context, decoded, metadata_out)
        if decoded.tx.to == POISON:
            if fault == "raises":
                raise RuntimeError("injected fault")
            # More logs than a receipt can encode (the VM does not limit them yet).
            logs = tuple(Log(POISON, (), b"") for _ in range(1100))
            return dataclasses.replace(receipt, logs=logs)
        return receipt
    monkeypatch.setattr(execution, "execute_transaction", faulty)
    alice, bob = dev_key(0), dev_key(1)
    poison = signed(alice, 0, POISON)

    async def scenario(service):
        await service.submit(poison)
        first = await committed(service, signed(bob, 0, FINE))
        assert tx.transaction_hash(poison) not in service.chain.mempool
        assert await service.read(service.chain.receipt, tx.transaction_hash(poison)) is None
        # Still producing, and alice's nonce 0 is free again.
        second = await committed(service, signed(alice, 0, FINE))
        third = await committed(service, signed(bob, 1, FINE))
        return first, second, third, health_object(service)
    first, second, third, health = run_service(tmp_path, scenario)
    assert [r["status"] for r in (first, second, third)] == ["success"] * 3
    assert third["block"] > first["block"]
    assert health["ok"] is True and "problem" not in health


def test_a_block_that_fails_as_a_whole_is_reported_in_health_and_retried(tmp_path, monkeypatch):
    broken = {"on": True}
    real_root = chain_module.receipts_root

    def receipts_root(receipts):
        if broken["on"] and receipts:
            raise RuntimeError("injected block failure")
        return real_root(receipts)
    monkeypatch.setattr(chain_module, "receipts_root", receipts_root)
    raw = signed(dev_key(2), 0, FINE)

    async def scenario(service):
        waiter = service.receipt_waiter(tx.transaction_hash(raw))
        await service.submit(raw)
        while service.problem is None:
            await asyncio.sleep(0.05)
        during = health_object(service)
        broken["on"] = False
        receipt = await waiter
        while service.problem is not None:
            await asyncio.sleep(0.05)
        return during, receipt, health_object(service)
    during, receipt, after = run_service(tmp_path, scenario)
    assert during["ok"] is False and "injected block failure" in during["problem"]
    assert receipt["status"] == "success"
    assert after["ok"] is True and "problem" not in after
