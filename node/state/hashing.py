"""The hash functions of the state tree, chosen once per chain in genesis.

A chain hashes its state tree with SHA3-256 (the default) or SM3. Both give
32-byte digests, so node layouts and proofs are the same whichever is chosen.
Every hash the tree takes goes through a `TreeHasher`:

  key hash       H(key)                         the key's path in the tree
  value hash     H(value)
  leaf hash      H(0x00 || key_hash || value_hash)
  branch hash    H(0x01 || left || right)       one binary level inside a 16-ary node
                 EMPTY when left and right are both EMPTY

EMPTY (32 zero bytes) is the placeholder for an empty subtree. No input
hashes to it, and the one-byte prefixes keep leaves and branches apart, so a
leaf can never be passed off as a branch or the other way round.
"""

from __future__ import annotations

import hashlib
from typing import Callable

from cryptography.hazmat.primitives import hashes

DIGEST_SIZE = 32
EMPTY = bytes(DIGEST_SIZE)
LEAF_PREFIX = b"\x00"
BRANCH_PREFIX = b"\x01"

HASH_NAMES = ("sha3_256", "sm3")


def _cryptography_sm3(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


def _sm3_function() -> Callable[[bytes], bytes]:
    """SM3 from hashlib when this OpenSSL build offers it (it is about twice as
    fast), checked once against `cryptography`'s SM3; otherwise `cryptography`."""
    if "sm3" in hashlib.algorithms_available:
        def hashlib_sm3(data: bytes) -> bytes:
            return hashlib.new("sm3", data).digest()

        probe = b"hutong state tree sm3 self-check"
        if hashlib_sm3(probe) == _cryptography_sm3(probe):
            return hashlib_sm3
    return _cryptography_sm3


def _sha3_256(data: bytes) -> bytes:
    return hashlib.sha3_256(data).digest()


class TreeHasher:
    """The tree's hash operations for one hash function (see the module doc)."""

    __slots__ = ("name", "digest")

    def __init__(self, name: str):
        if name == "sha3_256":
            self.digest: Callable[[bytes], bytes] = _sha3_256
        elif name == "sm3":
            self.digest = _sm3_function()
        else:
            raise ValueError(f"unknown state hash {name!r}; expected one of {', '.join(HASH_NAMES)}")
        self.name = name

    def leaf(self, key_hash: bytes, value: bytes) -> bytes:
        digest = self.digest
        return digest(LEAF_PREFIX + key_hash + digest(value))

    def leaf_from_value_hash(self, key_hash: bytes, value_hash: bytes) -> bytes:
        return self.digest(LEAF_PREFIX + key_hash + value_hash)

    def branch(self, left: bytes, right: bytes) -> bytes:
        if left == EMPTY and right == EMPTY:
            return EMPTY
        return self.digest(BRANCH_PREFIX + left + right)


_HASHERS: dict[str, TreeHasher] = {}


def tree_hasher(name: str) -> TreeHasher:
    """The shared `TreeHasher` for `name` ("sha3_256" or "sm3")."""
    hasher = _HASHERS.get(name)
    if hasher is None:
        hasher = _HASHERS[name] = TreeHasher(name)
    return hasher
