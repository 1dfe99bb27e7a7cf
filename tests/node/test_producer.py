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


def test_a_receipt_whose_output_and_logs_together_pass_one_mebibyte_is_committed(tmp_path, monkeypatch):
    """Output and log data are each within the VM's bounds; together they pass the
    1 MiB that caps one ENCODE. The receipt still encodes, is committed and reads back."""
    real = execution.execute_transaction
    big = b"\x42" * 20

    def large(state, context, decoded, metadata_out=None):
        receipt = real(state, context, decoded, metadata_out)
        if decoded.tx.to == big:
            logs = (Log(big, (), b"\x01" * 400_000), Log(big, (), b"\x02" * 400_000))
            return dataclasses.replace(receipt, output=b"\x03" * 700_000, logs=logs)
        return receipt
    monkeypatch.setattr(execution, "execute_transaction", large)

    async def scenario(service):
        receipt = await committed(service, signed(dev_key(0), 0, big))
        return receipt, health_object(service)
    receipt, health = run_service(tmp_path, scenario)
    assert receipt["status"] == "success" and health["ok"] is True
    assert len(receipt["output"]) == 2 + 2 * 700_000
    assert [len(log["data"]) for log in receipt["logs"]] == [2 + 2 * 400_000] * 2


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


def test_decoding_deployments_and_full_blocks_runs_on_reader_threads(tmp_path, monkeypatch):
    """hutong_estimateGas of a deployment inflates and parses its metadata, and
    hutong_getBlockByNumber(full=true) decodes every transaction: neither on the
    event loop's thread."""
    import threading

    from node import api
    from node.rpc import CallContext

    from .contracts import token_artifacts, token_metadata
    threads = {}

    def spy(name, fn):
        def wrapper(*args, **kwargs):
            threads.setdefault(name, threading.current_thread().name)
            return fn(*args, **kwargs)
        monkeypatch.setattr(api, name, wrapper)
    spy("split_deployment", api.split_deployment)
    spy("block_object", api.block_object)
    data = tx.deployment_data(token_artifacts().container.serialize(), b"\x00" * 32, token_metadata())

    async def scenario(service):
        ctx = CallContext(service)
        receipt = await committed(service, signed(dev_key(3), 0, FINE))
        await REGISTRY_CALL(ctx, "hutong_estimateGas", [{"data": "0x" + data.hex()}])
        block = await REGISTRY_CALL(ctx, "hutong_getBlockByNumber", [receipt["block"], True])
        assert block["transactions"][0]["hash"] == receipt["tx_hash"]
    run_service(tmp_path, scenario)
    assert set(threads) == {"split_deployment", "block_object"}
    assert all(name.startswith("hutong-reader") for name in threads.values()), threads


async def REGISTRY_CALL(ctx, method, params):
    from node.api import REGISTRY
    handler = REGISTRY.methods[method]
    try:
        return await handler.handler(ctx, **handler.decode_params(params))
    except Exception as error:
        if getattr(error, "name", None) == "execution_failed":
            return None  # the constructor's own outcome does not matter here
        raise
