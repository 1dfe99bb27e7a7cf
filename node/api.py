"""The `hutong_` JSON-RPC methods: each declared once (parameters, result,
errors, example) and implemented as decode -> call the node -> encode.

The JSON shapes of blocks, transactions, receipts and logs are built here (and
by ChainCore for receipts and logs, which it stores as JSON). Integers are JSON
integers; byte strings are 0x-prefixed lowercase hex.
"""

from __future__ import annotations

import asyncio
from importlib import metadata as package_metadata

from vm import Message

from . import crypto
from .block import Block, Header
from .errors import (
    ALREADY_KNOWN, BAD_DEPLOYMENT, BAD_SIGNATURE, EXPIRED, GAS_LIMIT, INSUFFICIENT_FUNDS, MEMPOOL_FULL, NONCE_TOO_HIGH,
    NONCE_TOO_LOW, NOT_AUTHORIZED, TX_MALFORMED, TX_TOO_LARGE, UNDERPRICED, WRONG_CHAIN, ExecutionFailed, LimitExceeded,
    Timeout, UnknownBlock, Unavailable,
)
from .protocol import TX_BASE_GAS, TX_DATA_BYTE_GAS
from .rpc import (
    ADDRESS, HASH, METHOD_NOT_FOUND, BlockTag, Boolean, CallContext, Choice, Fields, HexBytes, Integer, Number, Param,
    Registry, RpcError, Topics, invalid_params,
)
from .tx import MAX_TX_BYTES, Decoded, decode, split_deployment, transaction_hash

REGISTRY = Registry("Hutong node JSON-RPC API")
ZERO_ADDRESS = b"\x00" * 20


def node_version() -> str:
    try:
        return package_metadata.version("hutong")
    except package_metadata.PackageNotFoundError:
        return "unknown"


# --- JSON shapes ---------------------------------------------------------------------------

def hex0x(raw: bytes) -> str:
    return "0x" + raw.hex()


def header_object(header: Header, signature: bytes) -> dict:
    return {"height": header.height, "hash": hex0x(header.hash), "parent": hex0x(header.parent),
            "timestamp": header.timestamp, "state_root": hex0x(header.state_root), "tx_root": hex0x(header.tx_root),
            "receipts_root": hex0x(header.receipts_root), "gas_used": header.gas_used,
            "gas_limit": header.gas_limit, "producer": hex0x(header.producer), "signature": hex0x(signature)}


def block_object(block: Block, full: bool) -> dict:
    obj = header_object(block.header, block.signature)
    if full:
        obj["transactions"] = [transaction_object(decode(raw), block.header.height, index)
                               for index, raw in enumerate(block.transactions)]
    else:
        obj["transactions"] = [hex0x(transaction_hash(raw)) for raw in block.transactions]
    return obj


def head_object(header: Header) -> dict:
    return {"height": header.height, "hash": hex0x(header.hash), "timestamp": header.timestamp,
            "state_root": hex0x(header.state_root)}


def transaction_object(decoded: Decoded, height: int | None, index: int | None) -> dict:
    tx = decoded.tx
    return {"hash": hex0x(decoded.hash), "from": crypto.to_hex(decoded.sender),
            "to": crypto.to_hex(tx.to) if tx.to else None, "nonce": tx.nonce, "value": tx.value,
            "gas_limit": tx.gas_limit, "gas_price": tx.gas_price, "data": hex0x(tx.data), "expiry": tx.expiry,
            "public_key": hex0x(tx.public_key), "block": height, "index": index}


def describe_failure(explanation: dict) -> str:
    """One line: what failed and where, e.g. `reverted: InsufficientBalance(needed=5, available=1) at token.ht:28:9`."""
    status = explanation.get("status")
    error = explanation.get("error")
    if status == "out_of_gas":
        text = "ran out of gas"
    elif status == "revert":
        text = "reverted"
        if error:
            args = error.get("args") or {}
            shown = ", ".join(f"{k}={v}" for k, v in args.items()) if isinstance(args, dict) else str(args)
            text += f": {error.get('name')}({shown})"
    else:
        text = f"halted: {explanation.get('halt') or status}"
    location = explanation.get("location")
    if location:
        text += f" at {location['file']}:{location['line']}:{location['column']}"
    return text


