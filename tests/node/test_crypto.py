"""Strict Ed25519 verification, with the verdicts pinned (RELIABILITY test 47)."""

from __future__ import annotations

import json
from pathlib import Path

from node import crypto

VECTORS = json.loads((Path(__file__).parent.parent / "fixtures" / "node" / "ed25519_speccheck.json").read_text())
CASES = [(bytes.fromhex(v["message"]), bytes.fromhex(v["public_key"]), bytes.fromhex(v["signature"])) for v in VECTORS]


def verdicts(verify) -> str:
    return " ".join("V" if verify(key, sig, msg) else "X" for msg, key, sig in CASES)


def test_the_library_alone_accepts_small_order_and_non_canonical_keys():
    # ed25519-speccheck's 12 vectors (novifinancial/ed25519-speccheck cases.txt). If a library
    # upgrade changes this line, read the release notes before touching the expectation.
    assert verdicts(crypto.library_verify) == "V V V V X X X X X X X V"


def test_the_node_rejects_every_edge_case():
    assert verdicts(crypto.verify) == "X X X X X X X X X X X X"


def test_the_reasons_are_the_documented_ones():
    reasons = [crypto.public_key_problem(key) or crypto.signature_problem(sig) for _, key, sig in CASES]
    assert reasons[0] == "public key has small order"
    assert reasons[3] == "public key has a small-order component"
    assert reasons[6] == reasons[7] == "signature S is not reduced (S >= L)"
    assert reasons[10] == reasons[11] == "public key is not a canonical point encoding"


def test_ordinary_keys_sign_and_verify():
    key = crypto.Key.generate()
    signature = key.sign(b"hutong")
    assert crypto.verify(key.public_key, signature, b"hutong")
    assert not crypto.verify(key.public_key, signature, b"hutonG")
    tampered = signature[:10] + bytes([signature[10] ^ 1]) + signature[11:]
    assert not crypto.verify(key.public_key, tampered, b"hutong")
    assert crypto.address_of(key.public_key) == key.address and len(key.address) == 20


def test_the_small_order_blocklist_has_every_encoding():
    # 8 points of order dividing 8, each with both sign bits, plus non-canonical y + p where it fits.
    assert len(crypto.SMALL_ORDER) == 14
    identity = (1).to_bytes(32, "little")
    assert identity in crypto.SMALL_ORDER


def test_deterministic_dev_keys_are_stable():
    assert crypto.Key.deterministic("dev-0").address == crypto.Key.deterministic("dev-0").address
    assert crypto.Key.deterministic("dev-0").address != crypto.Key.deterministic("dev-1").address
