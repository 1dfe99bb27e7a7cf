"""Bad input against real node processes (RELIABILITY.md section E): malformed
and oversized requests, wrong types, unknown methods, deep nesting, bad
transactions of every kind, floods, and fuzzing of /rpc, /ws and the raw
socket. Each gets its error, never a 5xx; nothing changes (head and state
root); the node stays up. Every request sent is counted (badinput.TALLY)."""

from __future__ import annotations

import asyncio
import json
import random
import socket
import time

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from node import crypto, tx
from node.api import REGISTRY
from node.devkeys import dev_key
from node.tx import MAX_TX_BYTES

from .badinput import TALLY
from .contracts import deploy_token, transfer
from .nodeproc import NodeProcess

CHAIN_ID = 86
ALICE, BOB = dev_key(0), dev_key(1)
LIMITS = ["--limit", "max_batch=50", "--limit", "max_body_bytes=300000", "--limit", "max_log_range=2", "--limit", "max_log_results=1",
          "--limit", "call_time_limit=0.2", "--limit", "max_subscriptions=4"]
SPIN_SOURCE = '''#@ version 0.1
@external
@view
def spin(n: uint256) -> uint256:
    total: uint256 = 0
    for i: uint256 in range(n, bound=100000000):
        total += i
    return total
'''


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    process = NodeProcess(tmp_path_factory.mktemp("bad") / "data", *LIMITS).start()
    yield process
    alive = process.alive
    process.kill()
    if not alive:
        TALLY.crashes += 1


def head_of(client) -> tuple:
    head = client.call("hutong_status")["head"]
    return head["height"], head["state_root"]


def post_bad(client, body: bytes, expect_code: int | None = None, expect_status=(200,)) -> dict | list | None:
    """Send one bad request; it must get a JSON-RPC answer (never a 5xx)."""
    TALLY.requests += 1
    status, data = client.post(body)
    if status >= 500:
        TALLY.server_errors += 1
    assert status in expect_status, (status, data[:300])
    if status == 204:
        return None
    response = json.loads(data)
    if expect_code is not None:
        assert response["error"]["code"] == expect_code, response
    return response


def rpc(method, *params, request_id=1) -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": list(params)}).encode()