# --- schemas --------------------------------------------------------------------------------

INT = {"type": "integer", "minimum": 0}
HEX = {"type": "string", "pattern": "^0x([0-9a-f]{2})*$"}
HEX_OR_NULL = {"oneOf": [HEX, {"type": "null"}]}
HEAD = {"type": "object", "properties": {"height": INT, "hash": HEX, "timestamp": INT, "state_root": HEX}}
HEADER_FIELDS = {"height": INT, "hash": HEX, "parent": HEX, "timestamp": INT, "state_root": HEX, "tx_root": HEX,
                 "receipts_root": HEX, "gas_used": INT, "gas_limit": INT, "producer": HEX, "signature": HEX}
HEADER = {"type": "object", "title": "header", "properties": HEADER_FIELDS}
TRANSACTION = {"type": "object", "title": "transaction", "properties": {
    "hash": HEX, "from": HEX, "to": HEX_OR_NULL, "nonce": INT, "value": INT, "gas_limit": INT, "gas_price": INT,
    "data": HEX, "expiry": INT, "public_key": HEX, "block": {"type": ["integer", "null"]},
    "index": {"type": ["integer", "null"]}}}
BLOCK = {"type": "object", "title": "block", "properties": {
    **HEADER_FIELDS, "transactions": {"type": "array", "items": {"oneOf": [HEX, TRANSACTION]}}}}
LOG = {"type": "object", "title": "log", "properties": {
    "address": HEX, "topics": {"type": "array", "items": HEX}, "data": HEX, "block": INT, "block_hash": HEX,
    "tx_hash": HEX, "tx_index": INT, "log_index": INT}}
FAILURE = {"type": "object", "title": "failure", "description":
           "status; halt; error {name, args, signature?}; data (revert bytes); location {file, line, column, "
           "end_line, end_column, function, excerpt}; trace (failure points, innermost first)"}
RECEIPT = {"type": "object", "title": "receipt", "properties": {
    "tx_hash": HEX, "block": INT, "block_hash": HEX, "index": INT,
    "status": {"type": "string", "enum": ["success", "revert", "out_of_gas", "halt"]}, "gas_used": INT,
    "output": HEX, "from": HEX, "to": HEX_OR_NULL, "nonce": INT, "created": HEX_OR_NULL,
    "halt": {"type": ["string", "null"]}, "logs": {"type": "array", "items": {"type": "object"}},
    "failure": FAILURE}}
NULLABLE = lambda schema: {"oneOf": [schema, {"type": "null"}]}  # noqa: E731

ADMISSION_ERRORS = (TX_TOO_LARGE, TX_MALFORMED, WRONG_CHAIN, BAD_SIGNATURE, NONCE_TOO_LOW, NONCE_TOO_HIGH,
                    INSUFFICIENT_FUNDS, GAS_LIMIT, EXPIRED, UNDERPRICED, MEMPOOL_FULL, ALREADY_KNOWN, NOT_AUTHORIZED,
                    BAD_DEPLOYMENT, (Timeout.code, Timeout.name), (Unavailable.code, Unavailable.name))
UNKNOWN_BLOCK = ((UnknownBlock.code, UnknownBlock.name),)
HEIGHT = Param("height", BlockTag(), 'a block height, "latest" or "earliest"', required=False)

EXAMPLE_HASH = "0x" + "5e" * 32
EXAMPLE_ADDRESS = "0x8ba1f109551bd432803012645ac136ddd64dba72"
EXAMPLE_HEADER = {"height": 12, "hash": EXAMPLE_HASH, "parent": "0x" + "4d" * 32, "timestamp": 1767225612,
                  "state_root": "0x" + "a1" * 32, "tx_root": "0x" + "b2" * 32, "receipts_root": "0x" + "c3" * 32,
                  "gas_used": 41830, "gas_limit": 50000000, "producer": "0x" + "d4" * 32,
                  "signature": "0x" + "e5" * 64}


# --- chain ---------------------------------------------------------------------------------

@REGISTRY.method("hutong_chainId", doc="The chain id (transactions must carry it).", result=INT,
                 example=([], 86))
async def chain_id(ctx: CallContext) -> int:
    return ctx.service.genesis.chain_id


