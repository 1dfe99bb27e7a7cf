"""End to end against a real `hutong node --dev` process on a real socket with
a temporary LMDB directory: deploy the token, transfer, call, estimate, logs,
proofs checked independently of the node, WebSocket subscriptions, the API
description, and a restart that continues the chain."""

from __future__ import annotations

import asyncio
import hashlib
import json

import aiohttp
import pytest

from compiler.layout import encode_key, variable_id
from compiler.types import ADDRESS
from node import crypto, tx
from node.api import REGISTRY
from node.devkeys import dev_key
from node.state import verify_proof
from vm import decode, encode
from vm.state import ACCOUNT_PREFIX, STORAGE_PREFIX, Account

from .contracts import balance_call_data, deploy_token, token_metadata, transfer, transfer_data
from .nodeproc import NodeProcess, RpcFailure

CHAIN_ID = 86
ALICE, BOB, CAROL = dev_key(0), dev_key(1), dev_key(2)


def hexed(raw: bytes) -> str:
    return "0x" + raw.hex()


def send(client, signed: tx.Transaction, wait: bool = True):
    return client.call("hutong_sendRawTransaction", hexed(signed.encode()), wait)


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    process = NodeProcess(tmp_path_factory.mktemp("api") / "data").start()
    yield process
    process.kill()


@pytest.fixture(scope="module")
def deployed(node):
    """The token deployed by ALICE (supply 1,000,000) and one transfer to BOB."""
    client = node.client()
    receipt = send(client, deploy_token(ALICE, chain_id=CHAIN_ID, nonce=0, supply=1_000_000))
    assert receipt["status"] == "success", receipt
    token = crypto.parse_address(receipt["created"])
    moved = send(client, transfer(ALICE, token, BOB.address, 300, chain_id=CHAIN_ID, nonce=1))
    assert moved["status"] == "success"
    return client, token, receipt, moved


def test_status_health_and_chain_id(node):
    client = node.client()
    status = client.call("hutong_status")
    assert status["chain_id"] == CHAIN_ID == client.call("hutong_chainId")
    assert status["dev"] is True and set(status) >= {"genesis_hash", "head", "mempool", "version"}
    assert client.call("hutong_health")["ok"] is True
    code, body = client.get("/health")
    assert code == 200 and json.loads(body)["ok"] is True


def test_deploy_send_and_receipts(deployed):
    client, token, receipt, moved = deployed
    assert receipt["logs"][0]["address"] == hexed(token)
    contract = client.call("hutong_getContract", hexed(token))
    assert contract["name"] == "Token" and contract["abi"] == token_metadata()["abi"]
    assert client.call("hutong_getCode", hexed(token), "latest").startswith("0x") and \
        len(client.call("hutong_getCode", hexed(token))) > 10
    assert client.call("hutong_getCode", hexed(BOB.address)) == "0x"
    found = client.call("hutong_getTransaction", moved["tx_hash"])
    assert (found["block"], found["index"], found["nonce"]) == (moved["block"], 0, 1)
    assert found["from"] == hexed(ALICE.address) and found["to"] == hexed(token)
    assert client.call("hutong_getTransactionReceipt", moved["tx_hash"]) == moved
    assert client.call("hutong_getTransaction", "0x" + "00" * 32) is None
    assert client.call("hutong_getTransactionReceipt", "0x" + "00" * 32) is None


def test_a_revert_is_explained_with_its_source_line(deployed):
    client, token, _, _ = deployed
    nonce = client.call("hutong_getNonce", hexed(BOB.address), "pending")
    receipt = send(client, transfer(BOB, token, CAROL.address, 10**9, chain_id=CHAIN_ID, nonce=nonce))
    failure = receipt["failure"]
    assert receipt["status"] == "revert" and failure["error"]["name"] == "InsufficientBalance"
    assert failure["error"]["args"] == {"needed": 10**9, "available": 300}
    assert (failure["location"]["file"], failure["location"]["line"]) == ("token.ht", 28)
    out_of_gas = send(client, transfer(BOB, token, CAROL.address, 1, chain_id=CHAIN_ID, nonce=nonce + 1,
                                       gas_limit=10_800))
    assert out_of_gas["status"] == "out_of_gas" and out_of_gas["failure"]["error"]["name"] == "OutOfGas"