MALFORMED = [
    (b"", -32700), (b"{", -32700), (b"\xff\xfe\x00", -32700), (b"[1,2", -32700), (b"nul", -32700),
    (b'{"jsonrpc":"2.0","id":1,"method":"hutong_chainId","params":NaN}', -32700),
    (b'{"jsonrpc":"2.0","id":1,"method":"hutong_getBalance","params":[1e999999]}', -32602),
    (b"[" * 100_000 + b"]" * 100_000, -32700),
    (b'{"a":' * 20_000 + b"1" + b"}" * 20_000, -32700),
    (b'{"jsonrpc":"2.0","id":1,"method":"hutong_getBalance","params":[' + b"9" * 5000 + b"]}", -32700),
    (b"[]", -32600), (b"1", -32600), (b'"x"', -32600), (b"null", -32600),
    (b'{"jsonrpc":"1.0","id":1,"method":"hutong_chainId"}', -32600),
    (b'{"id":1,"method":"hutong_chainId"}', -32600),
    (b'{"jsonrpc":"2.0","id":1,"method":7}', -32600),
    (b'{"jsonrpc":"2.0","id":[1],"method":"hutong_chainId"}', -32600),
    (b'{"jsonrpc":"2.0","id":1,"method":"hutong_chainId","params":"x"}', -32600),
    (rpc("eth_blockNumber"), -32601), (rpc("hutong_nope"), -32601), (rpc("x" * 10_000), -32601),
    (rpc("hutong_subscribe", "newHeads"), -32601),  # WebSocket only
]
WRONG_PARAMS = [
    ("hutong_getBalance", [123]), ("hutong_getBalance", ["0x1234"]), ("hutong_getBalance", ["0x" + "zz" * 20]),
    ("hutong_getBalance", ["0x" + "00 " * 20]), ("hutong_getBalance", ["0x" + "00" * 20, "soon"]),
    ("hutong_getBalance", ["0x" + "00" * 20, -1]), ("hutong_getBalance", ["0x" + "00" * 20, True]),
    ("hutong_getBalance", ["0x" + "00" * 20, "latest", 3]), ("hutong_getBalance", []),
    ("hutong_getBlockByNumber", ["pending"]), ("hutong_getBlockByNumber", [1.5]),
    ("hutong_getBlockByNumber", [1, "yes"]), ("hutong_getBlockByHash", ["0x00"]),
    ("hutong_getTransaction", [None]), ("hutong_getTransactionReceipt", [{"hash": 1}]),
    ("hutong_getNonce", ["0x" + "00" * 20, "later"]), ("hutong_getStorage", ["0x" + "00" * 20, "0x0"]),
    ("hutong_getProof", ["0x"]), ("hutong_getProof", ["0x" + "00" * 600]),
    ("hutong_sendRawTransaction", [7]), ("hutong_sendRawTransaction", ["0x00", "true"]),
    ("hutong_sendRawTransaction", ["0x00", True, -1]), ("hutong_sendRawTransaction", ["0x00", True, 1e9]),
    ("hutong_call", [{"data": "0x"}]), ("hutong_call", [{"to": "0x" + "00" * 20}]),
    ("hutong_call", [{"to": "0x" + "00" * 20, "data": "0x", "gas": 0}]),
    ("hutong_call", [{"to": "0x" + "00" * 20, "data": "0x", "extra": 1}]), ("hutong_call", ["0x"]),
    ("hutong_estimateGas", [{"to": "0x" + "00" * 20}]), ("hutong_estimateGas", [{"data": "0x", "value": -5}]),
    ("hutong_getLogs", [{"topics": [[1]]}]), ("hutong_getLogs", [{"topics": [None] * 5}]),
    ("hutong_getLogs", [{"topics": [["0x" + "00" * 32] * 17]}]), ("hutong_getLogs", [{"fromBlock": "x"}]),
    ("hutong_getLogs", [{"fromBlock": 5, "toBlock": 1}]), ("hutong_getLogs", [[]]),
]


def test_malformed_requests_get_protocol_errors_and_change_nothing(node):
    client = node.client()
    before = head_of(client)
    for body, code in MALFORMED:
        post_bad(client, body, code)
    for method, params in WRONG_PARAMS:
        response = post_bad(client, rpc(method, *params))
        assert "error" in response and response["error"]["code"] in (-32602, -32600), (method, params, response)
        assert response["error"]["data"]["name"] in ("invalid_params", "invalid_request")
    named = post_bad(client, json.dumps({"jsonrpc": "2.0", "id": 1, "method": "hutong_getBalance",
                                         "params": {"adress": "0x" + "00" * 20}}).encode(), -32602)
    assert "adress" in named["error"]["message"]
    assert post_bad(client, b'{"jsonrpc":"2.0","method":"hutong_nope"}', expect_status=(204,)) is None
    mixed = post_bad(client, json.dumps([json.loads(rpc("hutong_chainId")), 5,
                                         {"jsonrpc": "2.0", "method": "hutong_chainId"}]).encode())
    assert mixed[0]["result"] == CHAIN_ID and mixed[1]["error"]["code"] == -32600 and len(mixed) == 2
    assert head_of(client) == before and node.alive