@REGISTRY.method("hutong_blockNumber", doc="The height of the head block.", result=INT, example=([], 12))
async def block_number(ctx: CallContext) -> int:
    return ctx.service.head.height


@REGISTRY.method(
    "hutong_status", doc="What this node is: chain, head, mempool, mode and version.",
    result={"type": "object", "properties": {
        "chain_id": INT, "genesis_hash": HEX, "head": HEAD, "dev": {"type": "boolean"}, "version": {"type": "string"},
        "mempool": {"type": "object", "properties": {"transactions": INT, "bytes": INT}},
        "producer": HEX_OR_NULL}},
    example=([], {"chain_id": 86, "genesis_hash": "0x" + "9c" * 32, "head": {
        "height": 12, "hash": EXAMPLE_HASH, "timestamp": 1767225612, "state_root": "0x" + "a1" * 32},
        "mempool": {"transactions": 0, "bytes": 0}, "dev": True, "version": "0.1.0",
        "producer": EXAMPLE_ADDRESS}))
async def status(ctx: CallContext) -> dict:
    service = ctx.service
    mempool = service.chain.mempool
    producer = service.config.producer
    return {"chain_id": service.genesis.chain_id, "genesis_hash": hex0x(service.genesis_hash),
            "head": head_object(service.head), "mempool": {"transactions": len(mempool), "bytes": mempool.total_bytes},
            "dev": service.config.dev, "version": node_version(),
            "producer": crypto.to_hex(producer.address) if producer else None}


# The latest timestamp the dev time methods may set: the end of year 9999
# (UTC). Far below the protocol's 2**64 - 1, leaving room for every later block.
MAX_DEV_TIMESTAMP = 253_402_300_799


def _dev_only(ctx: CallContext, name: str) -> None:
    if not ctx.service.config.dev:
        raise RpcError(METHOD_NOT_FOUND, f"{name} exists only on a development chain (hutong node --dev)")


@REGISTRY.method(
    "hutong_devSetTime",
    doc="--dev only: the next block gets exactly this timestamp (it must exceed the head's, and be at most "
        f"{MAX_DEV_TIMESTAMP}, the end of year 9999); the chain's clock then runs on from there. For tests and "
        "demos that need days to pass.",
    params=(Param("timestamp", Integer(), "seconds since the epoch, greater than the head's timestamp"),),
    result=INT, example=([1767225700], 1767225700))
async def dev_set_time(ctx: CallContext, timestamp: int) -> int:
    _dev_only(ctx, "hutong_devSetTime")
    if timestamp <= ctx.service.head.timestamp:
        raise invalid_params(f"timestamp {timestamp} must exceed the head's {ctx.service.head.timestamp}")
    if timestamp > MAX_DEV_TIMESTAMP:
        raise invalid_params(f"timestamp {timestamp} is past {MAX_DEV_TIMESTAMP} (the end of year 9999)")
    return ctx.service.set_time(timestamp)


@REGISTRY.method(
    "hutong_devAdvanceTime",
    doc="--dev only: the next block gets the head's timestamp plus this many seconds; the chain's clock then "
        f"runs on from there. Returns that timestamp (at most {MAX_DEV_TIMESTAMP}, the end of year 9999).",
    params=(Param("seconds", Integer(), "seconds to move forward (at least 1)"),),
    result=INT, example=([86400], 1767312000))
async def dev_advance_time(ctx: CallContext, seconds: int) -> int:
    _dev_only(ctx, "hutong_devAdvanceTime")
    if seconds < 1:
        raise invalid_params("seconds must be at least 1")
    timestamp = ctx.service.head.timestamp + seconds
    if timestamp > MAX_DEV_TIMESTAMP:
        raise invalid_params(f"the timestamp would be {timestamp}, past {MAX_DEV_TIMESTAMP} (the end of year 9999)")
    return ctx.service.set_time(timestamp)


def health_object(service) -> dict:
    return {"ok": service.healthy, "head": head_object(service.head),
            **({"problem": service.problem} if service.problem else {})}


