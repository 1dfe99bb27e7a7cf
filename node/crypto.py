"""Keys, addresses and strict Ed25519 verification.

Signatures are checked by `cryptography` (OpenSSL), which on its own accepts
public keys of small order and one non-canonical key encoding (the
ed25519-speccheck verdicts `V V V V X X X X X X X V`). Different libraries
disagree on exactly those inputs, and on a chain every node must agree, so
`verify` adds its own rules before calling the library:

* the public key A is a canonical encoding (y < p, no "negative zero" x),
  is not of small order and has no small-order component ([L]A is the
  identity), checked with the curve arithmetic below and cached per key;
* R is a canonical encoding and not one of the small-order points;
* S < L (OpenSSL checks this too).

The resulting verdicts are pinned in tests/node/test_crypto.py.

Addresses: `address = sha3_256(b"hutong-address" || public key)[:20]`,
written as 0x-prefixed lowercase hex.
"""

from __future__ import annotations

import functools
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ADDRESS_DOMAIN = b"hutong-address"

# Curve25519 in twisted Edwards form: -x^2 + y^2 = 1 + d x^2 y^2 over GF(p).
P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def address_of(public_key: bytes) -> bytes:
    return hashlib.sha3_256(ADDRESS_DOMAIN + public_key).digest()[:20]


def to_hex(address: bytes) -> str:
    return "0x" + address.hex()


def parse_address(text: str) -> bytes:
    """0x-prefixed 40-hex-digit address; ValueError otherwise."""
    if not isinstance(text, str) or not text.startswith("0x") or len(text) != 42:
        raise ValueError(f"an address is 0x followed by 40 hex digits, not {text!r}")
    return bytes.fromhex(text[2:])


class Key:
    """An Ed25519 signing key."""

    def __init__(self, private: Ed25519PrivateKey):
        self._private = private
        self.public_key = private.public_key().public_bytes(serialization.Encoding.Raw,
                                                             serialization.PublicFormat.Raw)
        self.address = address_of(self.public_key)

    @classmethod
    def generate(cls) -> "Key":
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_seed(cls, seed: bytes) -> "Key":
        if len(seed) != 32:
            raise ValueError("an Ed25519 seed is 32 bytes")
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    @classmethod
    def deterministic(cls, label: str) -> "Key":
        """A key derived from a label: for dev accounts and tests only (public!)."""
        return cls.from_seed(hashlib.sha3_256(b"hutong-dev-key:" + label.encode()).digest())

    def seed(self) -> bytes:
        return self._private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                           serialization.NoEncryption())

    def sign(self, message: bytes) -> bytes:
        return self._private.sign(message)


# --- curve arithmetic (extended coordinates), used only for key checks ------------------

def _decompress(encoding: bytes) -> tuple[int, int] | None:
    """The affine point of a canonical encoding, or None (bad or non-canonical)."""
    if len(encoding) != 32:
        return None
    value = int.from_bytes(encoding, "little")
    sign = value >> 255
    y = value & ((1 << 255) - 1)
    if y >= P:
        return None
    u = (y * y - 1) % P
    v = (D * y * y + 1) % P
    x = (u * pow(v, 3, P) * pow(u * pow(v, 7, P), (P - 5) // 8, P)) % P
    if (v * x * x - u) % P != 0:
        x = x * SQRT_M1 % P
        if (v * x * x - u) % P != 0:
            return None
    if x == 0 and sign:
        return None  # "negative zero": a second encoding of the same point
    if x & 1 != sign:
        x = P - x
    return x, y


def _add(p1, p2):
    x1, y1, z1, t1 = p1
    x2, y2, z2, t2 = p2
    a = (y1 - x1) * (y2 - x2) % P
    b = (y1 + x1) * (y2 + x2) % P
    c = 2 * t1 * t2 * D % P
    d = 2 * z1 * z2 % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return e * f % P, g * h % P, f * g % P, e * h % P


def _multiply(point, scalar: int):
    result = (0, 1, 1, 0)
    addend = point
    while scalar:
        if scalar & 1:
            result = _add(result, addend)
        addend = _add(addend, addend)
        scalar >>= 1
    return result


def _is_identity(point) -> bool:
    x, y, z, _ = point
    return x % P == 0 and (y - z) % P == 0


@functools.lru_cache(maxsize=65536)
def public_key_problem(public_key: bytes) -> str | None:
    """Why a public key is refused, or None if it is acceptable."""
    if len(public_key) != 32:
        return "public key must be 32 bytes"
    affine = _decompress(public_key)
    if affine is None:
        return "public key is not a canonical point encoding"
    x, y = affine
    point = (x, y, 1, x * y % P)
    if _is_identity(_multiply(point, 8)):
        return "public key has small order"
    if not _is_identity(_multiply(point, L)):
        return "public key has a small-order component"
    return None


def _small_order_encodings() -> frozenset[bytes]:
    """Every 32-byte string that decodes, canonically or not, to a point of order
    dividing 8: the multiples of one order-8 point, with both sign bits and, where
    y + p < 2^255, the non-canonical y."""
    x, y = _decompress(bytes.fromhex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"))
    generator = (x, y, 1, x * y % P)
    encodings = set()
    current = (0, 1, 1, 0)
    for _ in range(8):
        z_inverse = pow(current[2], P - 2, P)
        y_affine = current[1] * z_inverse % P
        for y_value in (y_affine, y_affine + P):
            if y_value < 2**255:
                for sign in (0, 1):
                    encodings.add((y_value | (sign << 255)).to_bytes(32, "little"))
        current = _add(current, generator)
    assert _is_identity(current), "the generator must have order 8"
    return frozenset(encodings)


SMALL_ORDER = _small_order_encodings()


def signature_problem(signature: bytes) -> str | None:
    if len(signature) != 64:
        return "signature must be 64 bytes"
    r = signature[:32]
    if int.from_bytes(r, "little") & ((1 << 255) - 1) >= P:
        return "signature R is not a canonical point encoding"
    if r in SMALL_ORDER:
        return "signature R has small order"
    if int.from_bytes(signature[32:], "little") >= L:
        return "signature S is not reduced (S >= L)"
    return None


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """Strict Ed25519 verification (see the module doc)."""
    if public_key_problem(public_key) or signature_problem(signature):
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def library_verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """The bare library verdict (for pinning its behaviour in tests)."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True
