"""Checking a state value against a block header without trusting the node.

`hutong_getProof(key, height)` answers {key, value, proof, height,
state_root, hash_name, header} where the header object carries `encoded`, its
canonical encoding, and the producer's `signature`. The node could lie about any of it, so the caller
brings one thing it trusts (a block hash from elsewhere, a state root, or the
producer keys of the chain's genesis) and this module checks the rest:

  1. the header is a canonical header (node/block.py), whose hash is the
     trusted hash, or whose state root is the trusted root, or which is signed
     by one of the trusted producer keys;
  2. the answer's state root is the header's;
  3. the Merkle proof shows `key` holding `value` under that root
     (node/state/proof.py, which needs no database).

    value = verify_state_response(client.get_proof(key), key, trusted_block_hash=h)
"""

from __future__ import annotations

from node import crypto
from node.block import Header, signing_payload
from node.state import verify_proof

from .errors import HutongError

HEADER_FIELDS = ("height", "parent", "timestamp", "state_root", "tx_root", "receipts_root", "gas_used", "gas_limit",
                 "producer")


class ProofError(HutongError):
    """The node's answer does not check out against what the caller trusts."""


def _bytes(value) -> bytes:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return bytes.fromhex(value.removeprefix("0x"))
    raise ProofError(f"expected hex bytes, got {value!r}")


def header_from_json(header) -> Header:
    """A header from its canonical encoding (hex or bytes) or a JSON object of its fields."""
    try:
        if isinstance(header, (str, bytes, bytearray)):
            return Header.decode(_bytes(header))
        if isinstance(header, dict) and header.get("encoded"):
            built = Header.decode(_bytes(header["encoded"]))
            if header.get("hash") and _bytes(header["hash"]) != built.hash:
                raise ProofError("the header's stated hash is not the hash of its encoding")
            if header.get("state_root") and _bytes(header["state_root"]) != built.state_root:
                raise ProofError("the header's stated state root is not the one in its encoding")
            return built
        if isinstance(header, dict):
            fields = {}
            for name in HEADER_FIELDS:
                value = header[name]
                fields[name] = value if name in ("height", "timestamp", "gas_used", "gas_limit") else _bytes(value)
            built = Header(**fields)
            if header.get("hash") and _bytes(header["hash"]) != built.hash:
                raise ProofError("the header's stated hash is not the hash of its fields")
            return built
    except (KeyError, ValueError, TypeError) as exc:
        raise ProofError(f"not a block header: {exc}") from None
    raise ProofError(f"not a block header: {type(header).__name__}")


def check_header(header: Header, *, trusted_block_hash=None, trusted_state_root=None, signature=None,
                 authorities=None) -> None:
    """Raise ProofError unless the header is anchored in something trusted."""
    if trusted_block_hash is not None:
        if header.hash != _bytes(trusted_block_hash):
            raise ProofError(f"header hash 0x{header.hash.hex()} is not the trusted block hash")
        return
    if trusted_state_root is not None:
        if header.state_root != _bytes(trusted_state_root):
            raise ProofError("the header's state root is not the trusted state root")
        return
    if authorities is not None:
        keys = {_bytes(k) for k in authorities}
        if header.producer not in keys:
            raise ProofError("the header's producer is not a trusted authority")
        if signature is None or not crypto.verify(header.producer, _bytes(signature), signing_payload(header)):
            raise ProofError("the header's signature does not verify")
        return
    raise ProofError("nothing to check against: pass trusted_block_hash, trusted_state_root, "
                     "or authorities (with the block's signature)")


def verify_state_response(response: dict, key: bytes, *, height: int | None = None, **trust) -> bytes | None:
    """The value of `key` (None when absent) from a `hutong_getProof` answer,
    verified; trust keyword arguments as `check_header`. Raises ProofError.

    A header signed by a trusted producer is genuine but may be old: pass the
    `height` that was asked for, and an answer for any other height is refused
    (without it the value is proven as of the header's height, and a node could
    answer with an older block's state)."""
    if not isinstance(response, dict):
        raise ProofError("not a proof answer")
    if response.get("key") is not None and _bytes(response["key"]) != key:
        raise ProofError("the answer is for another key")
    header = header_from_json(response.get("header"))
    if response.get("height") is not None and response["height"] != header.height:
        raise ProofError(f"the answer says height {response['height']} but its header is block {header.height}")
    if height is not None and header.height != height:
        raise ProofError(f"the answer is for block {header.height}, not the block {height} asked for")
    stated = response.get("header") if isinstance(response.get("header"), dict) else {}
    check_header(header, signature=trust.pop("signature", stated.get("signature")), **trust)
    if response.get("state_root") is not None and _bytes(response["state_root"]) != header.state_root:
        raise ProofError("the answer's state root is not the header's")
    value = response.get("value")
    value = _bytes(value) if value not in (None, "", "0x") else None
    hash_name = response.get("hash_name") or "sha3_256"
    if not verify_proof(header.state_root, key, value, _bytes(response.get("proof") or b""), hash_name):
        raise ProofError("the Merkle proof does not show this value under the header's state root")
    return value