@REGISTRY.method("hutong_health", doc="Whether the node is committing blocks normally (also GET /health).",
                 result={"type": "object", "properties": {"ok": {"type": "boolean"}, "head": HEAD}},
                 example=([], {"ok": True, "head": {"height": 12, "hash": EXAMPLE_HASH, "timestamp": 1767225612,
                                                    "state_root": "0x" + "a1" * 32}}))
async def health(ctx: CallContext) -> dict:
    return health_object(ctx.service)


# --- transactions ---------------------------------------------------------------------------

@REGISTRY.method(
    "hutong_sendRawTransaction",
    doc="Submit a signed transaction (its canonical encoding, see node/tx.py). Returns its hash once admitted "
        "to the mempool; with wait=true, its receipt once its block is committed.",
    params=(Param("raw", HexBytes(max_size=2 * MAX_TX_BYTES, what="signed transaction"),
                  "the signed transaction (over the protocol's size limit: tx_too_large)"),
            Param("wait", Boolean(), "wait for the receipt", required=False, default=False),
            Param("timeout", Number(0.0, 1e6), "seconds to wait (wait=true); at most the node's limit",
                  required=False, default=30.0)),
    result={"oneOf": [HEX, RECEIPT]}, result_name="hash or receipt", errors=ADMISSION_ERRORS,
    example=(["0x0000000000000056…", False], EXAMPLE_HASH))
async def send_raw_transaction(ctx: CallContext, raw: bytes, wait: bool, timeout: float):
    service = ctx.service
    limit = service.limits.max_wait_seconds
    if wait and timeout > limit:
        raise LimitExceeded(f"timeout {timeout} s exceeds the limit of {limit} s",
                            {"limit": "max_wait_seconds", "max": limit})
    if not wait:
        return hex0x((await service.submit(raw)).hash)
    tx_hash = transaction_hash(raw)
    waiter = service.receipt_waiter(tx_hash)  # before admission: the block cannot beat us to it
    try:
        await service.submit(raw)
        try:
            return await asyncio.wait_for(asyncio.shield(waiter), timeout)
        except asyncio.TimeoutError:
            raise Timeout(f"transaction {hex0x(tx_hash)} was admitted but not committed within {timeout} s",
                          {"tx_hash": hex0x(tx_hash)}) from None
    finally:
        service.drop_waiter(tx_hash, waiter)


@REGISTRY.method(
    "hutong_getTransaction", doc="A transaction by hash: committed (with block and index) or pending "
                                 "(block and index null); null if unknown.",
    params=(Param("hash", HASH, "transaction hash"),), result=NULLABLE(TRANSACTION),
    example=([EXAMPLE_HASH], {"hash": EXAMPLE_HASH, "from": EXAMPLE_ADDRESS, "to": "0x" + "11" * 20, "nonce": 3,
                              "value": 0, "gas_limit": 100000, "gas_price": 0, "data": "0xa9059cbb…", "expiry": 0,
                              "public_key": "0x" + "d4" * 32, "block": 12, "index": 0}))
async def get_transaction(ctx: CallContext, hash: bytes) -> dict | None:
    service = ctx.service
    pending = service.chain.mempool.by_hash.get(hash)
    if pending is not None:
        return transaction_object(pending, None, None)
    found = await service.read(service.chain.transaction, hash)
    if found is None:
        return None
    decoded, height, index = found
    return transaction_object(decoded, height, index)


@REGISTRY.method(
    "hutong_getTransactionReceipt",
    doc="The receipt of a committed transaction, or null: status, gas used, output, logs, created contract, "
        "and for a failure the decoded revert (error name, arguments, source file, line and column).",
    params=(Param("hash", HASH, "transaction hash"),), result=NULLABLE(RECEIPT),
    example=([EXAMPLE_HASH], {"tx_hash": EXAMPLE_HASH, "block": 12, "block_hash": "0x" + "4d" * 32, "index": 0,
                              "status": "revert", "gas_used": 12650, "output": "0x8329cec9…",
                              "from": EXAMPLE_ADDRESS, "to": "0x" + "11" * 20, "nonce": 3, "created": None,
                              "halt": None, "logs": [], "failure": {
                                  "status": "revert", "error": {"name": "InsufficientBalance",
                                                                "args": {"needed": 5000, "available": 1000}},
                                  "location": {"file": "token.ht", "line": 28, "column": 9}}}))
