"""An independent, deliberately naive statement of the state tree's root, for
checking the real tree against: it rebuilds the whole tree from a plain dict
on every call and shares no code with node/state (only the spec in
docs/state.md)."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives import hashes

ZERO = bytes(32)


def _hash_function(hash_name: str):
    if hash_name == "sha3_256":
        return lambda data: hashlib.sha3_256(data).digest()

    def sm3(data: bytes) -> bytes:
        digest = hashes.Hash(hashes.SM3())
        digest.update(data)
        return digest.finalize()

    return sm3


def reference_root(mapping: dict[bytes, bytes], hash_name: str = "sha3_256") -> bytes:
    """The root of the tree holding `mapping` (empty values count as absent)."""
    digest = _hash_function(hash_name)
    entries = [(digest(key), value) for key, value in mapping.items() if value]

    def nibble(key_hash: bytes, depth: int) -> int:
        return int(key_hash.hex()[depth], 16)

    def binary(left: bytes, right: bytes) -> bytes:
        if left == ZERO and right == ZERO:
            return ZERO
        return digest(b"\x01" + left + right)

    def subtree(group: list[tuple[bytes, bytes]], depth: int) -> bytes:
        if not group:
            return ZERO
        if len(group) == 1:
            key_hash, value = group[0]
            return digest(b"\x00" + key_hash + digest(value))
        level = [subtree([entry for entry in group if nibble(entry[0], depth) == n], depth + 1) for n in range(16)]
        while len(level) > 1:
            level = [binary(level[i], level[i + 1]) for i in range(0, len(level), 2)]
        return level[0]

    return subtree(entries, 0)