def test_call_and_estimate_gas(deployed):
    client, token, _, _ = deployed
    result = client.call("hutong_call", {"to": hexed(token), "data": hexed(balance_call_data(BOB.address))})
    assert result["status"] == "success" and decode("(u256)", bytes.fromhex(result["output"][2:])) == [300]
    at_deploy = client.call("hutong_call", {"to": hexed(token), "data": hexed(balance_call_data(BOB.address))},
                            1)
    assert decode("(u256)", bytes.fromhex(at_deploy["output"][2:])) == [0]
    estimate = client.call("hutong_estimateGas", {"from": hexed(ALICE.address), "to": hexed(token),
                                                  "data": hexed(transfer_data(CAROL.address, 7))})
    nonce = client.call("hutong_getNonce", hexed(ALICE.address), "pending")
    receipt = send(client, transfer(ALICE, token, CAROL.address, 7, chain_id=CHAIN_ID, nonce=nonce,
                                    gas_limit=estimate))
    assert receipt["status"] == "success" and receipt["gas_used"] == estimate
    with pytest.raises(RpcFailure) as refused:
        client.call("hutong_estimateGas", {"from": hexed(CAROL.address), "to": hexed(token),
                                           "data": hexed(transfer_data(BOB.address, 10**6))})
    assert refused.value.name == "execution_failed" and refused.value.data["location"]["line"] == 28
    assert "InsufficientBalance" in refused.value.error["message"]
    deploy = deploy_token(ALICE, chain_id=CHAIN_ID, nonce=0, supply=5)
    assert client.call("hutong_estimateGas", {"from": hexed(ALICE.address), "data": hexed(deploy.data)}) > 10_000


def test_blocks_by_number_and_hash(deployed):
    client, _, receipt, moved = deployed
    block = client.call("hutong_getBlockByNumber", moved["block"])
    assert block["transactions"] == [moved["tx_hash"]] and block["hash"] == moved["block_hash"]
    full = client.call("hutong_getBlockByHash", moved["block_hash"], True)
    assert full["transactions"][0]["hash"] == moved["tx_hash"] and full["transactions"][0]["block"] == block["height"]
    assert client.call("hutong_getBlockByNumber", "latest")["height"] == client.call("hutong_blockNumber")
    assert client.call("hutong_getBlockByNumber", 10**9) is None
    assert client.call("hutong_getBlockByHash", "0x" + "00" * 32) is None
    assert client.call("hutong_getBlockByNumber", "earliest")["parent"] == "0x" + "00" * 32


def test_balances_nonces_and_storage(deployed):
    client, token, receipt, _ = deployed
    assert client.call("hutong_getBalance", hexed(ALICE.address)) == 10**24
    assert client.call("hutong_getBalance", hexed(crypto.Key.deterministic("nobody").address)) == 0
    assert client.call("hutong_getNonce", hexed(ALICE.address), 0) == 0
    assert client.call("hutong_getNonce", hexed(ALICE.address), receipt["block"]) == 1
    path = variable_id("balance_of") + encode_key(ADDRESS, BOB.address)
    assert client.call("hutong_getStorage", hexed(token), hexed(path), "latest") == hexed((300).to_bytes(2, "big"))
    assert client.call("hutong_getStorage", hexed(token), hexed(path), receipt["block"]) is None
    with pytest.raises(RpcFailure) as ahead:
        client.call("hutong_getBalance", hexed(ALICE.address), 10**6)
    assert ahead.value.name == "unknown_block"


def test_proofs_verify_independently_of_the_node(deployed):
    client, token, _, _ = deployed
    path = variable_id("balance_of") + encode_key(ADDRESS, BOB.address)
    keys = [ACCOUNT_PREFIX + ALICE.address, STORAGE_PREFIX + token + path,
            ACCOUNT_PREFIX + crypto.Key.deterministic("absent").address]
    for height in ("latest", 1):
        for key in keys:
            proof = client.call("hutong_getProof", hexed(key), height)
            header = proof["header"]
            block = client.call("hutong_getBlockByNumber", proof["height"])
            # The header: its encoding hashes to the block hash the chain reports, and carries the root.
            encoded = bytes.fromhex(header["encoded"][2:])
            assert hashlib.sha3_256(encoded).digest().hex() == block["hash"][2:] == header["hash"][2:]
            root = bytes.fromhex(header["state_root"][2:])
            value = None if proof["value"] is None else bytes.fromhex(proof["value"][2:])
            raw_proof = bytes.fromhex(proof["proof"][2:])
            assert verify_proof(root, key, value, raw_proof, proof["hash_name"])
            assert not verify_proof(root, key, (value or b"") + b"\x01", raw_proof, proof["hash_name"])
    alice = client.call("hutong_getProof", hexed(keys[0]))
    assert Account.decode(bytes.fromhex(alice["value"][2:])).balance == 10**24
    assert client.call("hutong_getProof", hexed(keys[2]))["value"] is None


