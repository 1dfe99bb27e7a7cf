"""Transactions: canonical encoding, no malleability, admission order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from node import crypto, tx
from node.errors import InvalidTransaction

KEY = crypto.Key.deterministic("tx-tests")


def sample(**overrides) -> tx.Transaction:
    fields = dict(chain_id=86, nonce=3, gas_limit=100_000, to=b"\x22" * 20, value=5, data=b"\x01\x02\x03\x04",
                  gas_price=0, expiry=0)
    fields.update(overrides)
    return tx.make(KEY, **fields)


def test_round_trip_hash_and_signature():
    signed = sample()
    decoded = tx.decode(signed.encode())
    assert decoded.tx == signed and decoded.hash == signed.hash and decoded.sender == KEY.address
    tx.check_static(decoded, 86)


def error_of(fn, *args) -> str:
    with pytest.raises(InvalidTransaction) as info:
        fn(*args)
    return info.value.name


def test_admission_checks_in_order():
    signed = sample()
    assert error_of(tx.decode, b"\x00" * (tx.MAX_TX_BYTES + 1)) == "tx_too_large"
    assert error_of(tx.decode, signed.encode()[:-1]) == "tx_malformed"
    assert error_of(tx.decode, signed.encode() + b"\x00") == "tx_malformed"
    assert error_of(tx.check_static, tx.decode(signed.encode()), 87) == "wrong_chain"
    bad = tx.Transaction(**{**signed.__dict__, "signature": signed.signature[:-1] + b"\x00"})
    assert error_of(tx.check_static, tx.decode(bad.encode()), 86) == "bad_signature"
    other_scheme = tx.Transaction(**{**signed.__dict__, "scheme": 2})
    assert error_of(tx.check_static, tx.decode(other_scheme.encode()), 86) == "bad_signature"


@settings(max_examples=200, deadline=None)
@given(position=st.integers(0, 10_000), xor=st.integers(1, 255))
def test_no_byte_of_a_transaction_can_change_without_detection(position, xor):
    raw = bytearray(sample().encode())
    raw[position % len(raw)] ^= xor
    try:
        decoded = tx.decode(bytes(raw))
    except InvalidTransaction:
        return
    with pytest.raises(InvalidTransaction):
        tx.check_static(decoded, 86)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_refused_cleanly(raw):
    try:
        decoded = tx.decode(raw)
    except InvalidTransaction:
        return
    assert decoded.tx.encode() == raw


def test_deployment_data_round_trip_and_bombs():
    data = tx.deployment_data(b"container", b"args", {"abi": {"functions": []}, "name": "T"})
    assert tx.split_deployment(data) == (b"container", b"args", {"abi": {"functions": []}, "name": "T"})
    import zlib
    bomb = zlib.compress(b"[" * (tx.MAX_METADATA + 10))
    from vm import abi
    with pytest.raises(InvalidTransaction) as info:
        tx.split_deployment(abi.encode(tx.DEPLOY_TYPE, [b"c", b"", bomb]))
    assert info.value.name == "bad_deployment"


@pytest.mark.parametrize("metadata", [
    {"name": "Evil", "source_map": 5},
    {"name": 5},
    {"source": ["x"]},
    {"abi": []},
    {"abi": {"errors": 5}},
    {"abi": {"errors": [{"name": "E", "selector": "zz"}]}},
    {"abi": {"errors": [{"name": "E", "selector": "8329cec9", "inputs": [{"name": "a"}]}]}},
    {"abi": {"functions": [5]}},
    {"source_map": {"file": "t.ht", "functions": [{"name": "f", "map": [[0, 1, 1, 1]]}]}},
    {"source_map": {"file": "t.ht", "functions": [{"name": "f", "map": [[5, 1, 1, 1, 2], [3, 1, 1, 1, 2]]}]}},
    {"source_map": {"file": "t.ht", "functions": {}}},
])
def test_deployment_metadata_of_the_wrong_shape_is_refused(metadata):
    with pytest.raises(InvalidTransaction) as info:
        tx.split_deployment(tx.deployment_data(b"container", b"", metadata))
    assert info.value.name == "bad_deployment" and info.value.code == -32014


def test_compiler_metadata_has_the_expected_shape():
    from .contracts import token_metadata
    assert tx.split_deployment(tx.deployment_data(b"c", b"", token_metadata()))[2] == token_metadata()