async def get_transaction_receipt(ctx: CallContext, hash: bytes) -> dict | None:
    return await ctx.service.read(ctx.service.chain.receipt, hash)


# --- blocks ----------------------------------------------------------------------------------

def resolve_height(service, tag: int | None) -> int:
    head = service.head.height
    if tag is None:
        return head
    if tag > head:
        raise UnknownBlock(f"no block at height {tag} yet (the head is {head})")
    return tag


@REGISTRY.method(
    "hutong_getBlockByNumber", doc="A block by height (transactions as hashes, or as objects with full=true).",
    params=(Param("height", BlockTag(), 'a height, "latest" or "earliest"'),
            Param("full", Boolean(), "transactions as objects", required=False, default=False)),
    result=NULLABLE(BLOCK), example=([12, False], {**EXAMPLE_HEADER, "transactions": [EXAMPLE_HASH]}))
async def get_block_by_number(ctx: CallContext, height: int | None, full: bool) -> dict | None:
    service = ctx.service
    height = service.head.height if height is None else height
    block = await service.block_at(height)
    return None if block is None else await block_json(service, block, full)


async def block_json(service, block: Block, full: bool) -> dict:
    """A block as JSON; decoding its transactions (up to thousands) on a reader thread."""
    if full and block.transactions:
        return await service.read(block_object, block, True)
    return block_object(block, full)


@REGISTRY.method(
    "hutong_getBlockByHash", doc="A block by hash (transactions as hashes, or as objects with full=true).",
    params=(Param("hash", HASH, "block hash"),
            Param("full", Boolean(), "transactions as objects", required=False, default=False)),
    result=NULLABLE(BLOCK), example=([EXAMPLE_HASH, False], {**EXAMPLE_HEADER, "transactions": []}))
async def get_block_by_hash(ctx: CallContext, hash: bytes, full: bool) -> dict | None:
    service = ctx.service
    height = await service.read(service.chain.height_of, hash)
    if height is None:
        return None
    block = await service.block_at(height)
    return None if block is None else await block_json(service, block, full)


# --- accounts and contracts -------------------------------------------------------------------

@REGISTRY.method("hutong_getBalance", doc="An account's balance at a height.",
                 params=(Param("address", ADDRESS, "account address"), HEIGHT),
                 result=INT, errors=UNKNOWN_BLOCK, example=([EXAMPLE_ADDRESS, "latest"], 10**24))
async def get_balance(ctx: CallContext, address: bytes, height: int | None) -> int:
    service = ctx.service
    version = None if height is None else resolve_height(service, height)
    return (await service.read(service.chain.account, address, version)).balance


@REGISTRY.method(
    "hutong_getNonce", doc='An account\'s nonce at a height; "pending" counts its transactions waiting in the '
                           "mempool (the nonce to sign next).",
    params=(Param("address", ADDRESS, "account address"),
            Param("height", BlockTag(pending=True), 'a height, "latest", "earliest" or "pending"', required=False)),
    result=INT, errors=UNKNOWN_BLOCK, example=([EXAMPLE_ADDRESS, "pending"], 4))
async def get_nonce(ctx: CallContext, address: bytes, height) -> int:
    service = ctx.service
    if height == "pending":
        return await service.read(service.chain.next_nonce, address)
    version = None if height is None else resolve_height(service, height)
    return (await service.read(service.chain.account, address, version)).nonce


@REGISTRY.method("hutong_getCode", doc="A contract's code container (0x when the account has none).",
                 params=(Param("address", ADDRESS, "contract address"), HEIGHT), result=HEX, errors=UNKNOWN_BLOCK,
                 example=([EXAMPLE_ADDRESS, "latest"], "0x48544331…"))
async def get_code(ctx: CallContext, address: bytes, height: int | None) -> str:
    service = ctx.service
    version = None if height is None else resolve_height(service, height)
    return hex0x(await service.read(service.chain.code, address, version))


@REGISTRY.method(
    "hutong_getStorage", doc="One storage value of a contract, by its layout path (see the compiler's layout "
                             "file), or null when unset.",
    params=(Param("address", ADDRESS, "contract address"), Param("path", HexBytes(max_size=480), "storage path"),
            HEIGHT), result=HEX_OR_NULL, errors=UNKNOWN_BLOCK,
    example=([EXAMPLE_ADDRESS, "0x0000", "latest"], "0x2710"))