def test_limits_fail_with_one_clear_error(node):
    client = node.client()
    for _ in range(2):  # a chain of at least 3 blocks, for the log range
        nonce = client.call("hutong_getNonce", "0x" + BOB.address.hex(), "pending")
        client.call("hutong_sendRawTransaction", "0x" + tx.make(BOB, chain_id=CHAIN_ID, nonce=nonce, gas_limit=20_000,
                                                                to=ALICE.address).encode().hex(), True)
    before = head_of(client)
    too_big = post_bad(client, rpc("hutong_sendRawTransaction", "0x" + "00" * 200_000), expect_status=(413,))
    assert too_big["error"]["data"] == {"name": "limit_exceeded", "limit": "max_body_bytes", "max": 300_000}
    batch = post_bad(client, json.dumps([json.loads(rpc("hutong_chainId", request_id=i)) for i in range(51)]).encode())
    assert batch["error"]["data"]["name"] == "limit_exceeded" and batch["error"]["data"]["max"] == 50
    span = post_bad(client, rpc("hutong_getLogs", {"fromBlock": 0, "toBlock": 10_000}))
    assert span["error"]["data"] == {"name": "limit_exceeded", "limit": "max_log_range", "max": 2}
    nonce = client.call("hutong_getNonce", "0x" + BOB.address.hex(), "pending")
    token = client.call("hutong_sendRawTransaction", "0x" + deploy_token(BOB, chain_id=CHAIN_ID, nonce=nonce,
                                                                         supply=10).encode().hex(), True)
    client.call("hutong_sendRawTransaction", "0x" + transfer(BOB, crypto.parse_address(token["created"]),
                                                             ALICE.address, 1, chain_id=CHAIN_ID,
                                                             nonce=nonce + 1).encode().hex(), True)
    before = head_of(client)
    results = post_bad(client, rpc("hutong_getLogs", {"fromBlock": before[0] - 1}))  # two logs, one allowed
    assert results["error"]["data"] == {"name": "limit_exceeded", "limit": "max_log_results", "max": 1}
    waits = post_bad(client, rpc("hutong_sendRawTransaction", "0x00", True, 10_000))
    assert waits["error"]["data"]["name"] == "limit_exceeded"
    assert head_of(client) == before


def test_a_runaway_call_times_out_and_the_node_keeps_answering(node):
    import compiler
    from vm import encode, selector

    client = node.client()
    artifacts = compiler.compile(SPIN_SOURCE, "spin.ht")
    nonce = client.call("hutong_getNonce", "0x" + BOB.address.hex(), "pending")
    deploy = tx.make(BOB, chain_id=CHAIN_ID, nonce=nonce, gas_limit=3_000_000,
                     data=tx.deployment_data(artifacts.container.serialize()))
    spin = client.call("hutong_sendRawTransaction", "0x" + deploy.encode().hex(), True)["created"]
    before = head_of(client)
    data = "0x" + (selector("spin(u256)") + encode("(u256)", [10**8])).hex()
    for _ in range(3):
        slow = post_bad(client, rpc("hutong_call", {"to": spin, "data": data}))
        assert slow["error"]["data"]["name"] == "timeout"
        assert client.call("hutong_blockNumber") == before[0]
    # The runaway calls hold their slots until their gas cap ends them; then a short call goes through.
    short = {"to": spin, "data": "0x" + (selector("spin(u256)") + encode("(u256)", [10])).hex()}
    for _ in range(200):
        answer = post_bad(client, rpc("hutong_call", short))
        if "result" in answer:
            break
        assert answer["error"]["data"]["name"] == "timeout"
        time.sleep(0.1)
    assert answer["result"]["status"] == "success"
    assert head_of(client) == before


