"""The hash functions of the state tree, chosen once per chain in genesis.

A chain hashes its state tree with SHA3-256 (the default) or SM3. Both give
32-byte digests, so node layouts and proofs are the same whichever is chosen.
Every hash the tree takes goes through a `TreeHasher`:

  key hash       H(key)                         the key's path in the tree
  value hash     H(value)
  leaf hash      H(0x00 || key_hash || value_hash)
  branch hash    H(0x01 || left || right)       one binary level inside a 16-ary node
                 EMPTY when left and right are both EMPTY

EMPTY (32 zero bytes) is the placeholder for an empty subtree; finding an
input that hashes to it is infeasible. The one-byte prefixes keep leaves and
branches apart, so a leaf can never be passed off as a branch or the other
way round.
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


class _CryptographySM3:
    """SM3 through `cryptography`, shaped like a hashlib object (`update`,
    `copy` and `digest`)."""

    __slots__ = ("_data",)

    def __init__(self, data: bytes = b""):
        self._data = data

    def update(self, data: bytes) -> None:
        self._data += data

    def copy(self) -> "_CryptographySM3":
        return _CryptographySM3(self._data)

    def digest(self) -> bytes:
        digest = hashes.Hash(hashes.SM3())
        digest.update(self._data)
        return digest.finalize()


def _hashlib_sm3(data: bytes):
    return hashlib.new("sm3", data)


def _sm3_constructor() -> Callable[[bytes], object]:
    """SM3 from hashlib when this OpenSSL build offers it (it is about twice as
    fast), checked once against `cryptography`'s SM3; otherwise `cryptography`."""
    if "sm3" in hashlib.algorithms_available:
        probe = b"hutong state tree sm3 self-check"
        if _hashlib_sm3(probe).digest() == _CryptographySM3(probe).digest():
            return _hashlib_sm3
    return _CryptographySM3


class TreeHasher:
    """The tree's hash operations for one hash function (see the module doc).

    `new(data).digest()` is the raw hash; hot loops call it directly rather
    than through a method, which saves a Python call per hash.
    `context()`, `branch_context()` and `leaf_context()` return a fresh hash
    object, empty or having taken the one-byte branch or leaf prefix: copying
    a prepared context is cheaper than constructing one (for OpenSSL's
    SHA3-256 about 0.1 us of the ~0.8 us a 65-byte hash costs), and the two
    halves of a branch go in as two updates rather than a concatenation.
    """

    __slots__ = ("name", "new", "context", "branch_context", "leaf_context")

    def __init__(self, name: str):
        if name == "sha3_256":
            self.new: Callable[[bytes], object] = hashlib.sha3_256
        elif name == "sm3":
            self.new = _sm3_constructor()
        else:
            raise ValueError(f"unknown state hash {name!r}; expected one of {', '.join(HASH_NAMES)}")
        self.name = name
        self.context = self.new(b"").copy
        self.branch_context = self.new(BRANCH_PREFIX).copy
        self.leaf_context = self.new(LEAF_PREFIX).copy

    def digest(self, data: bytes) -> bytes:
        context = self.context()
        context.update(data)
        return context.digest()

    def leaf(self, key_hash: bytes, value: bytes) -> bytes:
        value_context = self.context()
        value_context.update(value)
        context = self.leaf_context()
        context.update(key_hash)
        context.update(value_context.digest())
        return context.digest()

    def leaf_from_value_hash(self, key_hash: bytes, value_hash: bytes) -> bytes:
        return self.new(LEAF_PREFIX + key_hash + value_hash).digest()

    def branch(self, left: bytes, right: bytes) -> bytes:
        if left == EMPTY and right == EMPTY:
            return EMPTY
        context = self.branch_context()
        context.update(left)
        context.update(right)
        return context.digest()


_HASHERS: dict[str, TreeHasher] = {}


def tree_hasher(name: str) -> TreeHasher:
    """The shared `TreeHasher` for `name` ("sha3_256" or "sm3")."""
    hasher = _HASHERS.get(name)
    if hasher is None:
        hasher = _HASHERS[name] = TreeHasher(name)
    return hasher
