"""Running, stopping and re-running a node: the operator's banner, a clean
stop on SIGTERM/SIGINT, a chain that continues on the same data directory, a
different genesis refused, and a node that follows blocks produced elsewhere
through its ordering log."""

from __future__ import annotations

import os

import asyncio
import json
import signal
import time

import pytest

from node import crypto, tx
from node.block import Block, Genesis
from node.chain import TABLES, ChainCore
from node.config import NodeConfig
from node.devkeys import dev_key
from node.ordering import LocalLog
from node.service import NodeService
from node.state import open_store

from .nodeproc import NodeProcess

PRODUCER = crypto.Key.deterministic("lifecycle-producer")
USER = crypto.Key.deterministic("lifecycle-user")


def genesis_file(path, chain_id=77, authority=PRODUCER):
    path.write_text(json.dumps({"chain_id": chain_id, "timestamp": 1_700_000_000,
                                "authorities": ["0x" + authority.public_key.hex()],
                                "balances": {crypto.to_hex(USER.address): 10**20}}))
    return path


def key_file(path, key=PRODUCER):
    path.write_text("0x" + key.seed().hex() + "\n")
    return path


def test_dev_banner_warns_that_the_keys_are_public(tmp_path):
    node = NodeProcess(tmp_path / "dev").start()
    try:
        banner = node.output()
        assert "THESE KEYS ARE PUBLIC" in banner
        assert crypto.to_hex(dev_key(0).address) in banner and "0x" + dev_key(9).seed().hex() in banner
        for url in (f"http://127.0.0.1:{node.port}/rpc", f"ws://127.0.0.1:{node.port}/ws",
                    f"http://127.0.0.1:{node.port}/"):
            assert url in banner
        assert "chain id     86" in banner
        from node.state import native  # the operator sees which state tree runs
        assert f"state tree   {native.describe()}" in banner
        node.process.send_signal(signal.SIGINT)
        assert node.process.wait(30) == 0
        assert "Stopped cleanly at height 0" in node.output()
    finally:
        node.kill()


def test_a_node_stops_cleanly_and_continues_its_chain_on_restart(tmp_path):
    genesis = genesis_file(tmp_path / "genesis.json")
    key = key_file(tmp_path / "producer.key")
    node = NodeProcess(tmp_path / "data", "--genesis", str(genesis), "--producer-key", str(key),
                       "--block-time", "0.2", dev=False).start()
    try:
        client = node.client()
        first = tx.make(USER, chain_id=77, nonce=0, gas_limit=20_000, to=PRODUCER.address, value=5)
        receipt = client.call("hutong_sendRawTransaction", "0x" + first.encode().hex(), True)
        assert receipt["status"] == "success"
        for _ in range(200):  # empty blocks follow: the node makes one every 0.2 s
            head = client.call("hutong_blockNumber")
            if head > receipt["block"] + 1:
                break
            time.sleep(0.05)
        assert head > receipt["block"] + 1
        assert node.stop() == 0 and "Stopped cleanly" in node.output()
        stopped_at = int(node.output().rsplit("Stopped cleanly at height ", 1)[1].split(".")[0])
        assert stopped_at >= head
        # Again, without --genesis: the data directory has it.
        node.args = ["--producer-key", str(key), "--block-time", "0.2"]
        node.start()
        client = node.client()
        assert client.call("hutong_blockNumber") >= stopped_at
        assert client.call("hutong_getTransactionReceipt", receipt["tx_hash"]) == receipt
        second = tx.make(USER, chain_id=77, nonce=1, gas_limit=20_000, to=PRODUCER.address, value=5)
        later = client.call("hutong_sendRawTransaction", "0x" + second.encode().hex(), True)
        assert later["status"] == "success" and later["block"] > stopped_at
        assert client.call("hutong_getBalance", crypto.to_hex(PRODUCER.address)) == 10
        assert node.stop() == 0
    finally:
        node.kill()


@pytest.mark.parametrize("case", ["other genesis", "dev on a non-dev chain", "not an authority", "no genesis"])
def test_a_node_refuses_to_start_on_the_wrong_chain_or_key(tmp_path, case):
    genesis = genesis_file(tmp_path / "genesis.json")
    key = key_file(tmp_path / "producer.key")
    first = NodeProcess(tmp_path / "data", "--genesis", str(genesis), "--producer-key", str(key), dev=False).start()
    assert first.stop() == 0
    args, dev, expected = {
        "other genesis": (["--genesis", str(genesis_file(tmp_path / "other.json", chain_id=78)),
                           "--producer-key", str(key)], False, "holds a different chain"),
        "dev on a non-dev chain": ([], True, "holds a different chain"),
        "not an authority": (["--producer-key", str(key_file(tmp_path / "stranger.key", USER))], False,
                             "not among this chain's genesis authorities"),
        "no genesis": (["--producer-key", str(key)], False, "holds no chain yet"),
    }[case]
    data = tmp_path / ("empty" if case == "no genesis" else "data")
    second = NodeProcess(data, *args, dev=dev)
    with pytest.raises(RuntimeError, match="node exited with 1"):
        second.start()
    assert expected in second.output()