def test_logs_filters_and_caps(deployed):
    client, token, receipt, moved = deployed
    everything = client.call("hutong_getLogs", {"fromBlock": 0})
    assert [e["tx_hash"] for e in everything][:2] == [receipt["tx_hash"], moved["tx_hash"]]
    assert client.call("hutong_getLogs", {"address": hexed(token), "fromBlock": 0}) == everything
    receiver = "0x" + bytes(12).hex() + BOB.address.hex()
    to_bob = client.call("hutong_getLogs", {"fromBlock": 0, "topics": [None, None, receiver]})
    assert [e["tx_hash"] for e in to_bob] == [moved["tx_hash"]]
    assert client.call("hutong_getLogs", {"fromBlock": moved["block"], "toBlock": moved["block"]}) == to_bob
    assert client.call("hutong_getLogs", {"fromBlock": 10**6, "toBlock": 10**6 + 5}) == []
    assert client.call("hutong_getLogs") == client.call("hutong_getLogs", {"fromBlock": "latest"})
    with pytest.raises(RpcFailure) as backwards:
        client.call("hutong_getLogs", {"fromBlock": 2, "toBlock": 1})
    assert backwards.value.code == -32602


def test_api_description_is_served_and_complete(node):
    client = node.client()
    described = client.call("rpc.discover")
    code, body = client.get("/openrpc.json")
    assert code == 200 and json.loads(body) == described
    assert [m["name"] for m in described["methods"]] == list(REGISTRY.methods)
    for name in ["hutong_chainId", "hutong_blockNumber", "hutong_status", "hutong_health",
                 "hutong_sendRawTransaction", "hutong_getTransaction", "hutong_getTransactionReceipt",
                 "hutong_getBlockByNumber", "hutong_getBlockByHash", "hutong_getBalance", "hutong_getNonce",
                 "hutong_getCode", "hutong_getStorage", "hutong_getContract", "hutong_call", "hutong_estimateGas",
                 "hutong_getProof", "hutong_getLogs", "hutong_subscribe", "hutong_unsubscribe", "rpc.discover"]:
        assert name in REGISTRY.methods
    code, page = client.get("/")
    assert code == 200 and b"Hutong explorer" in page  # the explorer serves /


