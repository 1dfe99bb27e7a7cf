"""Transactions: fields, the canonical encoding, signing and the hash.

Encoding. A signed transaction is the canonical encoding (vm/abi.py) of the
tuple

    (u64 chain_id, u64 nonce, bytes<=65 public_key, u8 scheme, u64 gas_limit,
     u128 gas_price, bytes<=20 to, u128 value, bytes<=131072 data, u64 expiry,
     bytes<=128 signature)

`to` is empty for a deployment; `expiry` 0 means none (otherwise the last
height at which the transaction may be included). The signature is over
`b"hutong-tx-v1" || encoding of the first ten fields`. The decoder is strict
and re-encodes what it decoded, comparing bytes, before the signature is
checked, so a transaction has exactly one valid encoding and its hash
`sha3_256(signed encoding)` names it: nothing is malleable.

Data. A call's data is the 4-byte function selector followed by the encoded
arguments. A deployment's data is the encoding of
`(bytes<=65536 container, bytes<=65536 constructor_args, bytes<=65536 metadata)`
where metadata is zlib-compressed canonical JSON `{"abi": ..., "source_map": ...,
"source": ..., "name": ...}`, stored by the node so receipts can explain failures.

Schemes: 1 = Ed25519 (the only one accepted today); 2 and 3 are reserved for
SM2 and secp256k1.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass

from vm import abi

from . import crypto
from .errors import BAD_DEPLOYMENT, BAD_SIGNATURE, TX_MALFORMED, TX_TOO_LARGE, WRONG_CHAIN, invalid

SCHEME_ED25519 = 1
SCHEMES = {SCHEME_ED25519: "ed25519", 2: "sm2 (reserved)", 3: "secp256k1 (reserved)"}
SIGNING_DOMAIN = b"hutong-tx-v1"
MAX_TX_BYTES = 140_000
MAX_DATA = 131_072
MAX_METADATA = 4 * 1024 * 1024  # decompressed

UNSIGNED_TYPE = "(u64,u64,bytes<=65,u8,u64,u128,bytes<=20,u128,bytes<=131072,u64)"
SIGNED_TYPE = UNSIGNED_TYPE[:-1] + ",bytes<=128)"
DEPLOY_TYPE = "(bytes<=65536,bytes<=65536,bytes<=65536)"
# The generated codecs, looked up once: `abi.encode`/`abi.decode` re-parse the
# type string on every call, which costs more than the encoding itself.
_UNSIGNED = abi.codec(UNSIGNED_TYPE)
_SIGNED = abi.codec(SIGNED_TYPE)
_DEPLOY = abi.codec(DEPLOY_TYPE)


@dataclass(frozen=True)
class Transaction:
    chain_id: int
    nonce: int
    public_key: bytes
    gas_limit: int
    to: bytes = b""
    value: int = 0
    data: bytes = b""
    gas_price: int = 0
    expiry: int = 0
    scheme: int = SCHEME_ED25519
    signature: bytes = b""

    def unsigned_fields(self) -> list:
        return [self.chain_id, self.nonce, self.public_key, self.scheme, self.gas_limit, self.gas_price,
                self.to, self.value, self.data, self.expiry]

    def signing_payload(self) -> bytes:
        return SIGNING_DOMAIN + _UNSIGNED.encode_fields(*self.unsigned_fields())

    def encode(self) -> bytes:
        return _SIGNED.encode_fields(*self.unsigned_fields(), self.signature)

    @property
    def hash(self) -> bytes:
        return hashlib.sha3_256(self.encode()).digest()

    @property
    def sender(self) -> bytes:
        return crypto.address_of(self.public_key)

    @property
    def is_deployment(self) -> bool:
        return not self.to

    def signed(self, key: "crypto.Key") -> "Transaction":
        if key.public_key != self.public_key:
            raise ValueError("the key does not match the transaction's public key")
        return Transaction(**{**self.__dict__, "signature": key.sign(self.signing_payload())})


def make(key: "crypto.Key", *, chain_id: int, nonce: int, gas_limit: int, to: bytes = b"", value: int = 0,
         data: bytes = b"", gas_price: int = 0, expiry: int = 0) -> Transaction:
    """A signed transaction."""
    return Transaction(chain_id, nonce, key.public_key, gas_limit, to, value, data, gas_price, expiry).signed(key)


def transaction_hash(raw: bytes) -> bytes:
    """A transaction's hash: sha3_256 of its signed encoding."""
    return hashlib.sha3_256(raw).digest()


class Decoded:
    """A transaction decoded from bytes, with its hash computed once."""

    __slots__ = ("tx", "raw", "hash", "sender")

    def __init__(self, tx: Transaction, raw: bytes):
        self.tx = tx
        self.raw = raw
        self.hash = transaction_hash(raw)
        self.sender = crypto.address_of(tx.public_key)


def decode(raw: bytes) -> Decoded:
    """Strictly decode a signed transaction (no signature check yet)."""
    if not isinstance(raw, (bytes, bytearray)):
        raise invalid(TX_MALFORMED, "a transaction must be bytes")
    raw = bytes(raw)
    if len(raw) > MAX_TX_BYTES:
        raise invalid(TX_TOO_LARGE, f"transaction of {len(raw)} bytes exceeds {MAX_TX_BYTES}")
    try:
        fields, _ = _SIGNED.decode_fields(raw)
    except abi.AbiError as exc:
        raise invalid(TX_MALFORMED, f"not a canonical transaction encoding: {exc}") from None
    chain_id, nonce, public_key, scheme, gas_limit, gas_price, to, value, data, expiry, signature = fields
    tx = Transaction(chain_id, nonce, public_key, gas_limit, to, value, data, gas_price, expiry, scheme, signature)
    if tx.encode() != raw:  # the codec is canonical; this guards it
        raise invalid(TX_MALFORMED, "transaction does not re-encode to the same bytes")
    if to and len(to) != 20:
        raise invalid(TX_MALFORMED, "recipient must be 20 bytes or empty")
    return Decoded(tx, raw)