def test_a_following_node_replays_blocks_from_its_log_and_stops_at_an_invalid_one(tmp_path):
    """No producer key: the node commits only what its ordering log delivers,
    here the encoded blocks of a chain built by another ChainCore."""
    genesis = Genesis(chain_id=77, authorities=(PRODUCER.public_key,), balances=((USER.address, 10**20),))
    source = ChainCore(open_store(tmp_path / "source", tables=TABLES), genesis, PRODUCER)
    blocks = []
    for nonce in range(4):
        source.admit(tx.make(USER, chain_id=77, nonce=nonce, gas_limit=20_000, to=PRODUCER.address,
                             value=nonce + 1).encode())
        blocks.append(source.commit(source.build_block(int(time.time())))[0])
    logs: list[LocalLog] = []

    def log_factory(next_height):
        logs.append(LocalLog(next_height))
        return logs[-1]

    async def follow():
        service = NodeService(NodeConfig(tmp_path / "follower", genesis=genesis, signature_workers=1), log_factory)
        await service.start()
        try:
            for block in blocks:
                assert await logs[0].propose(block.header.height, block.encode())
            await asyncio.wait_for(service.wait_for_height(len(blocks)), 30)
            roots = [service.chain.store.root(h) for h in range(len(blocks) + 1)]
            next_block = source.commit(source.build_block(int(time.time())))[0]
            forged = Block(next_block.header, b"\x01" * 64, next_block.transactions)  # not the producer's signature
            await logs[0].propose(forged.header.height, forged.encode())
            for _ in range(200):
                if not service.healthy:
                    break
                await asyncio.sleep(0.02)
            return roots, service.healthy, service.failure, service.head.height
        finally:
            await service.close()
    roots, healthy, failure, height = asyncio.run(follow())
    assert roots == [source.store.root(h) for h in range(len(blocks) + 1)]
    assert not healthy and "signature" in failure and height == len(blocks)
    source.store.close()


def test_create_app_takes_extra_routes_and_leaves_the_root_to_them(tmp_path):
    """The explorer's way in: create_app(config, extra_routes=[...]) on a real socket."""
    import aiohttp
    from aiohttp import web

    from node.devkeys import dev_genesis, dev_producer
    from node.server import SERVICE, create_app

    async def explorer(request: web.Request) -> web.Response:
        return web.Response(text=f"explorer at height {request.app[SERVICE].head.height}")

    async def scenario():
        config = NodeConfig(tmp_path / "data", genesis=dev_genesis(), producer=dev_producer(), dev=True,
                            signature_workers=1)
        runner = web.AppRunner(create_app(config, extra_routes=[web.get("/", explorer)]))
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        try:
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{port}/") as response:
                    page = await response.text()
                async with session.post(f"http://127.0.0.1:{port}/rpc",
                                        json={"jsonrpc": "2.0", "id": 1, "method": "hutong_chainId"}) as response:
                    chain_id = (await response.json())["result"]
            return page, chain_id
        finally:
            await runner.cleanup()
    assert asyncio.run(scenario()) == ("explorer at height 0", 86)


def test_producer_key_files(tmp_path):
    import click

    from node.cli.node_command import load_producer_key

    seed = tmp_path / "seed.key"
    seed.write_text("  0x" + PRODUCER.seed().hex().upper() + "\n")
    assert load_producer_key(seed).public_key == PRODUCER.public_key
    for bad in ("abc", "00" * 31, "zz" * 32):
        (tmp_path / "bad.key").write_text(bad)
        with pytest.raises(click.UsageError, match="32-byte Ed25519 seed"):
            load_producer_key(tmp_path / "bad.key")
    from node import keystore

    encrypted = keystore.save(PRODUCER, "correct horse", tmp_path / "enc.json", n=2**10)
    os.environ["HUTONG_PRODUCER_PASSWORD"] = "correct horse"
    try:
        assert load_producer_key(encrypted).public_key == PRODUCER.public_key
        os.environ["HUTONG_PRODUCER_PASSWORD"] = "wrong"
        with pytest.raises(click.UsageError, match="wrong password"):
            load_producer_key(encrypted)
        (tmp_path / "broken.json").write_text('{"crypto": ')
        with pytest.raises(click.UsageError, match="not a valid key file"):
            load_producer_key(tmp_path / "broken.json")
    finally:
        del os.environ["HUTONG_PRODUCER_PASSWORD"]