async def ws_call(ws, request_id: int, method: str, *params):
    await ws.send_str(json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": list(params)}))


async def collect(ws, wanted: int, timeout: float = 30.0) -> list[dict]:
    out = []
    while len(out) < wanted:
        message = await asyncio.wait_for(ws.receive(), timeout)
        assert message.type == aiohttp.WSMsgType.TEXT, message
        out.append(json.loads(message.data))
    return out


def test_websocket_subscriptions_replay_then_go_live_without_gaps(deployed, node):
    client, token, receipt, _ = deployed
    past = client.call("hutong_getLogs", {"address": hexed(token), "fromBlock": 0})

    async def scenario():
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"http://{node.host}:{node.port}/ws") as ws:
                await ws_call(ws, 1, "hutong_subscribe", "logs", {"address": hexed(token)},
                              {"fromBlock": receipt["block"]})
                await ws_call(ws, 2, "hutong_subscribe", "newHeads")
                await ws_call(ws, 3, "hutong_subscribe", "pendingTransactions")
                await ws_call(ws, 4, "hutong_blockNumber")
                first = await collect(ws, 4 + len(past))
                responses = {m["id"]: m for m in first if "id" in m}
                assert set(responses) == {1, 2, 3, 4}
                subscriptions = {responses[i]["result"]: i for i in (1, 2, 3)}
                replayed = [m["params"]["result"] for m in first if "method" in m]
                assert replayed == past  # the replay, in order, nothing else yet
                nonce = client.call("hutong_getNonce", hexed(ALICE.address), "pending")
                sent = [transfer(ALICE, token, CAROL.address, 1 + i, chain_id=CHAIN_ID, nonce=nonce + i)
                        for i in range(3)]
                for signed in sent:
                    send(client, signed, wait=False)
                live, heads, pending = [], [], []
                while len(live) < 3 or len(pending) < 3:
                    message = (await collect(ws, 1))[0]
                    kind = subscriptions[message["params"]["subscription"]]
                    {1: live, 2: heads, 3: pending}[kind].append(message["params"]["result"])
                assert pending == [hexed(s.hash) for s in sent]
                assert [e["tx_hash"] for e in live] == [hexed(s.hash) for s in sent]
                assert all(h["transaction_count"] >= 1 for h in heads)
                for unsubscribed in subscriptions:
                    await ws_call(ws, 9, "hutong_unsubscribe", unsubscribed)
                    reply = await collect(ws, 1)
                    while "id" not in reply[0]:
                        reply = await collect(ws, 1)
                    assert reply[0]["result"] is True
                await ws_call(ws, 10, "hutong_unsubscribe", next(iter(subscriptions)))
                reply = await collect(ws, 1)
                assert reply[0]["result"] is False
        return live
    live = asyncio.run(scenario())
    everything = client.call("hutong_getLogs", {"address": hexed(token), "fromBlock": receipt["block"]})
    assert everything[:len(past) + 3] == past + live  # replay + live = the index: no gap, no duplicate


def test_websocket_limits_and_http_only_rules(node):
    client = node.client()
    with pytest.raises(RpcFailure) as http_only:
        client.call("hutong_subscribe", "newHeads")
    assert http_only.value.code == -32601

    async def scenario():
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"http://{node.host}:{node.port}/ws") as ws:
                for i in range(65):
                    await ws_call(ws, i, "hutong_subscribe", "newHeads")
                replies = await collect(ws, 65)
                errors = [r for r in replies if "error" in r]
                assert len(errors) == 1 and errors[0]["error"]["data"]["name"] == "limit_exceeded"
                await ws_call(ws, 100, "hutong_subscribe", "newHeads", {"address": "0x" + "00" * 20})
                reply = await collect(ws, 1)
                assert reply[0]["error"]["code"] == -32602
    asyncio.run(scenario())


def test_send_and_wait_times_out_with_the_hash(node):
    client = node.client()
    nonce = client.call("hutong_getNonce", hexed(CAROL.address), "pending")
    gapped = tx.make(CAROL, chain_id=CHAIN_ID, nonce=nonce + 1, gas_limit=20_000, to=BOB.address)
    with pytest.raises(RpcFailure) as waited:
        client.call("hutong_sendRawTransaction", hexed(gapped.encode()), True, 0.3)
    assert waited.value.name == "timeout" and waited.value.data["tx_hash"] == hexed(gapped.hash)
    assert client.call("hutong_getTransaction", hexed(gapped.hash))["block"] is None  # still pending
    filler = tx.make(CAROL, chain_id=CHAIN_ID, nonce=nonce, gas_limit=20_000, to=BOB.address)
    assert send(client, filler)["status"] == "success"
    for _ in range(100):
        if client.call("hutong_getTransactionReceipt", hexed(gapped.hash)):
            break
        asyncio.run(asyncio.sleep(0.05))
    assert client.call("hutong_getTransactionReceipt", hexed(gapped.hash))["status"] == "success"


def test_a_result_that_cannot_be_encoded_is_an_internal_error_not_a_failed_response():
    from node.config import Limits
    from node.rpc import CallContext, Dispatcher, Registry

    registry = Registry("test")

    @registry.method("broken", doc="returns bytes, which JSON cannot carry", result={})
    async def broken(ctx):
        return b"\x00"

    @registry.method("fine", doc="returns 1", result={})
    async def fine(ctx):
        return 1

    dispatcher = Dispatcher(registry, Limits())
    body = json.dumps([{"jsonrpc": "2.0", "id": 1, "method": "broken"}, {"jsonrpc": "2.0", "id": 2, "method": "fine"},
                       {"jsonrpc": "1.0", "method": "fine"}])
    answer = json.loads(asyncio.run(dispatcher.handle(body, CallContext(None))))
    assert answer[0]["error"]["code"] == -32603 and answer[1]["result"] == 1
    assert answer[2]["error"]["code"] == -32600 and answer[2]["id"] is None