async def get_storage(ctx: CallContext, address: bytes, path: bytes, height: int | None) -> str | None:
    service = ctx.service
    version = None if height is None else resolve_height(service, height)
    value = await service.read(service.chain.storage, address, path, version)
    return None if value is None else hex0x(value)


@REGISTRY.method(
    "hutong_getContract", doc="The metadata a contract was deployed with (name, ABI, source map, source), or null.",
    params=(Param("address", ADDRESS, "contract address"),),
    result=NULLABLE({"type": "object", "properties": {"name": {"type": ["string", "null"]}, "abi": {},
                                                       "source_map": {}, "source": {"type": ["string", "null"]}}}),
    example=([EXAMPLE_ADDRESS], {"name": "Token", "abi": {"functions": ["…"]}, "source_map": {"…": "…"},
                                 "source": "#@ version 0.1\n…"}))
async def get_contract(ctx: CallContext, address: bytes) -> dict | None:
    found = await ctx.service.read(ctx.service.chain.contract_metadata, address)
    if found is None:
        return None
    return {key: found.get(key) for key in ("name", "abi", "source_map", "source")}


# --- read-only execution ----------------------------------------------------------------------

CALL_FIELDS = (
    Param("from", ADDRESS, "sender (default: the zero address)", required=False),
    Param("to", ADDRESS, "contract called"),
    Param("data", HexBytes(max_size=MAX_TX_BYTES, what="selector and arguments"), "4-byte selector, then arguments"),
    Param("value", Integer(0, 2**128 - 1), "value sent", required=False, default=0),
    Param("gas", Integer(1, 2**64 - 1), "gas (default and maximum: the node's call gas cap)", required=False),
)
ESTIMATE_FIELDS = (
    Param("from", ADDRESS, "sender (default: the zero address)", required=False),
    Param("to", ADDRESS, "contract called; leave it out to estimate a deployment", required=False),
    Param("data", HexBytes(max_size=MAX_TX_BYTES, what="call or deployment data"),
          "a call's selector and arguments, or a deployment's data (node/tx.py)"),
    Param("value", Integer(0, 2**128 - 1), "value sent", required=False, default=0),
)
EXECUTION_ERRORS = ((Timeout.code, Timeout.name),) + UNKNOWN_BLOCK


@REGISTRY.method(
    "hutong_call", doc="Execute a call on the state at a height without keeping anything (bounded by the node's "
                       "call gas cap and time limit).",
    params=(Param("call", Fields(CALL_FIELDS, "call"), "the message"), HEIGHT),
    result={"type": "object", "properties": {"status": {"type": "string"}, "output": HEX, "gas_used": INT,
                                             "failure": FAILURE}},
    errors=EXECUTION_ERRORS,
    example=([{"to": EXAMPLE_ADDRESS, "data": "0x70a08231…"}, "latest"],
             {"status": "success", "output": "0x…", "gas_used": 2311}))
async def call(ctx: CallContext, call: dict, height: int | None) -> dict:
    service = ctx.service
    version = None if height is None else resolve_height(service, height)
    data = call["data"]
    gas = call["gas"] if call["gas"] is not None else service.limits.call_gas_cap
    message = Message(call["from"] or ZERO_ADDRESS, call["to"], gas, value=call["value"], selector=data[:4],
                      data=data[4:], static=False)
    result, explanation = await service.dry_run(message, version)
    out = {"status": result.status.value, "output": hex0x(result.output), "gas_used": result.gas_used}
    if explanation is not None:
        out["failure"] = explanation
    return out


@REGISTRY.method(
    "hutong_estimateGas",
    doc="Gas for a transaction: the intrinsic cost (base plus per data byte) plus the gas its message uses in a "
        "dry run on the latest state. A dry run that fails is refused with execution_failed and its explanation.",
    params=(Param("transaction", Fields(ESTIMATE_FIELDS, "transaction"), "the transaction to estimate"), HEIGHT),
    result=INT, errors=((ExecutionFailed.code, ExecutionFailed.name), (BAD_DEPLOYMENT[0], BAD_DEPLOYMENT[1]))
    + EXECUTION_ERRORS, example=([{"from": EXAMPLE_ADDRESS, "to": "0x" + "11" * 20, "data": "0xa9059cbb…"}], 36120))
