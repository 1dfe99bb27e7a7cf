"""The chain: state store, mempool, block building, commits and queries.

`ChainCore` is synchronous and does no networking; the aiohttp server
(node/server.py) runs it on one worker thread, and the in-process `Chain` of
the developer tools (node/devchain.py) calls it directly. Both therefore share
exactly the node's execution.

Commit. Each block is written in **one** store write transaction: the state
tree's new nodes and root, the flat state, and the node tables (`blocks`,
`hashes`, `txs`, `receipts`, `logs`, `logaddr`, `contracts`, `meta`). The block
header carries the state root computed inside that same transaction, so a
crash either keeps the whole block or none of it.

Stored forms. Receipts (`receipts`, by transaction hash) and log index
entries (`logs`, by height || transaction index || log index; `logaddr` is
address || that key) are canonical encodings (RECEIPT_RECORD_TYPE,
LOG_ENTRY_TYPE): writing them costs a third of writing JSON, and the JSON the
API serves is made when they are read.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable

from vm import BlockEnv, Message, abi, create_address, execute
from vm.state import ACCOUNT_PREFIX, CODE_PREFIX, STORAGE_PREFIX, Account

from . import crypto
from .block import (
    RECEIPT_MAX_TOTAL, STATUS_CODES, ZERO_HASH, Block, Genesis, Header, receipts_root, signing_payload, tx_root,
)
from .errors import ALREADY_KNOWN, NONCE_TOO_HIGH, InvalidBlock, LimitExceeded, NodeError, UnknownBlock, invalid
from .execution import BlockContext, BlockOutcome, apply_block, check_against_state
from .explain import explain_failure
from .mempool import Mempool, MempoolLimits
from .protocol import MAX_BLOCK_TXS, MAX_FUTURE_DRIFT
from .state import StoreOverlay, VersionError
from .tx import Decoded, check_static, decode, split_deployment

TABLES = ("blocks", "hashes", "txs", "receipts", "logs", "logaddr", "contracts", "meta")
NO_PRODUCER = b"\x00" * 20  # the fee recipient of a block without a producer key
LOG_SCAN_PAGE = 1024
log = logging.getLogger("hutong.node")

# (height, block hash, index, status, gas used, output, sender, to, nonce, created, halt, logs, failure JSON)
RECEIPT_RECORD_TYPE = ("(u64,bytes32,u32,u8,u64,bytes<=1048576,address,bytes<=20,u64,bytes<=20,bytes<=65536,"
                       "(address,bytes32[<=4],bytes<=1048576)[<=1024],bytes<=4194304)")
# (block hash, transaction hash, address, topics, data)
LOG_ENTRY_TYPE = "(bytes32,bytes32,address,bytes32[<=4],bytes<=1048576)"
# Like a receipt's, a record's byte-string parts together may pass one ENCODE's 1 MiB.
_RECORD = abi.codec(RECEIPT_RECORD_TYPE, RECEIPT_MAX_TOTAL + 65_536 + 4_194_304)
_LOG_ENTRY = abi.codec(LOG_ENTRY_TYPE)
STATUS_NAMES = {code: name for name, code in STATUS_CODES.items()}


def u64(n: int) -> bytes:
    return n.to_bytes(8, "big")


def u32(n: int) -> bytes:
    return n.to_bytes(4, "big")


class _AtVersion:
    """The committed state at one version, as the base of a StoreOverlay: a
    read-only execution sees one consistent state even if blocks commit meanwhile."""

    def __init__(self, store, version: int):
        self.store = store
        self.version = version

    def get(self, key: bytes) -> bytes | None:
        return self.store.get(key, self.version)

    def latest_version(self) -> int:
        return self.version


@dataclass
class PendingBlock:
    """A block built on the current head, not yet committed."""

    header_fields: dict
    outcome: BlockOutcome
    changes: dict[bytes, bytes | None]


class ChainCore:
    def __init__(self, store, genesis: Genesis, producer: crypto.Key | None = None,
                 mempool_limits: MempoolLimits = MempoolLimits()):
        self.store = store
        self.genesis = genesis
        self.producer = producer
        self.mempool = Mempool(mempool_limits)
        self.lock = threading.RLock()
        self._deployers = frozenset(genesis.deployers) if genesis.deployers is not None else None
        if store.latest_version() is None:
            self._write_genesis()
        self._check_genesis()
        self.head = self.header_at(store.latest_version())

    # --- genesis --------------------------------------------------------------

    def _write_genesis(self) -> None:
        changes = {}
        for address, balance in self.genesis.balances:
            changes[ACCOUNT_PREFIX + address] = Account(0, balance).encode()
        genesis_json = self.genesis.to_json().encode()

        def extra(root: bytes):
            header = Header(0, ZERO_HASH, self.genesis.timestamp, root, tx_root([]), receipts_root([]), 0,
                            self.genesis.block_gas_limit, b"")
            block = Block(header, b"", ())
            return [("blocks", u64(0), block.encode()), ("hashes", header.hash, u64(0)),
                    ("meta", b"genesis", genesis_json)]
        self.store.apply(changes, 0, extra)

    def _check_genesis(self) -> None:
        stored = self.store.read("meta", b"genesis")
        if stored != self.genesis.to_json().encode():
            raise NodeError("the data directory holds a chain with a different genesis")

    # --- reading ----------------------------------------------------------------

    def header_at(self, height: int) -> Header:
        raw = self.store.read("blocks", u64(height))
        if raw is None:
            raise UnknownBlock(f"no block at height {height}")
        return Block.decode(raw).header

    def block_at(self, height: int) -> Block | None:
        raw = self.store.read("blocks", u64(height))
        return Block.decode(raw) if raw is not None else None

    def height_of(self, block_hash: bytes) -> int | None:
        raw = self.store.read("hashes", block_hash)
        return int.from_bytes(raw, "big") if raw is not None else None

    def account(self, address: bytes, version: int | None = None) -> Account:
        return Account.decode(self.store.get(ACCOUNT_PREFIX + address, version))

    def code(self, address: bytes, version: int | None = None) -> bytes:
        code_hash = self.account(address, version).code_hash
        return (self.store.get(CODE_PREFIX + code_hash, version) or b"") if code_hash else b""

    def storage(self, address: bytes, path: bytes, version: int | None = None) -> bytes | None:
        return self.store.get(STORAGE_PREFIX + address + path, version)

    def contract_metadata(self, address: bytes) -> dict | None:
        raw = self.store.read("contracts", address)
        return json.loads(raw) if raw else None

    def receipt(self, tx_hash: bytes) -> dict | None:
        raw = self.store.read("receipts", tx_hash)
        return receipt_record(tx_hash, _RECORD.decode_fields(raw)[0]) if raw else None

    def transaction(self, tx_hash: bytes) -> tuple[Decoded, int, int] | None:
        """(decoded transaction, height, index) of a committed transaction."""
        where = self.store.read("txs", tx_hash)
        if where is None:
            return None
        height, index = int.from_bytes(where[:8], "big"), int.from_bytes(where[8:], "big")
        block = self.block_at(height)
        return decode(block.transactions[index]), height, index

    def logs(self, start: int, end: int, address: bytes | None, topics: list, limit: int,
             scan_limit: int | None = None) -> list[dict]:
        """Logs in heights [start, end] matching an address and per-position topic
        sets, read from the log index page by page. Stops after `limit + 1`
        matches (more than `limit`: the caller decides what that means); raises
        LimitExceeded once more than `scan_limit` index entries were examined."""
        if address is not None:
            table, low, high, prefix = "logaddr", address + u64(start), address + u64(end + 1), len(address)
        else:
            table, low, high, prefix = "logs", u64(start), u64(end + 1), 0
        wanted = [None if options is None else {bytes.fromhex(t[2:]) for t in
                                                ([options] if isinstance(options, str) else options)}
                  for options in topics]
        out: list[dict] = []
        scanned = 0
        while True:
            rows = self.store.scan(table, low, high, limit=LOG_SCAN_PAGE)
            for key, raw in rows:
                scanned += 1
                if scan_limit is not None and scanned > scan_limit:
                    raise LimitExceeded(f"more than {scan_limit} logs lie in this range; narrow the block range "
                                        "or filter by address", {"limit": "max_log_scan", "max": scan_limit})
                if prefix:
                    key = key[prefix:]
                    raw = self.store.read("logs", key)
                (block_hash, tx_hash, address, have, data), _ = _LOG_ENTRY.decode_fields(raw)
                if _topics_match(have, wanted):
                    out.append(log_entry(key, block_hash, tx_hash, address, have, data))
                    if len(out) > limit:
                        return out
            if len(rows) < LOG_SCAN_PAGE:
                return out
            low = rows[-1][0] + b"\x00"

    # --- admission -------------------------------------------------------------------

    def context(self, height: int, timestamp: int, producer: bytes | None = None) -> BlockContext:
        """`producer`: the fee recipient's address (default: this node's producer)."""
        if producer is None:
            producer = self.producer.address if self.producer else NO_PRODUCER
        return BlockContext(height, timestamp, self.genesis.chain_id, producer, self.genesis.block_gas_limit,
                            self.genesis.min_gas_price, self._deployers)

    def admit(self, raw: bytes, *, signature_checked: bool = False) -> Decoded:
        """Admit a raw transaction into the mempool, or raise InvalidTransaction.
        Cheapest first; the signature before any state lookup."""
        decoded = decode(raw)
        if not signature_checked:
            check_static(decoded, self.genesis.chain_id)
        return self.admit_decoded(decoded)

    def admit_decoded(self, decoded: Decoded) -> Decoded:
        """Admit a transaction whose signature has been checked (check_static)."""
        result = self.admit_many([decoded])[0]
        if isinstance(result, NodeError):
            raise result
        return result

    def admit_many(self, batch: list[Decoded]) -> list[Decoded | NodeError]:
        """Admit signature-checked transactions in order, under one lock: each
        entry of the result is the admitted transaction or why it was refused."""
        with self.lock:
            state = StoreOverlay(self.store)
            context = self.context(self.head.height + 1, self.head.timestamp + 1)
            results: list[Decoded | NodeError] = []
            for decoded in batch:
                try:
                    if self.store.read("txs", decoded.hash) is not None:
                        raise invalid(ALREADY_KNOWN, "transaction is already in a block")
                    account = check_against_state(state, context, decoded, exact_nonce=False)
                    if decoded.tx.is_deployment:
                        split_deployment(decoded.tx.data)
                    self.mempool.add(decoded, account.nonce, context.height)
                    results.append(decoded)
                except NodeError as error:
                    results.append(error)
            return results

    def next_nonce(self, address: bytes) -> int:
        with self.lock:
            return self.mempool.pending_nonce(address, self.account(address).nonce)

    # --- building and committing blocks -------------------------------------------------

    def build_block(self, timestamp: int) -> PendingBlock:
        with self.lock:
            height = self.head.height + 1
            timestamp = max(timestamp, self.head.timestamp + 1)
            state = StoreOverlay(self.store)
            context = self.context(height, timestamp)
            candidates = self.mempool.ready(lambda a: Account.decode(state.get(ACCOUNT_PREFIX + a)).nonce,
                                            MAX_BLOCK_TXS)
            outcome = apply_block(state, context, candidates, drop_invalid=True, check_receipt=_check_receipt)
            for decoded, error in outcome.excluded:
                if not isinstance(error, NodeError):
                    log.error("transaction 0x%s failed unexpectedly while building block %d and is dropped "
                              "from the mempool: %r", decoded.hash.hex(), height, error, exc_info=error)
                # A later nonce of a sender whose earlier transaction was left out
                # (it did not fit the block) waits for the next block.
                if getattr(error, "code", None) != NONCE_TOO_HIGH[0]:
                    self.mempool.remove(decoded)
            fields = dict(height=height, parent=self.head.hash, timestamp=timestamp,
                          tx_root=tx_root([d.hash for d in outcome.included]),
                          receipts_root=receipts_root(outcome.receipts), gas_used=outcome.gas_used,
                          gas_limit=self.genesis.block_gas_limit,
                          producer=self.producer.public_key if self.producer else b"")
            return PendingBlock(fields, outcome, state.changes())

    def commit(self, pending: PendingBlock) -> tuple[Block, list[dict]]:
        """Write a built block in one store transaction. Returns it and its receipts."""
        with self.lock:
            fields = pending.header_fields
            self._check_parent(fields["height"], fields["parent"])
            outcome = pending.outcome

            def make_block(root: bytes) -> Block:
                header = Header(state_root=root, **fields)
                signature = self.producer.sign(signing_payload(header)) if self.producer else b""
                return Block(header, signature, tuple(d.raw for d in outcome.included))
            return self._write_block(fields["height"], pending.changes, outcome, make_block)

    def replay_block(self, block: Block, now: int | None = None, *,
                     signatures_checked: bool = False) -> tuple[Block, list[dict]]:
        """Check and commit a block produced elsewhere (delivered by an ordering
        log): parent and height, the timestamp rule, the producer's authority and
        signature, every transaction's signature, then re-execution with
        `apply_block(drop_invalid=False)` and the transactions root, receipts
        root, gas used and state root. Raises InvalidBlock and writes nothing
        unless everything matches. `signatures_checked`: the transactions'
        signatures were verified already (the node does it on its process pool)."""
        header = block.header
        with self.lock:
            self._check_parent(header.height, header.parent)
            self.check_timestamp(header, int(time.time()) if now is None else now)
            self.check_producer(block)
            if header.gas_limit != self.genesis.block_gas_limit:
                raise InvalidBlock(f"block gas limit {header.gas_limit} is not the chain's "
                                   f"{self.genesis.block_gas_limit}")
            transactions = []
            for index, raw in enumerate(block.transactions):
                try:
                    decoded = decode(raw)
                    if not signatures_checked:
                        check_static(decoded, self.genesis.chain_id)
                except NodeError as error:
                    raise InvalidBlock(f"transaction {index}: {error.message}") from None
                transactions.append(decoded)
            if tx_root([d.hash for d in transactions]) != header.tx_root:
                raise InvalidBlock("transactions root does not match the block's transactions")
            state = StoreOverlay(self.store)
            producer = crypto.address_of(header.producer) if header.producer else NO_PRODUCER
            try:
                outcome = apply_block(state, self.context(header.height, header.timestamp, producer), transactions,
                                      drop_invalid=False)
            except NodeError as error:
                raise InvalidBlock(f"a transaction cannot be included: {error.message}") from None
            if outcome.gas_used != header.gas_used:
                raise InvalidBlock(f"gas used is {outcome.gas_used}, the header says {header.gas_used}")
            if receipts_root(outcome.receipts) != header.receipts_root:
                raise InvalidBlock("receipts root does not match re-execution")

            def same_block(root: bytes) -> Block:
                if root != header.state_root:  # raising here aborts the write transaction
                    raise InvalidBlock(f"state root after re-execution is {root.hex()}, "
                                       f"the header says {header.state_root.hex()}")
                return block
            committed = self._write_block(header.height, state.changes(), outcome, same_block)
            for decoded in transactions:
                self.mempool.remove(decoded)
            return committed

    def check_producer(self, block: Block) -> None:
        """The producer is one of the genesis authorities (any key when the
        genesis lists none) and signed the header; a chain without authorities
        may also carry unsigned blocks (no producer, no signature)."""
        header = block.header
        authorities = self.genesis.authorities
        if not authorities and not header.producer and not block.signature:
            return
        if authorities and header.producer not in authorities:
            raise InvalidBlock(f"producer 0x{header.producer.hex()} is not an authority of this chain")
        if not crypto.verify(header.producer, block.signature, signing_payload(header)):
            raise InvalidBlock("the producer's signature does not verify")

    def _check_parent(self, height: int, parent: bytes) -> None:
        if height != self.head.height + 1 or parent != self.head.hash:
            raise InvalidBlock(f"block {height} does not extend the head (height {self.head.height}, "
                               f"hash 0x{self.head.hash.hex()})")

    def _write_block(self, height: int, changes: dict, outcome: BlockOutcome,
                     make_block: Callable[[bytes], Block]) -> tuple[Block, list[dict]]:
        """One store write transaction: state, block, receipts and indexes.
        `make_block(state_root)` runs inside it; raising there aborts it."""
        built: list[Block] = []

        def extra(root: bytes):
            block = make_block(root)
            built.append(block)
            return self._index_writes(block, outcome)
        self.store.apply(changes, height, extra)
        block = built[0]
        self.head = block.header
        state = StoreOverlay(self.store)
        self.mempool.prune(lambda a: Account.decode(state.get(ACCOUNT_PREFIX + a)).nonce, block.header.height + 1,
                           senders=(d.sender for d in outcome.included))
        return block, self._receipt_records

    def _index_writes(self, block: Block, outcome: BlockOutcome) -> list:
        height = block.header.height
        block_hash = block.hash
        writes = [("blocks", u64(height), block.encode()), ("hashes", block_hash, u64(height)),
                  ("meta", b"head", u64(height))]
        for address, metadata in outcome.metadata.items():
            writes.append(("contracts", address, json.dumps(metadata, sort_keys=True).encode()))
        records = []
        for index, (decoded, receipt) in enumerate(zip(outcome.included, outcome.receipts)):
            location = u64(height) + u32(index)
            writes.append(("txs", decoded.hash, location))
            failure = b""
            if receipt.status != "success":
                explanation = explain_failure(receipt.status, receipt.output, receipt.halt, receipt.failure,
                                              lambda a: outcome.metadata.get(a) or self.contract_metadata(a))
                failure = json.dumps(explanation, separators=(",", ":")).encode()
            fields = _record_fields(receipt, height, block_hash, index, failure)
            writes.append(("receipts", decoded.hash, _RECORD.encode_fields(*fields)))
            records.append(receipt_record(decoded.hash, fields))
            for log_index, log in enumerate(receipt.logs):
                key = location + u32(log_index)
                writes.append(("logs", key, _LOG_ENTRY.encode_fields(block_hash, decoded.hash, log.address,
                                                                     list(log.topics), log.data)))
                writes.append(("logaddr", log.address + key, b""))
        self._receipt_records = records
        return writes

    # --- read-only execution ---------------------------------------------------------------

    def dry_run(self, message: Message, gas_cap: int, height: int | None = None,
                metadata: dict | None = None):
        """Execute a message on the state at `height` (default: the head) as if
        in the next block, keeping nothing. `metadata`: a deployment's own
        metadata, to explain failures inside its constructor.
        Returns (vm result, explanation or None)."""
        version = self.head.height if height is None else height
        header = self.header_at(version)
        try:
            state = StoreOverlay(_AtVersion(self.store, version))
        except VersionError as error:
            raise UnknownBlock(str(error)) from None
        env = BlockEnv(version + 1, header.timestamp + 1, self.genesis.chain_id)
        if message.gas > gas_cap:
            message = Message(**{**message.__dict__, "gas": gas_cap})
        result = execute(message, state, env)
        explanation = None
        if not result.success:
            created = create_address(message.sender, message.nonce) if message.to is None else None

            def metadata_of(address: bytes) -> dict | None:
                if address == created:
                    return metadata
                return self.contract_metadata(address)
            explanation = explain_failure(result.status.value, result.output, result.halt or "", result.failure,
                                          metadata_of)
        return result, explanation

    def check_timestamp(self, header: Header, now: int) -> None:
        if header.timestamp <= self.head.timestamp:
            raise InvalidBlock("block timestamp must exceed its parent's")
        if header.timestamp > now + MAX_FUTURE_DRIFT:
            raise InvalidBlock(f"block timestamp is more than {MAX_FUTURE_DRIFT} s ahead of this node's clock")


def _check_receipt(receipt) -> None:
    """Building a block: the receipt encodes as the receipts root hashes it and
    as the node stores it (raises otherwise; the transaction is left out)."""
    receipt.encode()
    _RECORD.encode_fields(*_record_fields(receipt, 0, ZERO_HASH, 0, b""))


def _record_fields(receipt, height: int, block_hash: bytes, index: int, failure: bytes) -> tuple:
    """A receipt's RECEIPT_RECORD_TYPE fields, as stored at (height, index)."""
    logs = [[log.address, list(log.topics), log.data] for log in receipt.logs]
    return (height, block_hash, index, STATUS_CODES[receipt.status], receipt.gas_used, receipt.output,
            receipt.sender, receipt.to or b"", receipt.nonce, receipt.created or b"",
            (receipt.halt or "").encode(), logs, failure)


