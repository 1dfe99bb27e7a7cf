"""`Client` and `AsyncClient`: a node's JSON-RPC API (docs/api.md) from Python.

    client = Client("http://127.0.0.1:8545")
    token = client.deploy("contracts/token.ht", 1_000_000, sender=key)
    receipt = token.transfer(bob, 10, sender=key)
    token.balance_of(bob)

    async with AsyncClient(url) as client:
        token = await client.deploy("contracts/token.ht", 1_000_000, sender=key)
        await token.transfer(bob, 10, sender=key)

Each operation is written once, as a generator that yields JSON-RPC requests
`(method, params)` and receives their results ("sans I/O"); `Client` drives
it with a blocking HTTP request (urllib), `AsyncClient` with aiohttp. So the
two clients cannot drift apart.

Transactions are signed locally (node/tx.py) with the sender's `Key`: nonce
from `hutong_getNonce(address, "pending")`, gas from `hutong_estimateGas`
plus a margin (or `DEFAULT_GAS` when the estimate fails: the transaction is
still sent, so its failure is recorded and explained like any other), then
`hutong_sendRawTransaction(raw, wait=true)`.
"""

from __future__ import annotations

import functools
import json
import os
import urllib.error
import urllib.request
from typing import Any, Generator

from node import errors as node_errors
from node.crypto import Key

from .abi import address_bytes, address_hex
from .contract import AsyncContract, Contract, decode_receipt, failure_error, load_source, log_addresses
from .errors import NodeUnreachable, RPCError, TransactionRejected

DEFAULT_URL = "http://127.0.0.1:8545"  # `hutong node`'s default port; $HUTONG_RPC overrides it
DEFAULT_GAS = 5_000_000
DEFAULT_DEPLOY_GAS = 20_000_000
GAS_MARGIN_PERCENT = 25
INTRINSIC_MARGIN = 10_000  # headroom beyond the 25 %: small calls' estimates are mostly the fixed base cost

# The node's admission errors (node/errors.py): code -> stable name.
REJECTIONS = {value[0]: value[1] for value in vars(node_errors).values()
              if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], int)}

Flow = Generator[tuple[str, list], Any, Any]


def rpc_error(error: dict) -> RPCError:
    code = error.get("code", -32603)
    message = error.get("message", "error")
    data = error.get("data")
    if code in REJECTIONS:
        name = data.get("name") if isinstance(data, dict) and data.get("name") else REJECTIONS[code]
        return TransactionRejected(code, message, data, name)
    return RPCError(code, message, data)


def _hex(data: bytes) -> str:
    return "0x" + data.hex()