def bad_transactions(client, committed: tx.Transaction) -> list[tuple[str, bytes]]:
    nonce = client.call("hutong_getNonce", "0x" + ALICE.address.hex(), "latest")
    good = tx.make(ALICE, chain_id=CHAIN_ID, nonce=nonce, gas_limit=20_000, to=BOB.address)
    flipped = bytearray(good.encode())
    flipped[-5] ^= 0x40
    poor = crypto.Key.deterministic("no funds")
    small_order_key = bytes(32)  # the identity point's encoding is small order... as is 0x01 00..00
    small_order = tx.Transaction(CHAIN_ID, nonce, bytes([1]) + bytes(31), 20_000, BOB.address,
                                 signature=b"\x00" * 64)
    cases = [
        ("tx_malformed", b"\x00"),
        ("tx_malformed", good.encode() + b"\x00"),
        ("tx_too_large", b"\x00" * (MAX_TX_BYTES + 1)),
        ("bad_signature", bytes(flipped)),
        ("bad_signature", tx.Transaction(CHAIN_ID, nonce, ALICE.public_key, 20_000, BOB.address, scheme=2,
                                         signature=b"\x00" * 64).encode()),
        ("bad_signature", small_order.encode()),
        ("bad_signature", tx.Transaction(CHAIN_ID, nonce, small_order_key, 20_000, BOB.address,
                                         signature=b"\x00" * 64).encode()),
        ("wrong_chain", tx.make(ALICE, chain_id=CHAIN_ID + 1, nonce=nonce, gas_limit=20_000,
                                to=BOB.address).encode()),
        ("already_known", committed.encode()),
        ("nonce_too_low", tx.make(ALICE, chain_id=CHAIN_ID, nonce=nonce - 1, gas_limit=21_000,
                                  to=BOB.address).encode()),
        ("nonce_too_high", tx.make(ALICE, chain_id=CHAIN_ID, nonce=nonce + 65, gas_limit=20_000,
                                   to=BOB.address).encode()),
        ("insufficient_funds", tx.make(poor, chain_id=CHAIN_ID, nonce=0, gas_limit=20_000, to=BOB.address,
                                       value=1).encode()),
        ("gas_limit", tx.make(ALICE, chain_id=CHAIN_ID, nonce=nonce, gas_limit=100, to=BOB.address).encode()),
        ("gas_limit", tx.make(ALICE, chain_id=CHAIN_ID, nonce=nonce, gas_limit=10**12, to=BOB.address).encode()),
        ("expired", tx.make(ALICE, chain_id=CHAIN_ID, nonce=nonce, gas_limit=20_000, to=BOB.address,
                            expiry=1).encode()),
        ("bad_deployment", tx.make(ALICE, chain_id=CHAIN_ID, nonce=nonce, gas_limit=200_000,
                                   data=b"\x01\x02\x03").encode()),
        ("invalid_params", b"not hex"),
    ]
    return cases


def test_bad_transactions_are_refused_with_their_code_and_change_nothing(node):
    client = node.client()
    deploy = deploy_token(ALICE, chain_id=CHAIN_ID, supply=1000,
                          nonce=client.call("hutong_getNonce", "0x" + ALICE.address.hex(), "pending"))
    deployed = client.call("hutong_sendRawTransaction", "0x" + deploy.encode().hex(), True)
    token = crypto.parse_address(deployed["created"])
    before = head_of(client)
    for name, raw in bad_transactions(client, deploy):
        param = "0x" + raw.hex() if name != "invalid_params" else raw.decode()
        response = post_bad(client, rpc("hutong_sendRawTransaction", param))
        assert response["error"]["data"]["name"] == name, (name, response)
        assert head_of(client) == before, name
    nonce = client.call("hutong_getNonce", "0x" + ALICE.address.hex(), "pending")
    replaced = transfer(ALICE, token, BOB.address, 1, chain_id=CHAIN_ID, nonce=nonce)
    receipt = client.call("hutong_sendRawTransaction", "0x" + replaced.encode().hex(), True)
    replay = post_bad(client, rpc("hutong_sendRawTransaction", "0x" + replaced.encode().hex()))
    assert replay["error"]["data"]["name"] == "already_known" and receipt["status"] == "success"


def test_a_mempool_flood_fills_the_pool_and_is_refused_beyond_its_cap(tmp_path):
    """No blocks (block time of an hour): the pool holds what it may, the rest is refused."""
    senders = [crypto.Key.deterministic(f"flood-{i}") for i in range(3)]
    producer = crypto.Key.deterministic("flood-producer")
    genesis = tmp_path / "genesis.json"
    genesis.write_text(json.dumps({"chain_id": 5, "authorities": ["0x" + producer.public_key.hex()],
                                   "balances": {crypto.to_hex(k.address): 10**18 for k in senders}}))
    key = tmp_path / "producer.key"
    key.write_text(producer.seed().hex())
    process = NodeProcess(tmp_path / "data", "--genesis", str(genesis), "--producer-key", str(key),
                          "--block-time", "3600", "--limit", "mempool.max_count=30", dev=False).start()
    try:
        client = process.client()
        before = head_of(client)
        flood = [tx.make(k, chain_id=5, nonce=n, gas_limit=20_000, to=producer.address, value=1)
                 for n in range(20) for k in senders]
        TALLY.requests += len(flood)
        answers = client.batch([("hutong_sendRawTransaction", ["0x" + t.encode().hex()]) for t in flood])
        refused = [a["error"]["data"]["name"] for a in answers if "error" in a]
        assert len(answers) - len(refused) == 30 and refused == ["mempool_full"] * 30
        assert client.call("hutong_status")["mempool"]["transactions"] == 30
        assert head_of(client) == before and process.alive
    finally:
        if not process.alive:
            TALLY.crashes += 1
        process.kill()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)