async def estimate_gas(ctx: CallContext, transaction: dict, height: int | None) -> int:
    service = ctx.service
    version = None if height is None else resolve_height(service, height)
    sender = transaction["from"] or ZERO_ADDRESS
    data = transaction["data"]
    cap = service.limits.call_gas_cap
    metadata = None
    if transaction["to"] is None:
        # Inflating and parsing up to MAX_METADATA of JSON: on a reader thread, not the event loop.
        container, constructor_args, metadata = await service.read(split_deployment, data)
        nonce = (await service.read(service.chain.account, sender, version)).nonce
        message = Message(sender, None, cap, value=transaction["value"], code=container, data=constructor_args,
                          nonce=nonce)
    else:
        message = Message(sender, transaction["to"], cap, value=transaction["value"], selector=data[:4],
                          data=data[4:])
    result, explanation = await service.dry_run(message, version, metadata)
    if explanation is not None:
        raise ExecutionFailed(f"the transaction would fail: {describe_failure(explanation)}", explanation)
    return TX_BASE_GAS + TX_DATA_BYTE_GAS * len(data) + result.gas_used


# --- proofs and logs ------------------------------------------------------------------------------

@REGISTRY.method(
    "hutong_getProof",
    doc="A Merkle proof of one state key (present or absent) against the state root of a block header: "
        "verify it with node.state.verify_proof(state_root, key, value, proof, hash_name).",
    params=(Param("key", HexBytes(max_size=511, what="state key"), "state key (e.g. account prefix + address)"),
            HEIGHT),
    result={"type": "object", "properties": {"key": HEX, "value": HEX_OR_NULL, "proof": HEX, "height": INT,
                                             "state_root": HEX, "hash_name": {"type": "string"},
                                             "header": {**HEADER, "description": "with `encoded`: the header's "
                                                        "canonical encoding, whose sha3_256 is the block hash"}}},
    errors=UNKNOWN_BLOCK,
    example=(["0x61…", "latest"], {"key": "0x61…", "value": "0x…", "proof": "0x01050100…", "height": 12,
                                   "state_root": "0x" + "a1" * 32, "hash_name": "sha3_256",
                                   "header": {**EXAMPLE_HEADER, "encoded": "0x…"}}))
async def get_proof(ctx: CallContext, key: bytes, height: int | None) -> dict:
    service = ctx.service
    version = resolve_height(service, height)
    if not key:
        raise invalid_params("key must not be empty")

    def prove():
        store = service.chain.store
        return store.get(key, version), store.prove(key, version).to_bytes(), service.chain.block_at(version)
    value, proof, block = await service.read(prove)
    header = {**header_object(block.header, block.signature), "encoded": hex0x(block.header.encode())}
    return {"key": hex0x(key), "value": None if value is None else hex0x(value), "proof": hex0x(proof),
            "height": version, "state_root": hex0x(block.header.state_root),
            "hash_name": service.chain.store.hash_name, "header": header}


LOG_FILTER = (
    Param("address", ADDRESS, "only logs of this contract", required=False),
    Param("topics", Topics(), "per position: null (any), a topic, or a list of topics (any of them)",
          required=False, default=[]),
    Param("fromBlock", BlockTag(), 'first height (default "latest")', required=False),
    Param("toBlock", BlockTag(), 'last height (default "latest")', required=False),
)


def log_range(service, log_filter: dict) -> tuple[int, int] | None:
    """[start, end] clamped to the head, or None when it lies wholly ahead;
    LimitExceeded for a range over the limit."""
    head = service.head.height
    start = head if log_filter["fromBlock"] is None else log_filter["fromBlock"]
    end = head if log_filter["toBlock"] is None else log_filter["toBlock"]
    if start > end:
        raise invalid_params(f"fromBlock {start} is after toBlock {end}")
    if start > head:
        return None
    end = min(end, head)
    limit = service.limits.max_log_range
    if end - start + 1 > limit:
        raise LimitExceeded(f"a log query spans at most {limit} blocks; this one spans {end - start + 1}",
                            {"limit": "max_log_range", "max": limit})
    return start, end


