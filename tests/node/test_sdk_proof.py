"""The proof helper (node/sdk/proof.py): a value checked against a header,
with the header anchored in a trusted hash, root or producer signature."""

from __future__ import annotations

from pathlib import Path

import pytest

from node.block import Header, signing_payload
from node.devchain import Chain
from node.devkeys import dev_producer
from node.sdk.proof import ProofError, header_from_json, verify_state_response
from node.sdk.storage import state_key, storage_path

TOKEN = Path(__file__).parent.parent / "compiler" / "golden" / "token.ht"


@pytest.fixture(scope="module")
def answer():
    chain = Chain()
    token = chain.deploy(TOKEN, 777)
    path, _ = storage_path(token.layout, "balance_of", chain.accounts[0])
    key = state_key(token.address, path)
    root, proof = chain.proof(key)
    producer = dev_producer()
    header = Header(5, b"\x01" * 32, 1_767_226_000, root, b"\x02" * 32, b"\x03" * 32, 0, 50_000_000,
                    producer.public_key)
    response = {"key": "0x" + key.hex(), "value": "0x" + chain.storage(token, path).hex(),
                "proof": "0x" + proof.hex(), "height": 5, "state_root": "0x" + root.hex(),
                "header": "0x" + header.encode().hex()}
    absent = state_key(token.address, storage_path(token.layout, "balance_of", chain.accounts[1])[0])
    return response, key, header, producer, chain.proof(absent), absent


def test_value_verifies_against_each_kind_of_anchor(answer):
    response, key, header, producer, _, _ = answer
    assert verify_state_response(response, key, trusted_block_hash=header.hash) == (777).to_bytes(2, "big")
    assert verify_state_response(response, key, trusted_state_root="0x" + header.state_root.hex())
    signature = producer.sign(signing_payload(header))
    assert verify_state_response(response, key, authorities=[producer.public_key], signature=signature)
    as_fields = {name: getattr(header, name) for name in ("height", "timestamp", "gas_used", "gas_limit")}
    as_fields.update({n: "0x" + getattr(header, n).hex() for n in
                      ("parent", "state_root", "tx_root", "receipts_root", "producer")})
    assert header_from_json({**as_fields, "hash": "0x" + header.hash.hex()}) == header


def test_absent_keys_verify_as_none(answer):
    response, _, header, _, (root, proof), absent = answer
    empty = {**response, "key": "0x" + absent.hex(), "value": None, "proof": "0x" + proof.hex()}
    assert verify_state_response(empty, absent, trusted_block_hash=header.hash) is None
    with pytest.raises(ProofError, match="Merkle proof"):
        verify_state_response({**empty, "value": "0x01"}, absent, trusted_block_hash=header.hash)


@pytest.mark.parametrize("change, message", [
    ({"value": "0x0300"}, "Merkle proof"),
    ({"state_root": "0x" + "00" * 32}, "state root is not the header's"),
    ({"key": "0x01"}, "another key"),
])
def test_lies_are_caught(answer, change, message):
    response, key, header, _, _, _ = answer
    with pytest.raises(ProofError, match=message):
        verify_state_response({**response, **change}, key, trusted_block_hash=header.hash)


def test_the_header_must_be_anchored(answer):
    response, key, header, producer, _, _ = answer
    with pytest.raises(ProofError, match="nothing to check against"):
        verify_state_response(response, key)
    with pytest.raises(ProofError, match="not the trusted block hash"):
        verify_state_response(response, key, trusted_block_hash=b"\x00" * 32)
    with pytest.raises(ProofError, match="signature does not verify"):
        verify_state_response(response, key, authorities=[producer.public_key], signature=b"\x00" * 64)
    forged = Header(5, b"\x01" * 32, 1, header.state_root, b"\x02" * 32, b"\x03" * 32, 0, 1, b"\x09" * 32)
    with pytest.raises(ProofError, match="not a trusted authority"):
        verify_state_response({**response, "header": forged.encode().hex()}, key,
                              authorities=[producer.public_key], signature=b"\x00" * 64)


def test_a_genuine_but_old_header_is_refused_when_a_height_was_asked_for(answer):
    """A node answering with an older block's (validly signed) state: the height
    asked for, and the answer's own stated height, must be the header's."""
    response, key, header, producer, _, _ = answer
    signature = producer.sign(signing_payload(header))
    trust = {"authorities": [producer.public_key], "signature": signature}
    assert verify_state_response(response, key, height=5, **trust) == (777).to_bytes(2, "big")
    with pytest.raises(ProofError, match="not the block 9 asked for"):
        verify_state_response(response, key, height=9, **trust)
    with pytest.raises(ProofError, match="says height 9 but its header is block 5"):
        verify_state_response({**response, "height": 9}, key, **trust)