def check_static(decoded: Decoded, chain_id: int) -> None:
    """Admission checks that need no state: chain id, then the signature."""
    tx = decoded.tx
    if tx.chain_id != chain_id:
        raise invalid(WRONG_CHAIN, f"transaction is for chain {tx.chain_id}, this is chain {chain_id}")
    if tx.scheme != SCHEME_ED25519:
        raise invalid(BAD_SIGNATURE, f"signature scheme {tx.scheme} ({SCHEMES.get(tx.scheme, 'unknown')}) "
                                     "is not accepted")
    problem = crypto.public_key_problem(tx.public_key)
    if problem:
        raise invalid(BAD_SIGNATURE, problem)
    if not crypto.verify(tx.public_key, tx.signature, tx.signing_payload()):
        raise invalid(BAD_SIGNATURE, "signature does not verify")


# --- deployments ------------------------------------------------------------------

def deployment_data(container: bytes, constructor_args: bytes = b"", metadata: dict | None = None) -> bytes:
    packed = zlib.compress(canonical_json(metadata or {}), 9)
    return _DEPLOY.encode_fields(container, constructor_args, packed)


def split_deployment(data: bytes) -> tuple[bytes, bytes, dict]:
    try:
        (container, args, packed), _ = _DEPLOY.decode_fields(bytes(data))
    except abi.AbiError as exc:
        raise invalid(BAD_DEPLOYMENT, f"deployment data is not (container, args, metadata): {exc}") from None
    return container, args, unpack_metadata(packed)


def unpack_metadata(packed: bytes) -> dict:
    if not packed:
        return {}
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(packed, MAX_METADATA)
        if inflater.unconsumed_tail:
            raise invalid(BAD_DEPLOYMENT, f"metadata larger than {MAX_METADATA} bytes")
        value = json.loads(text)
    except (zlib.error, ValueError, RecursionError):
        raise invalid(BAD_DEPLOYMENT, "metadata is not zlib-compressed JSON") from None
    if not isinstance(value, dict):
        raise invalid(BAD_DEPLOYMENT, "metadata must be a JSON object")
    problem = metadata_problem(value)
    if problem:
        raise invalid(BAD_DEPLOYMENT, f"metadata: {problem}")
    return value


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _entries_problem(where: str, entries, *, selector: bool) -> str | None:
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        return f"{where} must be a list of objects"
    for i, entry in enumerate(entries):
        for key in ("name", "signature", "input_type"):
            if entry.get(key) is not None and not isinstance(entry[key], str):
                return f"{where}[{i}].{key} must be a string or null"
        if selector and entry.get("selector") is not None:
            text = entry["selector"]
            if not isinstance(text, str) or len(text.removeprefix("0x")) != 8 or \
                    any(c not in "0123456789abcdefABCDEF" for c in text.removeprefix("0x")):
                return f"{where}[{i}].selector must be 4 bytes of hex or null"
        inputs = entry.get("inputs", [])
        if not isinstance(inputs, list) or not all(
                isinstance(field, dict) and isinstance(field.get("type"), str)
                and isinstance(field.get("name", ""), str) for field in inputs):
            return f"{where}[{i}].inputs must be a list of {{name, type}} objects"
    return None


def metadata_problem(metadata: dict) -> str | None:
    """What is wrong with deployment metadata's shape, or None. The known keys
    must have the form the compiler gives them (the node reads them to explain
    failures); other keys are kept as they are."""
    for key in ("name", "source"):
        if metadata.get(key) is not None and not isinstance(metadata[key], str):
            return f"{key} must be a string"
    contract_abi = metadata.get("abi")
    if contract_abi is not None:
        if not isinstance(contract_abi, dict):
            return "abi must be an object"
        for key in ("functions", "events", "errors"):
            if key in contract_abi:
                problem = _entries_problem(f"abi.{key}", contract_abi[key], selector=key != "events")
                if problem:
                    return problem
    source_map = metadata.get("source_map")
    if source_map is not None:
        if not isinstance(source_map, dict) or not isinstance(source_map.get("file"), str):
            return "source_map must be an object with a file name"
        functions = source_map.get("functions")
        if not isinstance(functions, list):
            return "source_map.functions must be a list"
        for i, fn in enumerate(functions):
            if not isinstance(fn, dict) or not isinstance(fn.get("name"), str) or not isinstance(fn.get("map"), list):
                return f"source_map.functions[{i}] must be an object with a name and a map"
            last = -1
            for entry in fn["map"]:
                if not (isinstance(entry, list) and len(entry) == 5 and all(_is_int(n) and n >= 0 for n in entry)):
                    return f"source_map.functions[{i}].map entries must be [pc, line, column, end_line, end_column]"
                if entry[0] < last:
                    return f"source_map.functions[{i}].map must be in pc order"
                last = entry[0]
    return None


def canonical_json(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