def test_dev_time_methods_pin_the_next_block_timestamp(node):
    from node.sdk import Client

    sdk = Client(f"http://{node.host}:{node.port}/rpc")
    head = sdk.timestamp()
    target = head + 365 * 86_400
    assert sdk.set_time(target) == target
    receipt = send(node.client(), transfer(ALICE, b"\x07" * 20, CAROL.address, 0, chain_id=CHAIN_ID,
                                           nonce=sdk.get_nonce("0x" + ALICE.address.hex(), "pending")))
    block = node.client().call("hutong_getBlockByNumber", receipt["block"], False)
    assert block["timestamp"] == target
    assert sdk.time_travel(59) == target + 59
    with pytest.raises(Exception) as info:
        sdk.set_time(target)  # not after the head
    assert "must exceed" in str(info.value)


def test_dev_time_methods_do_not_exist_outside_dev_mode():
    from node.api import dev_set_time
    from node.rpc import CallContext, RpcError

    class Service:
        class config:
            dev = False
    with pytest.raises(RpcError) as info:
        asyncio.run(dev_set_time(CallContext(Service()), 10**10))
    assert info.value.code == -32601


def test_deployment_metadata_of_the_wrong_shape_is_refused_and_changes_nothing(deployed, node):
    from .contracts import token_artifacts
    client = deployed[0]
    nonce = client.call("hutong_getNonce", hexed(CAROL.address), "pending")
    data = tx.deployment_data(token_artifacts().container.serialize(), encode("(u256)", [1000]),
                              {"name": "Evil", "source_map": 5})
    evil = tx.make(CAROL, chain_id=CHAIN_ID, nonce=nonce, gas_limit=3_000_000, data=data)
    with pytest.raises(RpcFailure) as info:
        send(client, evil)
    assert (info.value.code, info.value.name) == (-32014, "bad_deployment") and "source_map" in str(info.value)
    with pytest.raises(RpcFailure) as info:
        client.call("hutong_estimateGas", {"data": hexed(data)})
    assert info.value.code == -32014
    assert client.call("hutong_getNonce", hexed(CAROL.address), "pending") == nonce
    moved = send(client, tx.make(CAROL, chain_id=CHAIN_ID, nonce=nonce, gas_limit=50_000, to=b"\x07" * 20))
    assert moved["status"] == "success" and client.call("hutong_health")["ok"] is True


def test_an_optional_parameter_given_as_null_takes_its_default(deployed):
    client, token, _, _ = deployed
    latest = client.call("hutong_getBalance", hexed(ALICE.address))
    status, body = client.post(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "hutong_getBalance",
                                           "params": {"address": hexed(ALICE.address), "height": None}}).encode())
    assert status == 200 and json.loads(body)["result"] == latest
    assert client.call("hutong_getBalance", hexed(ALICE.address), None) == latest
    with pytest.raises(RpcFailure) as info:
        client.call("hutong_getBalance", None)  # a required one is still required
    assert info.value.code == -32602


def test_dev_time_cannot_move_past_year_9999(node):
    from node.api import MAX_DEV_TIMESTAMP
    client = node.client()
    for method, value in (("hutong_devAdvanceTime", 2**64 - 1), ("hutong_devSetTime", 2**64),
                          ("hutong_devSetTime", MAX_DEV_TIMESTAMP + 1),
                          ("hutong_devAdvanceTime", MAX_DEV_TIMESTAMP)):
        with pytest.raises(RpcFailure) as info:
            client.call(method, value)
        assert info.value.code == -32602, (method, value)
    nonce = client.call("hutong_getNonce", hexed(BOB.address), "pending")
    receipt = send(client, tx.make(BOB, chain_id=CHAIN_ID, nonce=nonce, gas_limit=50_000, to=b"\x07" * 20))
    assert receipt["status"] == "success" and client.call("hutong_health")["ok"] is True
    assert client.call("hutong_getBlockByNumber", receipt["block"])["timestamp"] <= MAX_DEV_TIMESTAMP