@REGISTRY.method(
    "hutong_getLogs", doc="Logs from the log index, filtered by contract and topics, within the documented caps on "
                          "range, results and index entries examined (limit_exceeded otherwise).",
    params=(Param("filter", Fields(LOG_FILTER, "log filter"), "the filter", required=False, default=None),),
    result={"type": "array", "items": LOG}, errors=((LimitExceeded.code, LimitExceeded.name),),
    example=([{"address": EXAMPLE_ADDRESS, "fromBlock": 0}], [{
        "address": EXAMPLE_ADDRESS, "topics": ["0x" + "77" * 32], "data": "0x…", "block": 1,
        "block_hash": "0x" + "4d" * 32, "tx_hash": EXAMPLE_HASH, "tx_index": 0, "log_index": 0}]))
async def get_logs(ctx: CallContext, filter: dict | None) -> list[dict]:
    service = ctx.service
    log_filter = filter or {p.name: p.default for p in LOG_FILTER}
    bounds = log_range(service, log_filter)
    if bounds is None:
        return []
    limits = service.limits
    found = await service.read(service.chain.logs, bounds[0], bounds[1], log_filter["address"],
                               log_filter["topics"], limits.max_log_results, limits.max_log_scan)
    if len(found) > limits.max_log_results:
        raise LimitExceeded(f"more than {limits.max_log_results} logs match; narrow the block range or the filter",
                            {"limit": "max_log_results", "max": limits.max_log_results})
    return found


@REGISTRY.method("rpc.discover", doc="This API described as an OpenRPC document (also GET /openrpc.json).",
                 result={"type": "object", "description": "OpenRPC 1.2.6 document"}, result_name="OpenRPC document")
async def discover(ctx: CallContext) -> dict:
    return REGISTRY.openrpc(node_version())


# --- subscriptions (WebSocket) ----------------------------------------------------------------------

SUBSCRIPTION_KINDS = ("newHeads", "logs", "pendingTransactions")


@REGISTRY.method(
    "hutong_subscribe",
    doc='Subscribe to "newHeads" (each committed block\'s header), "logs" (logs matching a filter {address?, '
        'topics?}; with options {"fromBlock": n} it first replays from height n out of the index, then goes on '
        'live, with no gap and no duplicate) or "pendingTransactions" (hashes as they are admitted). '
        'Notifications: {"jsonrpc":"2.0","method":"hutong_subscription","params":{"subscription":id,"result":…}}.',
    params=(Param("kind", Choice(SUBSCRIPTION_KINDS), "what to receive"),
            Param("filter", Fields(LOG_FILTER[:2], "log filter"), "logs: address and topics", required=False,
                  default=None),
            Param("options", Fields((Param("fromBlock", BlockTag(), "replay logs from this height first",
                                           required=False),), "options"), "logs: where to start",
                  required=False, default=None)),
    result={"type": "string"}, result_name="subscription id", websocket_only=True,
    errors=((LimitExceeded.code, LimitExceeded.name),), example=(["logs", {"address": EXAMPLE_ADDRESS},
                                                                   {"fromBlock": 0}], "0x9f3c2a61d04e7b18"))
async def subscribe(ctx: CallContext, kind: str, filter: dict | None, options: dict | None) -> str:
    if kind != "logs" and (filter is not None or options is not None):
        raise invalid_params(f"{kind} takes no filter or options")
    log_filter = filter or {"address": None, "topics": []}
    from_height = (options or {}).get("fromBlock")
    return ctx.connection.subscribe(ctx, kind, log_filter, from_height)


@REGISTRY.method("hutong_unsubscribe", doc="Cancel a subscription of this connection; false if it has none by that id.",
                 params=(Param("id", HexBytes(size=8, what="subscription id"), "subscription id"),),
                 result={"type": "boolean"}, websocket_only=True, example=(["0x9f3c2a61d04e7b18"], True))
async def unsubscribe(ctx: CallContext, id: bytes) -> bool:
    return ctx.connection.unsubscribe(hex0x(id))


def method_names() -> list[str]:
    return list(REGISTRY.methods)

