"""Key files: an Ed25519 key encrypted at rest with a password.

The 32-byte seed is encrypted with AES-256-GCM under a key derived from the
password with scrypt (both from `cryptography`). The address, public key and
KDF parameters are stored in clear, so `hutong keys list` needs no password,
and they are the GCM associated data, so changing any of them makes
decryption fail rather than yield a different key.

    {"version": 1, "address": "0x...", "public_key": "0x...", "scheme": "ed25519",
     "kdf": {"name": "scrypt", "n": 32768, "r": 8, "p": 1, "salt": "<hex>"},
     "cipher": {"name": "aes-256-gcm", "nonce": "<hex>"}, "ciphertext": "<hex>"}

Files are written with mode 0600 in the keystore directory
(`$HUTONG_KEYSTORE`, else `~/.hutong/keystore`).
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .crypto import Key, address_of

VERSION = 1
# scrypt cost: 2**15 * 128 * r = 32 MiB and about 0.1 s here; RFC 7914 suggests r=8, p=1.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MAX_SCRYPT_N = 2**20
MAX_SCRYPT_MEMORY = 1 << 30  # scrypt needs 128 * r * n bytes: refuse files asking for more than 1 GiB


class KeystoreError(Exception):
    """A key file is missing, malformed, or the password is wrong."""


@dataclass(frozen=True)
class KeyFile:
    path: Path
    address: str
    public_key: str
    data: dict

    def unlock(self, password: str) -> Key:
        return decrypt(self.data, password)


def keystore_dir() -> Path:
    return Path(os.environ.get("HUTONG_KEYSTORE") or Path.home() / ".hutong" / "keystore")


def _associated(data: dict) -> bytes:
    header = {k: data[k] for k in ("version", "address", "public_key", "scheme", "kdf")}
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode()


def _derive(password: str, kdf: dict) -> bytes:
    n, r, p = kdf["n"], kdf["r"], kdf["p"]
    if not (isinstance(n, int) and isinstance(r, int) and isinstance(p, int) and 2 <= n <= MAX_SCRYPT_N
            and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16 and 128 * r * n <= MAX_SCRYPT_MEMORY):
        raise KeystoreError(f"unsupported scrypt parameters n={n} r={r} p={p}")
    return Scrypt(salt=bytes.fromhex(kdf["salt"]), length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))


def encrypt(key: Key, password: str, *, n: int = SCRYPT_N) -> dict:
    data = {
        "version": VERSION, "address": "0x" + key.address.hex(), "public_key": "0x" + key.public_key.hex(),
        "scheme": "ed25519",
        "kdf": {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P, "salt": secrets.token_bytes(16).hex()},
    }
    nonce = secrets.token_bytes(12)
    ciphertext = AESGCM(_derive(password, data["kdf"])).encrypt(nonce, key.seed(), _associated(data))
    data["cipher"] = {"name": "aes-256-gcm", "nonce": nonce.hex()}
    data["ciphertext"] = ciphertext.hex()
    return data


def decrypt(data: dict, password: str) -> Key:
    try:
        if data.get("version") != VERSION or data["kdf"]["name"] != "scrypt" or \
                data["cipher"]["name"] != "aes-256-gcm":
            raise KeystoreError("not a version-1 scrypt/aes-256-gcm key file")
        secret = _derive(password, data["kdf"])
        seed = AESGCM(secret).decrypt(bytes.fromhex(data["cipher"]["nonce"]), bytes.fromhex(data["ciphertext"]),
                                      _associated(data))
    except InvalidTag:
        raise KeystoreError("wrong password (or the key file was modified)") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise KeystoreError(f"malformed key file: {exc}") from None
    key = Key.from_seed(seed)
    if "0x" + key.address.hex() != data["address"]:
        raise KeystoreError("the decrypted key does not match the file's address")
    return key


def save(key: Key, password: str, path: str | os.PathLike | None = None, *, name: str | None = None,
         n: int = SCRYPT_N) -> Path:
    """Encrypt and write a key file (never overwrites); returns its path."""
    if path is None:
        directory = keystore_dir()
        path = directory / f"{name or '0x' + key.address.hex()}.json"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = json.dumps(encrypt(key, password, n=n), indent=2) + "\n"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as f:
        f.write(text)
    return path


def load(path: str | os.PathLike) -> KeyFile:
    """Read a key file's clear part (no password needed)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text())
        address, public_key = data["address"], data["public_key"]
        if "0x" + address_of(bytes.fromhex(public_key[2:])).hex() != address:
            raise KeystoreError(f"{path}: the address does not belong to the public key")
    except FileNotFoundError:
        raise KeystoreError(f"no key file {path}") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KeystoreError(f"{path}: not a key file ({exc})") from None
    return KeyFile(path, address, public_key, data)


def resolve(name_or_path: str) -> Path:
    """A key file given as a path, or as a name/address in the keystore directory."""
    path = Path(name_or_path)
    if path.exists():
        return path
    for candidate in (keystore_dir() / name_or_path, keystore_dir() / f"{name_or_path}.json"):
        if candidate.exists():
            return candidate
    raise KeystoreError(f"no key file {name_or_path} (nor in {keystore_dir()})")


def list_keys(directory: str | os.PathLike | None = None) -> list[KeyFile]:
    directory = Path(directory) if directory else keystore_dir()
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.glob("*.json")):
        try:
            found.append(load(path))
        except KeystoreError:
            continue
    return found