hexish = st.builds(lambda b: "0x" + b.hex(), st.binary(max_size=40)) | st.sampled_from(
    ["latest", "pending", "earliest", "0x", "0x0", "0x" + "00" * 20, "0x" + "00" * 32])
requests = st.fixed_dictionaries(
    {"jsonrpc": st.sampled_from(["2.0", "2.0", "1.0", 2]), "id": st.integers(0, 10**6) | st.text(max_size=5),
     "method": st.sampled_from(sorted(REGISTRY.methods) + ["hutong_x", ""]),
     "params": st.lists(json_values | hexish, max_size=4) | st.dictionaries(
         st.sampled_from(["address", "height", "hash", "raw", "call", "filter", "x"]), json_values | hexish,
         max_size=3)})
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@pytest.mark.parametrize("kind", ["bytes", "json", "requests"])
def test_fuzzed_rpc_bodies_never_get_a_5xx(node, kind):
    client = node.client()
    before = head_of(client)
    strategy = {"bytes": st.binary(max_size=400), "json": json_values.map(lambda v: json.dumps(v).encode()),
                "requests": st.lists(requests, min_size=1, max_size=3).map(
                    lambda r: json.dumps(r if len(r) > 1 else r[0]).encode())}[kind]

    @FUZZ
    @given(strategy)
    def run(body):
        TALLY.requests += 1
        status, data = client.post(body)
        if status >= 500:
            TALLY.server_errors += 1
        assert status in (200, 204), (status, body[:200], data[:200])
        if status == 200:
            answer = json.loads(data)
            for item in answer if isinstance(answer, list) else [answer]:
                assert item["jsonrpc"] == "2.0" and ("result" in item) != ("error" in item)
                if "error" in item:
                    assert item["error"]["code"] != -32603, (body, item)  # no internal errors either
    run()
    assert head_of(client) == before and node.alive and client.call("hutong_health")["ok"]


def test_fuzzed_websocket_messages_get_answers_and_the_node_stays_up(node):
    rng = random.Random(7)
    messages = [json.dumps(rng.choice([
        {"jsonrpc": "2.0", "id": i, "method": "hutong_subscribe", "params": [rng.choice(["newHeads", "logs", "x", 5])]},
        {"jsonrpc": "2.0", "id": i, "method": "hutong_unsubscribe", "params": [rng.choice(["0x00", "0x" + "00" * 8, 1])]},
        {"jsonrpc": "2.0", "id": i, "method": rng.choice(list(REGISTRY.methods)), "params": [rng.random()]},
        [1, 2, 3], "[", {"id": i}])) if rng.random() < 0.9 else "{" * rng.randint(1, 5000)
        for i in range(150)]

    async def scenario():
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"http://{node.host}:{node.port}/ws") as ws:
                for message in messages:
                    TALLY.requests += 1
                    await ws.send_str(message)
                answered = 0
                while answered < len(messages):
                    reply = await asyncio.wait_for(ws.receive(), 30)
                    assert reply.type == aiohttp.WSMsgType.TEXT, reply
                    payload = json.loads(reply.data)
                    if isinstance(payload, dict) and payload.get("method") == "hutong_subscription":
                        continue
                    answered += 1
                    for item in payload if isinstance(payload, list) else [payload]:
                        assert item.get("error", {}).get("code") != -32603, item
                TALLY.requests += 1
                await ws.send_str("x" * 400_000)  # over max_body_bytes: the connection is closed with 1009
                reply = await asyncio.wait_for(ws.receive(), 30)
                assert reply.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)
    asyncio.run(scenario())
    assert node.alive and node.client().call("hutong_health")["ok"]


