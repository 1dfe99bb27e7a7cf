"""Key files (node/keystore.py): scrypt + AES-GCM at rest."""

from __future__ import annotations

import json
import os
import stat

import pytest

from node import keystore
from node.crypto import Key

FAST = 2**10  # scrypt cost for tests; files record their own parameters


def test_round_trip_and_clear_header(tmp_path):
    key = Key.generate()
    path = keystore.save(key, "correct horse", tmp_path / "k.json", n=FAST)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    loaded = keystore.load(path)
    assert loaded.address == "0x" + key.address.hex()
    assert loaded.unlock("correct horse").seed() == key.seed()
    text = path.read_text()
    assert key.seed().hex() not in text and json.loads(text)["kdf"]["n"] == FAST


def test_wrong_password_and_tampering_are_refused(tmp_path):
    path = keystore.save(Key.generate(), "pw", tmp_path / "k.json", n=FAST)
    with pytest.raises(keystore.KeystoreError, match="wrong password"):
        keystore.load(path).unlock("PW")
    data = json.loads(path.read_text())
    other = Key.generate()
    data["address"], data["public_key"] = "0x" + other.address.hex(), "0x" + other.public_key.hex()
    path.write_text(json.dumps(data))
    with pytest.raises(keystore.KeystoreError, match="wrong password|modified"):
        keystore.load(path).unlock("pw")
    for n, r in [(2**30, 8), (2**20, 32), (2**20, 9)]:  # > 2**20, or more than 1 GiB (128 * r * n)
        data["kdf"]["n"], data["kdf"]["r"] = n, r
        path.write_text(json.dumps(data))
        with pytest.raises(keystore.KeystoreError, match="unsupported scrypt"):
            keystore.load(path).unlock("pw")


def test_never_overwrites_and_lists_the_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("HUTONG_KEYSTORE", str(tmp_path / "store"))
    first = keystore.save(Key.generate(), "pw", name="alice", n=FAST)
    with pytest.raises(FileExistsError):
        keystore.save(Key.generate(), "pw", name="alice", n=FAST)
    keystore.save(Key.generate(), "pw", name="bob", n=FAST)
    (tmp_path / "store" / "junk.json").write_text("{}")
    assert [k.path.name for k in keystore.list_keys()] == ["alice.json", "bob.json"]
    assert keystore.resolve("alice") == first
    with pytest.raises(keystore.KeystoreError, match="no key file carol"):
        keystore.resolve("carol")
