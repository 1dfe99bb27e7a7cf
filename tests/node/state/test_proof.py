"""Proofs: canonical bytes, every proof verifies, no tampered proof, key or
value does, and malformed bytes give False rather than an exception."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from node.state import MemoryStore, Proof, ProofFormatError, verify_proof
from node.state.hashing import EMPTY

KEYS = [b"\x01" + n.to_bytes(4, "big") for n in range(300)]


@pytest.fixture(scope="module")
def populated():
    store = MemoryStore()
    content = {key: key[::-1] * 2 for key in KEYS[:200]}
    root = store.apply(content, 0)
    return store, root, content


def flips(raw: bytes):
    for index in range(len(raw)):
        for mask in (0x01, 0x80):
            yield raw[:index] + bytes((raw[index] ^ mask,)) + raw[index + 1:]


def test_present_and_absent_keys_prove_and_round_trip(populated):
    store, root, content = populated
    for key in KEYS:
        proof = store.prove(key)
        raw = proof.to_bytes()
        assert Proof.from_bytes(raw) == proof
        assert verify_proof(root, key, content.get(key), raw)
        assert verify_proof(root, key, content.get(key), proof)
        assert not verify_proof(root, key, b"other", raw)
    # A 200-key tree is 2-3 levels deep: both kinds of absence occur.
    ends = {store.prove(key).leaf is None for key in KEYS[200:]}
    assert ends == {True, False}


def test_any_flipped_byte_of_a_proof_fails(populated):
    store, root, content = populated
    for key in (KEYS[3], KEYS[150], KEYS[250], KEYS[299]):
        raw = store.prove(key).to_bytes()
        for tampered in flips(raw):
            assert not verify_proof(root, key, content.get(key), tampered)


def test_flipped_key_or_value_of_a_present_key_fails(populated):
    store, root, content = populated
    for key in KEYS[:200:25]:
        raw = store.prove(key).to_bytes()
        for other_key in flips(key):
            assert not verify_proof(root, other_key, content[key], raw)
        for other_value in flips(content[key]):
            assert not verify_proof(root, key, other_value, raw)
        assert not verify_proof(root, key, None, raw)


def test_an_absence_proof_never_vouches_for_a_present_key(populated):
    """An absence proof covers every key below the empty slot or foreign leaf,
    so a flipped key may still verify; but only if that key is absent too."""
    store, root, content = populated
    for key in KEYS[200:]:
        raw = store.prove(key).to_bytes()
        for other_key in flips(key):
            if verify_proof(root, other_key, None, raw):
                assert other_key not in content


def test_wrong_root_or_hash_fails(populated):
    store, root, content = populated
    raw = store.prove(KEYS[0]).to_bytes()
    assert verify_proof(root, KEYS[0], content[KEYS[0]], raw)
    assert not verify_proof(root[:-1] + bytes((root[-1] ^ 1,)), KEYS[0], content[KEYS[0]], raw)
    assert not verify_proof(root, KEYS[0], content[KEYS[0]], raw, hash_name="sm3")
    assert not verify_proof(root[:31], KEYS[0], content[KEYS[0]], raw)


def test_sm3_proofs_verify_with_sm3_only():
    store = MemoryStore(hash_name="sm3")
    root = store.apply({key: b"v" for key in KEYS[:50]}, 0)
    raw = store.prove(KEYS[10]).to_bytes()
    assert verify_proof(root, KEYS[10], b"v", raw, hash_name="sm3")
    assert not verify_proof(root, KEYS[10], b"v", raw)


def test_empty_tree_and_single_leaf_proofs():
    store = MemoryStore()
    store.apply({}, 0)
    proof = store.prove(b"k")
    assert proof == Proof((), None) and proof.to_bytes() == b"\x01\x00\x00"
    assert verify_proof(EMPTY, b"k", None, proof.to_bytes())
    root = store.apply({b"k": b"v"}, 1)
    assert store.prove(b"k").to_bytes() == b"\x01\x00\x01" + store.prove(b"k").leaf[0] + store.prove(b"k").leaf[1]
    assert verify_proof(root, b"k", b"v", store.prove(b"k").to_bytes())
    assert verify_proof(root, b"j", None, store.prove(b"j").to_bytes())
    assert not verify_proof(root, b"k", None, store.prove(b"j").to_bytes())


@pytest.mark.parametrize("raw", [b"", b"\x02\x00\x00", b"\x01\x00\x02", b"\x01\x41\x00", b"\x01\x01\x00\x80",
                                 b"\x01\x01\x00\x01" + b"\x11" * 32, b"\x01\x01\x00\x80" + bytes(32),
                                 b"\x01\x00\x00\x00", b"\x01\x00\x01" + b"\x11" * 63])
def test_malformed_proof_bytes_are_rejected(raw):
    with pytest.raises(ProofFormatError):
        Proof.from_bytes(raw)
    assert verify_proof(EMPTY, b"k", None, raw) is False


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes_never_raise(raw):
    result = verify_proof(EMPTY, b"k", None, raw)
    assert result is (raw == b"\x01\x00\x00")


def test_proof_objects_with_bad_parts_are_false(populated):
    store, root, content = populated
    proof = store.prove(KEYS[1])
    assert not verify_proof(root, KEYS[1], content[KEYS[1]], Proof(proof.siblings[:-1], proof.leaf))
    assert not verify_proof(root, KEYS[1], content[KEYS[1]], Proof(proof.siblings, (b"x", b"y")))


def test_padding_a_proof_with_empty_levels_is_rejected():
    """Each (root, key) has one valid proof: an absence proof extended by empty
    levels is refused even though its hashes would chain to the root."""
    store = MemoryStore()
    root = store.apply({b"a": b"1", b"b": b"2"}, 0)
    absent = next(key for key in KEYS if store.prove(key).leaf is None)
    proof = store.prove(absent)
    assert verify_proof(root, absent, None, proof)
    padded = Proof(proof.siblings + (EMPTY,) * 4, None)
    assert not verify_proof(root, absent, None, padded)
    with pytest.raises(ProofFormatError):
        Proof.from_bytes(padded.to_bytes())