def test_raw_socket_garbage_never_crashes_the_node(node):
    rng = random.Random(11)
    valid = rpc("hutong_chainId")
    streams = [bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 600))) for _ in range(40)]
    streams += [
        b"POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n" + valid,
        b"POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n" + valid,
        b"POST /rpc HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + valid,
        b"POST /rpc HTTP/1.1\r\nHost: x\r\n" + b"X-A: " + b"a" * 100_000 + b"\r\n\r\n",
        b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
        b"POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{",  # then the client goes away
        b"BREW /rpc HTCPCP/1.0\r\n\r\n",
    ]
    for index in range(20):  # valid requests with bytes flipped
        mutated = bytearray(b"POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(valid) + valid)
        for _ in range(rng.randint(1, 4)):
            mutated[rng.randrange(len(mutated))] = rng.getrandbits(8)
        streams.append(bytes(mutated))
    for stream in streams:
        TALLY.requests += 1
        with socket.create_connection((node.host, node.port), timeout=10) as sock:
            try:
                sock.sendall(stream)
                sock.shutdown(socket.SHUT_WR)
                reply = sock.recv(200)
            except (ConnectionError, socket.timeout):
                reply = b""
        if reply.startswith(b"HTTP/1.1 5"):
            TALLY.server_errors += 1
        assert not reply.startswith(b"HTTP/1.1 5"), (stream[:80], reply)
    assert node.alive and node.client().call("hutong_health")["ok"]


def test_the_tally(node):
    """Runs last in this module: nothing answered 5xx and the node never died."""
    assert node.alive
    assert TALLY.server_errors == 0 and TALLY.crashes == 0
    print(f"\n{TALLY.line()}")


def ws_frame(text: str) -> bytes:
    """A masked client text frame (RFC 6455)."""
    payload = text.encode()
    mask = bytes([1, 2, 3, 4])
    length = len(payload)
    header = bytes([0x81]) + (bytes([0x80 | length]) if length < 126 else bytes([0x80 | 126]) + length.to_bytes(2, "big"))
    return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def test_a_websocket_consumer_that_stops_reading_is_dropped(tmp_path):
    node = NodeProcess(tmp_path / "data", "--limit", "ws_send_buffer_bytes=4096", "--limit", "ws_queue_messages=32",
                       "--limit", "ws_stall_seconds=1").start()
    try:
        client = node.client()
        deploy = deploy_token(ALICE, chain_id=CHAIN_ID, nonce=0, supply=10**6)
        token = crypto.parse_address(client.call("hutong_sendRawTransaction", "0x" + deploy.encode().hex(),
                                                 True)["created"])
        nonce = 1
        for _ in range(5):  # 300 Transfer logs, in waves within the mempool's nonce gap
            wave = [transfer(ALICE, token, BOB.address, 1, chain_id=CHAIN_ID, nonce=nonce + i) for i in range(60)]
            nonce += len(wave)
            client.batch([("hutong_sendRawTransaction", ["0x" + t.encode().hex()]) for t in wave])
            while not client.call("hutong_getTransactionReceipt", "0x" + wave[-1].hash.hex()):
                pass
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connecting: the window is small
            sock.settimeout(10)
            sock.connect((node.host, node.port))
            sock.sendall(b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            assert sock.recv(12) == b"HTTP/1.1 101"
            TALLY.requests += 1
            sock.sendall(ws_frame(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "hutong_subscribe",
                                              "params": ["logs", {}, {"fromBlock": 0}]})))
            # ... and do not read. The node must give up on this client rather than hold its notifications.
            time.sleep(4)
            deadline = time.monotonic() + 30
            dropped = False
            sock.settimeout(5)
            while time.monotonic() < deadline:
                try:
                    if not sock.recv(1 << 16):
                        dropped = True
                        break
                except ConnectionResetError:
                    dropped = True
                    break
                except socket.timeout:  # everything sent and the connection still open: not dropped
                    break
            assert dropped, "the node kept a client that had stopped reading"
        assert node.alive and client.call("hutong_health")["ok"]
    finally:
        if not node.alive:
            TALLY.crashes += 1
        node.kill()
