"""`Chain`: the node's execution in process, for tests and scripts; no server.

Every transaction goes through `node.execution.execute_transaction`, the
function the node runs for every transaction of a block, so gas, receipts,
addresses and failures here are the node's. Each transaction is mined at once
as its own block (height + 1, timestamp + 1 s unless the clock was moved).
Failures are explained by `node.explain` as in the node's receipts.

State is a dict with an undo journal (`DevState`), so `snapshot()` is a
journal position and `revert(snapshot)` undoes exactly what followed it:
state, blocks, receipts, logs, contracts and the clock. `state_root()` is the
root of the node's state tree over the same keys (computed on demand). A
failed transaction still uses its sender's nonce, as on the node, so "a
reverted transaction changes nothing" is
`chain.state_root(ignore_nonces=True) == before`.

    chain = Chain()
    alice, bob = chain.accounts[:2]
    token = chain.deploy("contracts/token.ht", 1_000_000, sender=alice)
    token.transfer(bob, 10, sender=alice)       # a Receipt, or raises ContractReverted
    token.balance_of(bob)                       # 10
    with chain.isolate():                       # undone at the end of the block
        chain.time_travel(86_400)
    chain.state_root()
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from typing import Any, Callable

from vm import BlockEnv, MemoryState, Message, create_address, execute
from vm.state import ACCOUNT_PREFIX, CODE_PREFIX, STORAGE_PREFIX, Account as StateAccount

from . import crypto
from .chain import _topics_match
from .devkeys import DEV_ACCOUNT_COUNT, DEV_BALANCE, DEV_CHAIN_ID, dev_key, dev_producer
from .errors import NodeError
from .execution import BlockContext, execute_transaction, intrinsic_gas
from .explain import explain_failure
from .protocol import CALL_GAS_CAP, DEFAULT_BLOCK_GAS_LIMIT
from .sdk.abi import AddressLike, address_bytes
from .sdk.contract import Contract, Receipt, Source, abi_index, decode_receipt, failure_error, load_source
from .sdk.errors import TransactionRejected
from .tx import Decoded, Transaction

GENESIS_TIMESTAMP = 1_767_225_600  # as node.devkeys.dev_genesis
IMPERSONATED_KEY = b"\x00" * 32


class DevState(MemoryState):
    """`vm.MemoryState` (a dict with an undo journal) whose journal is shared
    by the VM's own snapshots and the chain's. `commit` keeps the journal (an
    outer snapshot may still need it); the chain drops it when no snapshot of
    its own is alive. `mutations` counts changes, for caching the state root."""

    def __init__(self):
        super().__init__()
        self.mutations = 0

    def set(self, key: bytes, value: bytes | None) -> None:
        self.mutations += 1
        super().set(key, value)

    def rollback(self, snapshot: int) -> None:
        if len(self.journal) > snapshot:
            self.mutations += 1
        super().rollback(snapshot)

    def commit(self, snapshot: int) -> None:
        pass


class Account(AddressLike):
    """A dev account: a key (None for an impersonated address), its address
    as "0x..." text, and its balance and nonce read from the chain. Compares
    equal to its address (text or bytes), so `token.owner() == alice` works."""

    def __init__(self, chain: "Chain", address: bytes, key: crypto.Key | None = None):
        self.chain = chain
        self.key = key
        self.address_bytes = address
        self.address = "0x" + address.hex()

    @property
    def balance(self) -> int:
        return self.chain.balance(self.address_bytes)

    @property
    def nonce(self) -> int:
        return self.chain.nonce(self.address_bytes)

    def __repr__(self) -> str:
        return f"<Account {self.address}>"


class Chain:
    """The in-process chain (see the module doc). Backend of `Contract` proxies."""

    def __init__(self, *, chain_id: int = DEV_CHAIN_ID, timestamp: int = GENESIS_TIMESTAMP,
                 accounts: int = DEV_ACCOUNT_COUNT, balance: int = DEV_BALANCE,
                 block_gas_limit: int = DEFAULT_BLOCK_GAS_LIMIT):
        self.chain_id = chain_id
        self.block_gas_limit = block_gas_limit
        self.producer = dev_producer().address
        self.state = DevState()
        self.accounts: list[Account] = []
        for i in range(accounts):
            key = dev_key(i) if i < DEV_ACCOUNT_COUNT else crypto.Key.deterministic(f"hutong-devchain-{i}")
            self.accounts.append(Account(self, key.address, key))
            self.state.set(ACCOUNT_PREFIX + key.address, StateAccount(0, balance).encode())
        self.state.journal.clear()
        genesis = {"height": 0, "hash": "0x" + hashlib.sha3_256(b"hutong-devchain-genesis").hexdigest(),
                   "parent": "0x" + "00" * 32, "timestamp": timestamp, "transactions": [], "gas_used": 0}
        self.blocks: list[dict] = [genesis]
        self.receipts: dict[str, dict] = {}
        self.transactions: dict[str, bytes] = {}   # tx hash -> the signed encoding
        self.logs: list[dict] = []
        self.contracts: dict[bytes, dict] = {}     # address -> node metadata {name, abi, source_map, source}
        self.layouts: dict[bytes, dict] = {}       # address -> layout artifact (when deployed from source)
        self.next_timestamp = timestamp + 1
        self.listeners: list[Callable[[dict, str, str], None]] = []  # (record, contract name, function)
        self._snapshots: dict[int, tuple] = {}
        self._snapshot_ids = 0
        self._keys: dict[bytes, crypto.Key] = {a.address_bytes: a.key for a in self.accounts}
        self._root_cache: tuple[int, Any] | None = None

    # --- reading -----------------------------------------------------------------------

    @property
    def height(self) -> int:
        """The latest block's height."""
        return self.blocks[-1]["height"]

    @property
    def timestamp(self) -> int:
        """The latest block's timestamp."""
        return self.blocks[-1]["timestamp"]

    def block(self, height: int | str = "latest") -> dict:
        return self.blocks[-1] if height == "latest" else self.blocks[height]

    def balance(self, address) -> int:
        return StateAccount.decode(self.state.get(ACCOUNT_PREFIX + address_bytes(address))).balance

    def nonce(self, address) -> int:
        return StateAccount.decode(self.state.get(ACCOUNT_PREFIX + address_bytes(address))).nonce

    def code(self, address) -> bytes:
        code_hash = StateAccount.decode(self.state.get(ACCOUNT_PREFIX + address_bytes(address))).code_hash
        return (self.state.get(CODE_PREFIX + code_hash) or b"") if code_hash else b""

    def storage(self, address, path: bytes) -> bytes | None:
        """The raw stored bytes at a storage path (see `Contract.storage` for typed reads)."""
        return self.state.get(STORAGE_PREFIX + address_bytes(address) + path)

    def storage_dump(self, address) -> dict[bytes, bytes]:
        """Every storage path of a contract with its raw value."""
        prefix = STORAGE_PREFIX + address_bytes(address)
        return {key[len(prefix):]: value for key, value in sorted(self.state.data.items()) if key.startswith(prefix)}

    def receipt(self, tx_hash: str) -> dict | None:
        return self.receipts.get(tx_hash)

    def get_logs(self, address=None, topics: list | None = None, from_block: int = 0,
                 to_block: int | str = "latest") -> list[dict]:
        """Log entries in the node's format (block, tx_hash, topics, data ...)."""
        end = self.height if to_block == "latest" else to_block
        wanted = "0x" + address_bytes(address).hex() if address is not None else None
        out = []
        for entry in self.logs:
            if not from_block <= entry["block"] <= end or (wanted and entry["address"] != wanted):
                continue
            if _topics_match(entry["topics"], topics or []):
                out.append(entry)
        return out

    # --- accounts, balances and time ---------------------------------------------------------

    def account(self, address) -> Account:
        """An account for any address; one without a known key is impersonated:
        the chain runs its transactions without a signature."""
        raw = address_bytes(address)
        return Account(self, raw, self._keys.get(raw))

    def new_account(self, balance: int = DEV_BALANCE) -> Account:
        """A fresh funded account with a deterministic key."""
        key = crypto.Key.deterministic(f"hutong-devchain-{len(self._keys)}")
        self._keys[key.address] = key
        self.set_balance(key.address, balance)
        return Account(self, key.address, key)

    def set_balance(self, address, balance: int) -> None:
        key = ACCOUNT_PREFIX + address_bytes(address)
        current = StateAccount.decode(self.state.get(key))
        self.state.set(key, StateAccount(current.nonce, balance, current.code_hash).encode())

    def time_travel(self, seconds: int) -> int:
        """Move the clock forward: the next block is `seconds` later than it
        would have been. Returns the next block's timestamp."""
        if seconds < 0:
            raise ValueError("time only moves forward")
        self.next_timestamp += seconds
        return self.next_timestamp

    advance_time = time_travel

    def set_time(self, timestamp: int) -> None:
        """The next block's timestamp (after the latest block's)."""
        if timestamp <= self.timestamp:
            raise ValueError(f"timestamp {timestamp} is not after the latest block's {self.timestamp}")
        self.next_timestamp = timestamp

    def mine(self, blocks: int = 1, timestamp: int | None = None) -> dict:
        """Mine empty blocks (the first at `timestamp` if given); returns the last."""
        if timestamp is not None:
            self.set_time(timestamp)
        for _ in range(blocks):
            self._append_block([], 0)
        return self.blocks[-1]

    # --- snapshots ---------------------------------------------------------------------------

    def snapshot(self) -> int:
        """An id to `revert` to; cheap (a journal position)."""
        self._snapshot_ids += 1
        self._snapshots[self._snapshot_ids] = (self.state.snapshot(), len(self.blocks), len(self.logs),
                                               list(self.contracts), self.next_timestamp, dict(self._keys))
        return self._snapshot_ids

    def revert(self, snapshot: int) -> None:
        """Undo everything after `snapshot`; it stays valid (revert to it again),
        snapshots taken after it do not."""
        if snapshot not in self._snapshots:
            raise ValueError(f"unknown or discarded snapshot {snapshot}")
        position, blocks, logs, contracts, next_timestamp, keys = self._snapshots[snapshot]
        self.state.rollback(position)
        for block in self.blocks[blocks:]:
            for tx_hash in block["transactions"]:
                self.receipts.pop(tx_hash, None)
                self.transactions.pop(tx_hash, None)
        del self.blocks[blocks:]
        del self.logs[logs:]
        for address in list(self.contracts)[len(contracts):]:
            self.contracts.pop(address)
            self.layouts.pop(address, None)
        self.next_timestamp = next_timestamp
        self._keys = dict(keys)
        for later in [s for s in self._snapshots if s > snapshot]:
            del self._snapshots[later]

    revert_to = revert

    def discard(self, snapshot: int) -> None:
        """Forget a snapshot (and those after it) without reverting."""
        for later in [s for s in self._snapshots if s >= snapshot]:
            del self._snapshots[later]

    @contextmanager
    def isolate(self):
        """Everything inside the block is undone when it ends."""
        snapshot = self.snapshot()
        try:
            yield self
        finally:
            self.revert(snapshot)
            self.discard(snapshot)

    def state_root(self, ignore_nonces: bool = False) -> bytes:
        """The root of the node's state tree over the current state (32 bytes).

        A failed transaction still uses its sender's nonce (as on the node), so
        "a reverted transaction changed nothing" compares
        `state_root(ignore_nonces=True)`: the same tree with every account's
        nonce taken as 0 (balances, code and storage all count)."""
        if not ignore_nonces:
            return self._tree()[0]
        from .state import MemoryStore

        data = {}
        for key, value in self.state.data.items():
            if key[:1] == ACCOUNT_PREFIX:
                account = StateAccount.decode(value)
                value = StateAccount(0, account.balance, account.code_hash).encode()
                if value is None:
                    continue
            data[key] = value
        return MemoryStore(tables=()).apply(data, 0)

    def proof(self, key: bytes) -> tuple[bytes, bytes]:
        """(state root, proof bytes) for a state key, as `hutong_getProof` gives."""
        root, store = self._tree()
        return root, store.prove(key).to_bytes()

    def _tree(self):
        if self._root_cache is None or self._root_cache[0] != self.state.mutations:
            from .state import MemoryStore

            store = MemoryStore(tables=())
            root = store.apply(dict(self.state.data), 0)
            self._root_cache = (self.state.mutations, (root, store))
        return self._root_cache[1]

    # --- contracts -----------------------------------------------------------------------------

    def deploy(self, source, *args, sender=None, value: int = 0, gas: int | None = None, name: str | None = None,
               **kwargs) -> Contract:
        """Compile (a path, source text or artifacts) and deploy; returns the proxy.
        Constructor arguments by position or by name."""
        compiled = load_source(source, name)
        data = compiled.deployment_data(args, kwargs)
        record = self.transact(sender, None, data, value, gas)
        receipt = decode_receipt(record, self.abi_of)
        if not receipt.success:
            raise failure_error(receipt.status, receipt.failure, self.abi_of, receipt)
        created = bytes.fromhex(record["created"][2:])
        self.layouts[created] = compiled.artifacts.layout
        contract = Contract(self, created, compiled.abi, compiled.name, compiled.artifacts.layout)
        receipt.contract = contract
        contract.deploy_receipt = receipt
        return contract

    def at(self, address, source=None, name: str | None = None) -> Contract:
        """A proxy for a contract deployed earlier (its ABI is known to the chain,
        or comes from `source`: a path, source text, artifacts or an ABI dict)."""
        raw = address_bytes(address)
        if isinstance(source, dict):
            return Contract(self, raw, source, name)
        if source is not None:
            compiled = load_source(source, name)
            return Contract(self, raw, compiled.abi, compiled.name, compiled.artifacts.layout)
        metadata = self.contracts.get(raw)
        if metadata is None:
            raise KeyError(f"no contract metadata at {crypto.to_hex(raw)}; pass its source")
        return Contract(self, raw, metadata["abi"], name or metadata.get("name"), self.layouts.get(raw))

    # --- the backend interface of contract proxies -------------------------------------------------

    def abi_of(self, address: str) -> dict | None:
        metadata = self.contracts.get(bytes.fromhex(address[2:]))
        return metadata.get("abi") if metadata else None

    def layout_of(self, address: str) -> dict | None:
        return self.layouts.get(address_bytes(address))

    def _sender(self, sender) -> tuple[bytes, crypto.Key | None]:
        if sender is None:
            sender = self.accounts[0]
        if isinstance(sender, crypto.Key):
            return sender.address, sender
        key = getattr(sender, "key", None)
        raw = address_bytes(sender)
        return raw, key if isinstance(key, crypto.Key) else self._keys.get(raw)

    def transact(self, sender, to, data: bytes, value: int = 0, gas: int | None = None) -> dict:
        """Run one transaction as the next block; returns the node's receipt record.
        Refusals (nonce, funds, gas limit) raise TransactionRejected; failures of
        the execution are receipts with status "revert", "out_of_gas" or "halt"."""
        address, key = self._sender(sender)
        to_bytes = address_bytes(to) if to is not None else b""
        tx = Transaction(self.chain_id, self.nonce(address), key.public_key if key else IMPERSONATED_KEY,
                         gas if gas is not None else self.block_gas_limit, to_bytes, value, data)
        if key is not None:
            tx = tx.signed(key)
        decoded = Decoded(tx, tx.encode())
        decoded.sender = address  # the same for a signed transaction; the impersonated address otherwise
        height, timestamp = self.height + 1, self.next_timestamp
        context = BlockContext(height, timestamp, self.chain_id, self.producer, self.block_gas_limit)
        mark = self.state.snapshot()
        new_metadata: dict[bytes, dict] = {}
        try:
            receipt = execute_transaction(self.state, context, decoded, new_metadata)
        except NodeError as exc:
            self.state.rollback(mark)
            raise TransactionRejected(exc.code, exc.message, exc.data, getattr(exc, "name", "rejected")) from None
        self.contracts.update(new_metadata)
        tx_hash = "0x" + decoded.hash.hex()
        block = self._append_block([tx_hash], receipt.gas_used)
        record = {
            "tx_hash": tx_hash, "block": height, "block_hash": block["hash"], "index": 0,
            "status": receipt.status, "gas_used": receipt.gas_used, "output": "0x" + receipt.output.hex(),
            "from": crypto.to_hex(address), "to": crypto.to_hex(to_bytes) if to_bytes else None,
            "nonce": tx.nonce, "created": crypto.to_hex(receipt.created) if receipt.created else None,
            "halt": receipt.halt or None,
            "logs": [{"address": crypto.to_hex(log.address), "topics": ["0x" + t.hex() for t in log.topics],
                      "data": "0x" + log.data.hex(), "log_index": i} for i, log in enumerate(receipt.logs)],
        }
        if receipt.status != "success":
            record["failure"] = explain_failure(receipt.status, receipt.output, receipt.halt, receipt.failure,
                                                self._metadata_lookup(decoded))
        self.receipts[tx_hash] = record
        self.transactions[tx_hash] = decoded.raw
        for entry in record["logs"]:
            self.logs.append({**entry, "block": height, "block_hash": block["hash"], "tx_hash": tx_hash,
                              "tx_index": 0})
        if self.listeners:
            contract_name, function = self._describe_call(to_bytes, receipt.created, data)
            for listener in self.listeners:
                listener(record, contract_name, function)
        return record

    def call(self, sender, to, data: bytes, value: int = 0, gas: int | None = None) -> dict:
        """Run a message on top of the latest block and keep nothing, as
        `hutong_call`: {"status", "output", "gas_used", "failure"?}."""
        address, _ = self._sender(sender)
        message = Message(address, address_bytes(to), min(gas or CALL_GAS_CAP, CALL_GAS_CAP), value=value,
                          selector=data[:4], data=data[4:])
        env = BlockEnv(self.height + 1, self.next_timestamp, self.chain_id)
        mark = self.state.snapshot()
        try:
            result = execute(message, self.state, env)
        finally:
            self.state.rollback(mark)
        out = {"status": result.status.value, "output": "0x" + result.output.hex(), "gas_used": result.gas_used}
        if not result.success:
            out["failure"] = explain_failure(result.status.value, result.output, result.halt or "", result.failure,
                                             self.contracts.get)
        return out

    def estimate_gas(self, sender, to, data: bytes, value: int = 0) -> int:
        """Gas a transaction would use (intrinsic + execution); raises if it fails."""
        result = self.call(sender, to, data, value)
        if result["status"] != "success":
            raise failure_error(result["status"], result.get("failure"), self.abi_of)
        probe = Transaction(self.chain_id, 0, IMPERSONATED_KEY, 0, address_bytes(to), value, data)
        return intrinsic_gas(Decoded(probe, b"")) + result["gas_used"]

    # --- convenience: sending by function name ---------------------------------------------------

    def send(self, contract: Contract, function: str, *args, **kwargs) -> Receipt:
        """`chain.send(token, "transfer", bob, 5, sender=alice)`: the same as
        `token.transfer.transact(bob, 5, sender=alice)`."""
        return contract.functions[function].transact(*args, **kwargs)

    # --- internals ----------------------------------------------------------------------------------

    def _append_block(self, tx_hashes: list[str], gas_used: int) -> dict:
        parent = self.blocks[-1]
        height, timestamp = parent["height"] + 1, self.next_timestamp
        digest = hashlib.sha3_256(f"{parent['hash']}:{height}:{timestamp}:{','.join(tx_hashes)}".encode())
        block = {"height": height, "hash": "0x" + digest.hexdigest(), "parent": parent["hash"],
                 "timestamp": timestamp, "transactions": tx_hashes, "gas_used": gas_used}
        self.blocks.append(block)
        self.next_timestamp = timestamp + 1
        if not self._snapshots:  # nothing can revert past this block: drop the undo journal
            self.state.journal.clear()
        return block

    def _metadata_lookup(self, decoded: Decoded):
        """Contract metadata by address for explaining a failure; a failed
        deployment's would-be address maps to the metadata it carried, so a
        constructor's revert has its source line too."""
        if decoded.tx.to:
            return self.contracts.get
        from .tx import split_deployment
        try:
            metadata = split_deployment(decoded.tx.data)[2]
        except NodeError:
            return self.contracts.get
        address = create_address(decoded.sender, decoded.tx.nonce)
        return lambda a: metadata if a == address else self.contracts.get(a)

    def _describe_call(self, to: bytes, created: bytes | None, data: bytes) -> tuple[str, str]:
        if not to:
            metadata = self.contracts.get(created or b"") or {}
            return metadata.get("name", "?"), "constructor"
        metadata = self.contracts.get(to)
        if not metadata:
            return crypto.to_hex(to), data[:4].hex()
        entry = abi_index(metadata["abi"]).by_selector.get(data[:4])
        return metadata.get("name", "?"), entry["name"] if entry else data[:4].hex()


__all__ = ["Account", "Chain", "DevState", "Source"]