class ClientBase:
    """The operations of both clients, as request flows (see the module doc)."""

    contract_class: type = Contract

    def __init__(self, url: str | None = None, *, timeout: float = 30.0, default_sender: Key | None = None):
        url = url or os.environ.get("HUTONG_RPC") or DEFAULT_URL
        self.url = url.rstrip("/") if url.endswith("/rpc") else url.rstrip("/") + "/rpc"
        self.timeout = timeout
        self.default_sender = default_sender
        self._chain_id: int | None = None
        self._contracts: dict[str, dict] = {}
        self._layouts: dict[str, dict] = {}
        self._next_id = 0

    def _payload(self, method: str, params: list) -> bytes:
        self._next_id += 1
        return json.dumps({"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params}).encode()

    def _unpack(self, body: bytes | str, status: int):
        try:
            reply = json.loads(body)
        except ValueError:
            raise RPCError(-32603, f"HTTP {status}: not a JSON-RPC reply: {str(body)[:200]}") from None
        if not isinstance(reply, dict):
            raise RPCError(-32603, "not a JSON-RPC reply object")
        if reply.get("error") is not None:
            raise rpc_error(reply["error"])
        if "result" not in reply:
            raise RPCError(-32603, f"HTTP {status}: reply without a result")
        return reply["result"]

    # --- flows: plain queries ----------------------------------------------------------------

    def f_rpc(self, method: str, *params) -> Flow:
        """Any JSON-RPC method with positional parameters."""
        return (yield (method, list(params)))

    def f_block_number(self) -> Flow:
        """The head's height."""
        return (yield ("hutong_blockNumber", []))

    def f_status(self) -> Flow:
        return (yield ("hutong_status", []))

    def f_timestamp(self) -> Flow:
        """The head block's timestamp."""
        return (yield ("hutong_status", []))["head"]["timestamp"]

    def f_set_time(self, timestamp: int) -> Flow:
        """--dev nodes only: the next block gets exactly `timestamp` (like Chain.set_time)."""
        return (yield ("hutong_devSetTime", [timestamp]))

    def f_time_travel(self, seconds: int) -> Flow:
        """--dev nodes only: the next block is `seconds` after the head (like Chain.time_travel)."""
        return (yield ("hutong_devAdvanceTime", [seconds]))

    def f_health(self) -> Flow:
        return (yield ("hutong_health", []))

    def f_get_block(self, height: int | str = "latest", full: bool = False) -> Flow:
        """A block by height or "latest" (with whole transactions when `full`)."""
        return (yield ("hutong_getBlockByNumber", [height, full]))

    def f_get_block_by_hash(self, block_hash: str, full: bool = False) -> Flow:
        return (yield ("hutong_getBlockByHash", [block_hash, full]))

    def f_get_transaction(self, tx_hash: str) -> Flow:
        return (yield ("hutong_getTransaction", [tx_hash]))

    def f_get_receipt_record(self, tx_hash: str) -> Flow:
        """The node's receipt record as JSON (`get_receipt` decodes it)."""
        return (yield ("hutong_getTransactionReceipt", [tx_hash]))

    def f_get_balance(self, address, height: int | str = "latest") -> Flow:
        return (yield ("hutong_getBalance", [address_hex(address), height]))

    def f_get_nonce(self, address, height: int | str = "latest") -> Flow:
        """An account's nonce at "latest", "pending" (counting the mempool) or a height."""
        return (yield ("hutong_getNonce", [address_hex(address), height]))

    def f_get_code(self, address, height: int | str = "latest") -> Flow:
        return (yield ("hutong_getCode", [address_hex(address), height]))

    def f_send_raw(self, raw: bytes, wait: bool = False, timeout: float = 30) -> Flow:
        """Send a signed transaction: its hash, or its receipt record when `wait`."""
        return (yield ("hutong_sendRawTransaction", [_hex(raw), wait, timeout]))

    def f_chain_id(self) -> Flow:
        if self._chain_id is None:
            self._chain_id = yield ("hutong_chainId", [])
        return self._chain_id

    def f_get_contract(self, address) -> Flow:
        """The metadata the node stored at deployment: {name, abi, source_map, source}."""
        address = "0x" + address_bytes(address).hex()
        if address not in self._contracts:
            metadata = yield ("hutong_getContract", [address])
            if not metadata:
                return None
            self._contracts[address] = metadata
        return self._contracts[address]

    def f_abi_of(self, address: str) -> Flow:
        metadata = yield from self.f_get_contract(address)
        return (metadata or {}).get("abi")

    def f_abis_for(self, record: dict) -> Flow:
        """ABIs of every contract a receipt or failure mentions, by address."""
        abis = {}
        for address in sorted(log_addresses(record)):
            abis[address] = yield from self.f_abi_of(address)
        return abis

    def f_get_receipt(self, tx_hash: str) -> Flow:
        """The decoded receipt (events, and failures explained), or None if unknown."""
        record = yield ("hutong_getTransactionReceipt", [tx_hash])
        if record is None:
            return None
        abis = yield from self.f_abis_for(record)
        return decode_receipt(record, abis.get)

    def f_layout_of(self, address: str) -> Flow:
        """The storage layout, recompiled from the source the node stored."""
        if address not in self._layouts:
            metadata = yield from self.f_get_contract(address)
            if not metadata or not metadata.get("source"):
                raise RPCError(-32000, f"the node has no source for {address}, so no storage layout")
            from compiler import compile as compile_source
            file = (metadata.get("source_map") or {}).get("file", "contract.ht")
            self._layouts[address] = compile_source(metadata["source"], file).layout
        return self._layouts[address]

    def f_storage(self, address, path: bytes, height="latest") -> Flow:
        value = yield ("hutong_getStorage", [address_hex(address), _hex(path), height])
        return bytes.fromhex(value[2:]) if value else None

    def f_get_logs(self, address=None, topics=None, from_block=0, to_block="latest") -> Flow:
        query: dict = {"fromBlock": from_block, "toBlock": to_block}
        if address is not None:
            query["address"] = address_hex(address)
        if topics:
            query["topics"] = topics
        return (yield ("hutong_getLogs", [query]))

    def f_get_proof(self, key: bytes, height="latest") -> Flow:
        return (yield ("hutong_getProof", [_hex(key), height]))

    def f_verified_storage(self, address, path: bytes, *, trusted_block_hash=None, trusted_state_root=None,
                           height="latest") -> Flow:
        """A storage value checked against a block's state root with a Merkle
        proof: the node is trusted for nothing but availability (see proof.py)."""
        from .proof import verify_state_response
        from .storage import state_key
        key = state_key(address, path)
        response = yield from self.f_get_proof(key, height)
        return verify_state_response(response, key, trusted_block_hash=trusted_block_hash,
                                     trusted_state_root=trusted_state_root,
                                     height=height if isinstance(height, int) else None)

    # --- flows: the backend of contract proxies -----------------------------------------------

    def f_call(self, sender, to, data: bytes, value: int = 0, gas: int | None = None) -> Flow:
        request: dict = {"to": address_hex(to), "data": _hex(data)}
        sender = sender if sender is not None else self.default_sender
        if sender is not None:
            request["from"] = address_hex(sender)
        if value:
            request["value"] = value
        if gas is not None:
            request["gas"] = gas
        return (yield ("hutong_call", [request]))

    def f_estimate_gas(self, sender, to, data: bytes, value: int = 0) -> Flow:
        request: dict = {"data": _hex(data)}
        if to is not None:
            request["to"] = address_hex(to)
        sender = sender if sender is not None else self.default_sender
        if sender is not None:
            request["from"] = address_hex(sender)
        if value:
            request["value"] = value
        return (yield ("hutong_estimateGas", [request]))

    def f_transact(self, sender, to, data: bytes, value: int = 0, gas: int | None = None) -> Flow:
        """Sign, send and wait for the receipt record."""
        from node.tx import make
        key = sender if sender is not None else self.default_sender
        if not isinstance(key, Key):
            key = getattr(key, "key", None)
        if not isinstance(key, Key):
            raise TypeError("sending a transaction through a node needs sender=<node.crypto.Key> "
                            "(or Client(default_sender=key))")
        chain_id = yield from self.f_chain_id()
        address = "0x" + key.address.hex()
        nonce = yield ("hutong_getNonce", [address, "pending"])
        if gas is None:
            try:
                estimate = yield from self.f_estimate_gas(key, to, data, value)
                gas = estimate + estimate * GAS_MARGIN_PERCENT // 100 + INTRINSIC_MARGIN
            except RPCError:  # it would fail: send anyway so the failure is mined and explained
                gas = DEFAULT_GAS if to is not None else DEFAULT_DEPLOY_GAS
        tx = make(key, chain_id=chain_id, nonce=nonce, gas_limit=gas,
                  to=address_bytes(to) if to is not None else b"", value=value, data=data)
        result = yield ("hutong_sendRawTransaction", [_hex(tx.encode()), True, self.timeout])
        if isinstance(result, dict):
            return result
        record = yield ("hutong_getTransactionReceipt", [result])
        if record is None:
            raise RPCError(-32000, f"transaction {result} was not mined within {self.timeout} s")
        return record

    def f_deploy(self, source, *args, sender=None, value: int = 0, gas: int | None = None, name: str | None = None,
                 **kwargs) -> Flow:
        """Compile (a path, source text or artifacts), deploy, return the proxy."""
        compiled = load_source(source, name)
        record = yield from self.f_transact(sender, None, compiled.deployment_data(args, kwargs), value, gas)
        abis = yield from self.f_abis_for(record)
        receipt = decode_receipt(record, abis.get)
        if not receipt.success:
            raise failure_error(receipt.status, receipt.failure, abis.get, receipt)
        self._contracts[record["created"]] = compiled.metadata()
        self._layouts[record["created"]] = compiled.artifacts.layout
        contract = self.contract_class(self, record["created"], compiled.abi, compiled.name,
                                       compiled.artifacts.layout)
        receipt.contract = contract
        contract.deploy_receipt = receipt
        return contract

    def f_at(self, address, source=None, name: str | None = None) -> Flow:
        """A proxy for a deployed contract, its ABI from the node (or from `source`)."""
        if isinstance(source, dict):
            return self.contract_class(self, address, source, name)
        if source is not None:
            compiled = load_source(source, name)
            return self.contract_class(self, address, compiled.abi, compiled.name, compiled.artifacts.layout)
        metadata = yield from self.f_get_contract(address)
        if not metadata or not metadata.get("abi"):
            raise RPCError(-32000, f"the node has no ABI for {address}; pass the contract's source")
        return self.contract_class(self, address, metadata["abi"], name or metadata.get("name"))


# --- drivers ---------------------------------------------------------------------------------

def _sync(flow_method):
    @functools.wraps(flow_method)
    def method(self, *args, **kwargs):
        return self._drive(flow_method(self, *args, **kwargs))
    method.__name__ = method.__qualname__ = flow_method.__name__.removeprefix("f_")
    return method


def _async(flow_method):
    @functools.wraps(flow_method)
    async def method(self, *args, **kwargs):
        return await self._drive(flow_method(self, *args, **kwargs))
    method.__name__ = method.__qualname__ = flow_method.__name__.removeprefix("f_")
    return method


_FLOWS = sorted(name for name in dir(ClientBase) if name.startswith("f_"))


class Client(ClientBase):
    """A blocking client (urllib): every method returns its result."""

    contract_class = Contract

    def _request(self, method: str, params: list):
        request = urllib.request.Request(self.url, data=self._payload(method, params),
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout + 5) as response:
                return self._unpack(response.read(), response.status)
        except urllib.error.HTTPError as exc:
            return self._unpack(exc.read(), exc.code)
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
            raise NodeUnreachable(f"no answer from {self.url}: {getattr(exc, 'reason', exc)}") from None

    def _drive(self, flow: Flow):
        try:
            request = next(flow)
            while True:
                try:
                    result = self._request(*request)
                except RPCError as exc:
                    request = flow.throw(exc)
                else:
                    request = flow.send(result)
        except StopIteration as stop:
            return stop.value


class AsyncClient(ClientBase):
    """An asyncio client (aiohttp): every method is a coroutine. Use
    `async with AsyncClient(url) as client:` or `await client.close()`."""

    contract_class = AsyncContract

    def __init__(self, url: str | None = None, **options):
        super().__init__(url, **options)
        self._session = None

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _request(self, method: str, params: list):
        import aiohttp

        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout + 5))
        try:
            async with self._session.post(self.url, data=self._payload(method, params),
                                          headers={"Content-Type": "application/json"}) as response:
                return self._unpack(await response.read(), response.status)
        except (aiohttp.ClientConnectionError, TimeoutError) as exc:
            raise NodeUnreachable(f"no answer from {self.url}: {exc}") from None

    async def _drive(self, flow: Flow):
        try:
            request = next(flow)
            while True:
                try:
                    result = await self._request(*request)
                except RPCError as exc:
                    request = flow.throw(exc)
                else:
                    request = flow.send(result)
        except StopIteration as stop:
            return stop.value

    async def subscribe(self, kind: str, *params):
        """Yield the notifications of a subscription over the node's WebSocket
        ("newHeads", "logs" with a filter, "pendingTransactions")."""
        import aiohttp

        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None))
        ws_url = self.url.removesuffix("/rpc").replace("http", "ws", 1) + "/ws"
        try:
            socket = await self._session.ws_connect(ws_url)
        except aiohttp.ClientConnectionError as exc:
            raise NodeUnreachable(f"no WebSocket at {ws_url}: {exc}") from None
        async with socket:
            await socket.send_bytes(self._payload("hutong_subscribe", [kind, *params]))
            subscription = None
            async for message in socket:
                if message.type != aiohttp.WSMsgType.TEXT:
                    break
                reply = json.loads(message.data)
                if subscription is None and reply.get("id") is not None:
                    subscription = self._unpack(message.data, 200)
                    continue
                notification = reply.get("params") or {}
                if notification.get("subscription") == subscription:
                    yield notification.get("result")


for _flow_name in _FLOWS:
    _flow = getattr(ClientBase, _flow_name)
    setattr(Client, _flow_name.removeprefix("f_"), _sync(_flow))
    setattr(AsyncClient, _flow_name.removeprefix("f_"), _async(_flow))
