"""Blocks, receipts and genesis: the protocol objects a node stores and hashes.

All are frozen dataclasses with one canonical encoding (vm/abi.py), and every
hash is taken over those bytes, never over JSON.

Header: `(u64 height, bytes32 parent, u64 timestamp, bytes32 state_root,
bytes32 tx_root, bytes32 receipts_root, u64 gas_used, u64 gas_limit,
bytes<=65 producer)`; the block hash is sha3_256 of that encoding and the
producer signs `b"hutong-block-v1" || block hash`. A block is
`(header encoding, bytes<=128 signature, bytes<=140000[<=5000] transactions)`.

Receipt (hashed into `receipts_root`): `(bytes32 tx_hash, u8 status,
u64 gas_used, bytes<=1048576 output, (address,bytes32[<=4],bytes<=1048576)[<=1024] logs,
bytes<=20 created, string<=256 halt)`; the output and log bounds are the VM's
MAX_BYTES, MAX_LOG_DATA and MAX_LOGS_PER_TX (vm/constants.py).
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field

from vm import abi
from vm.constants import MAX_BYTES, MAX_LOG_DATA, MAX_LOGS_PER_TX

from . import crypto
from .merkle import merkle_root
from .protocol import DEFAULT_BLOCK_GAS_LIMIT, DEFAULT_CHAIN_ID

HEADER_TYPE = "(u64,bytes32,u64,bytes32,bytes32,bytes32,u64,u64,bytes<=65)"
BLOCK_TYPE = "(bytes<=1024,bytes<=128,bytes<=140000[<=5000])"
# The log bounds are the VM's (a LOG past them halts its frame), so the receipt of
# every transaction the VM can run encodes.
RECEIPT_TYPE = (f"(bytes32,u8,u64,bytes<={MAX_BYTES},(address,bytes32[<=4],bytes<={MAX_LOG_DATA})[<={MAX_LOGS_PER_TX}],"
                "bytes<=20,string<=256)")
BLOCK_DOMAIN = b"hutong-block-v1"
ZERO_HASH = b"\x00" * 32

# The generated codecs, looked up once (`abi.encode` re-parses the type each call).
_HEADER = abi.codec(HEADER_TYPE)
_BLOCK = abi.codec(BLOCK_TYPE)
# A receipt holds the output (<= MAX_BYTES), the logs' data (each <= MAX_LOG_DATA,
# at most MAX_LOGS_PER_TX of them; together bounded by the gas paid per byte), the
# created address and the halt reason: its parts together may pass the 1 MiB that
# caps one ENCODE in the VM, so its codec has the sum of the parts' bounds as cap.
RECEIPT_MAX_TOTAL = MAX_BYTES + MAX_LOGS_PER_TX * MAX_LOG_DATA + 20 + 256
_RECEIPT = abi.codec(RECEIPT_TYPE, RECEIPT_MAX_TOTAL)

STATUS_CODES = {"success": 1, "revert": 0, "out_of_gas": 2, "halt": 3}


@dataclass(frozen=True)
class Header:
    height: int
    parent: bytes
    timestamp: int
    state_root: bytes
    tx_root: bytes
    receipts_root: bytes
    gas_used: int
    gas_limit: int
    producer: bytes

    def encode(self) -> bytes:
        return _HEADER.encode_fields(self.height, self.parent, self.timestamp, self.state_root, self.tx_root,
                                     self.receipts_root, self.gas_used, self.gas_limit, self.producer)

    @functools.cached_property
    def hash(self) -> bytes:
        """Computed once per header (a frozen dataclass may cache in its __dict__)."""
        return hashlib.sha3_256(self.encode()).digest()

    @classmethod
    def decode(cls, raw: bytes) -> "Header":
        return cls(*_HEADER.decode_fields(raw)[0])


@dataclass(frozen=True)
class Block:
    header: Header
    signature: bytes
    transactions: tuple[bytes, ...]  # raw signed encodings

    def encode(self) -> bytes:
        return _BLOCK.encode_fields(self.header.encode(), self.signature, list(self.transactions))

    @classmethod
    def decode(cls, raw: bytes) -> "Block":
        (header, signature, txs), _ = _BLOCK.decode_fields(raw)
        return cls(Header.decode(header), signature, tuple(txs))

    @property
    def hash(self) -> bytes:
        return self.header.hash


def signing_payload(header: Header) -> bytes:
    return BLOCK_DOMAIN + header.hash


def tx_root(tx_hashes: list[bytes]) -> bytes:
    return merkle_root(tx_hashes)


@dataclass(frozen=True)
class Receipt:
    tx_hash: bytes
    status: str
    gas_used: int
    output: bytes
    logs: tuple  # vm Log tuples (address, topics, data)
    created: bytes = b""
    halt: str = ""
    # Not hashed (derived by the node for people): failure points and decoded reverts.
    failure: tuple = ()
    sender: bytes = b""
    to: bytes = b""
    nonce: int = 0
    explanation: dict = field(default_factory=dict, compare=False)

    @functools.cached_property
    def encoded(self) -> bytes:
        """Computed once: building a block checks it encodes, then the receipts
        root hashes it (a frozen dataclass may cache in its __dict__)."""
        return _RECEIPT.encode_fields(self.tx_hash, STATUS_CODES[self.status], self.gas_used, self.output,
                                      [[log.address, list(log.topics), log.data] for log in self.logs],
                                      self.created or b"", (self.halt or "")[:256].encode())

    def encode(self) -> bytes:
        return self.encoded

    @property
    def hash(self) -> bytes:
        return hashlib.sha3_256(self.encoded).digest()


def receipts_root(receipts: list[Receipt]) -> bytes:
    return merkle_root([r.hash for r in receipts])


# --- genesis -------------------------------------------------------------------------

@dataclass(frozen=True)
class Genesis:
    """The first state and the chain's parameters (a JSON file; see docs/api.md)."""

    chain_id: int = DEFAULT_CHAIN_ID
    timestamp: int = 1_700_000_000
    block_gas_limit: int = DEFAULT_BLOCK_GAS_LIMIT
    min_gas_price: int = 0
    state_hash: str = "sha3_256"
    authorities: tuple[bytes, ...] = ()    # public keys allowed to produce blocks
    deployers: tuple[bytes, ...] | None = None  # addresses allowed to deploy (None: anyone)
    balances: tuple[tuple[bytes, int], ...] = ()

    @classmethod
    def from_json(cls, text: str | bytes) -> "Genesis":
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("genesis must be a JSON object")
        unknown = set(data) - {f for f in cls.__dataclass_fields__} - {"comment"}
        if unknown:
            raise ValueError(f"unknown genesis fields: {sorted(unknown)}")
        state_hash = data.get("state_hash", "sha3_256")
        if state_hash not in ("sha3_256", "sm3"):
            raise ValueError("state_hash must be sha3_256 or sm3")
        deployers = data.get("deployers")
        return cls(
            chain_id=int(data.get("chain_id", DEFAULT_CHAIN_ID)),
            timestamp=int(data.get("timestamp", 1_700_000_000)),
            block_gas_limit=int(data.get("block_gas_limit", DEFAULT_BLOCK_GAS_LIMIT)),
            min_gas_price=int(data.get("min_gas_price", 0)),
            state_hash=state_hash,
            authorities=tuple(bytes.fromhex(k.removeprefix("0x")) for k in data.get("authorities", [])),
            deployers=None if deployers is None else tuple(crypto.parse_address(a) for a in deployers),
            balances=tuple(sorted((crypto.parse_address(a), int(v)) for a, v in data.get("balances", {}).items())),
        )

    def to_json(self) -> str:
        return json.dumps({
            "chain_id": self.chain_id, "timestamp": self.timestamp, "block_gas_limit": self.block_gas_limit,
            "min_gas_price": self.min_gas_price, "state_hash": self.state_hash,
            "authorities": ["0x" + k.hex() for k in self.authorities],
            "deployers": None if self.deployers is None else [crypto.to_hex(a) for a in self.deployers],
            "balances": {crypto.to_hex(a): v for a, v in self.balances},
        }, indent=2)

    @property
    def hash(self) -> bytes:
        return hashlib.sha3_256(self.to_json().encode()).digest()