def receipt_record(tx_hash: bytes, fields) -> dict:
    """A stored receipt (RECEIPT_RECORD_TYPE fields) as the API's JSON object."""
    (height, block_hash, index, status, gas_used, output, sender, to, nonce, created, halt, logs,
     failure) = fields
    record = {
        "tx_hash": "0x" + tx_hash.hex(), "block": height, "block_hash": "0x" + block_hash.hex(), "index": index,
        "status": STATUS_NAMES[status], "gas_used": gas_used, "output": "0x" + output.hex(),
        "from": crypto.to_hex(sender), "to": crypto.to_hex(to) if to else None, "nonce": nonce,
        "created": crypto.to_hex(created) if created else None, "halt": halt.decode() or None,
        "logs": [{"address": crypto.to_hex(address), "topics": ["0x" + t.hex() for t in topics],
                  "data": "0x" + data.hex(), "log_index": i} for i, (address, topics, data) in enumerate(logs)],
    }
    if failure:
        record["failure"] = json.loads(failure)
    return record


def log_entry(key: bytes, block_hash: bytes, tx_hash: bytes, address: bytes, topics: list, data: bytes) -> dict:
    """A log index entry (its key: height || tx index || log index) as the API's JSON object."""
    return {"address": crypto.to_hex(address), "topics": ["0x" + t.hex() for t in topics], "data": "0x" + data.hex(),
            "block": int.from_bytes(key[:8], "big"), "block_hash": "0x" + block_hash.hex(),
            "tx_hash": "0x" + tx_hash.hex(), "tx_index": int.from_bytes(key[8:12], "big"),
            "log_index": int.from_bytes(key[12:16], "big")}


def _topics_match(have: list[bytes], want: list[set[bytes] | None]) -> bool:
    """Per position: None matches anything, a set matches any of its topics."""
    for position, options in enumerate(want):
        if options is None:
            continue
        if position >= len(have) or have[position] not in options:
            return False
    return True
