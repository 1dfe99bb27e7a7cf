"""Merkle proofs of the state tree and their verification (no database needed).

A proof follows one key hash from the root down to where its path ends: a
leaf (the key's own, or another key's whose hash shares the path) or an empty
child slot. It carries the sibling of every binary level on the way, 4 per
16-ary node, EMPTY where the sibling subtree is empty.

Byte layout (format 1), every field fixed-size, nothing after the last sibling:

  offset  size       field
  0       1          format = 0x01
  1       1          depth: 16-ary levels on the path (0..64); the path has 4*depth binary levels
  2       1          end: 0x00 the path ends at an empty slot, 0x01 at a leaf
  3       64         only when end = 0x01: the leaf's key_hash(32) || value_hash(32)
  .       ceil(depth/2)  sibling bitmap: bit j (most significant bit of the first
                     byte is j = 0, the level just below the root) is 1 when the
                     sibling at binary level j is present, 0 when it is EMPTY;
                     bits past 4*depth are 0; when depth > 0 the
                     last 4 bits are not all 0 (the node above the end
                     holds another key, so it has a non-empty sibling)
  .       32 each    the present siblings, from the root down

Omitting EMPTY siblings keeps a proof small: at 10^6 keys a path is about 5
levels deep and the lowest levels are sparse, which gives 20-odd siblings
(about 700 bytes) instead of 5 x 15 x 32 for a flat 16-ary proof.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from node.state.errors import ProofFormatError
from node.state.hashing import DIGEST_SIZE, EMPTY, tree_hasher

PROOF_FORMAT = 1
END_EMPTY = 0
END_LEAF = 1
MAX_PROOF_DEPTH = 2 * DIGEST_SIZE  # nibbles in a key hash


@dataclass(frozen=True)
class Proof:
    """`siblings`: 4 per 16-ary level, root first, EMPTY where the subtree is
    empty. `leaf`: (key_hash, value_hash) of the leaf that ends the path, or
    None when it ends at an empty slot."""

    siblings: tuple[bytes, ...]
    leaf: tuple[bytes, bytes] | None

    @property
    def depth(self) -> int:
        return len(self.siblings) // 4

    def to_bytes(self) -> bytes:
        depth = self.depth
        if len(self.siblings) != 4 * depth or depth > MAX_PROOF_DEPTH:
            raise ProofFormatError("a proof carries 4 siblings per level, at most 64 levels")
        bitmap = 0
        present = []
        for sibling in self.siblings:
            bitmap <<= 1
            if sibling != EMPTY:
                bitmap |= 1
                present.append(sibling)
        bitmap_size = (depth + 1) // 2
        bitmap <<= 8 * bitmap_size - 4 * depth
        head = bytes((PROOF_FORMAT, depth, END_EMPTY if self.leaf is None else END_LEAF))
        leaf = b"" if self.leaf is None else self.leaf[0] + self.leaf[1]
        return head + leaf + bitmap.to_bytes(bitmap_size, "big") + b"".join(present)

    @classmethod
    def from_bytes(cls, raw: bytes) -> "Proof":
        """Parse the canonical layout; ProofFormatError for anything else."""
        if not isinstance(raw, (bytes, bytearray, memoryview)):
            raise ProofFormatError("proof must be bytes")
        raw = bytes(raw)
        if len(raw) < 3 or raw[0] != PROOF_FORMAT:
            raise ProofFormatError("not a format-1 proof")
        depth, end = raw[1], raw[2]
        if depth > MAX_PROOF_DEPTH:
            raise ProofFormatError("proof deeper than a key hash")
        position = 3
        leaf = None
        if end == END_LEAF:
            if len(raw) < position + 2 * DIGEST_SIZE:
                raise ProofFormatError("truncated leaf")
            leaf = (raw[position:position + DIGEST_SIZE], raw[position + DIGEST_SIZE:position + 2 * DIGEST_SIZE])
            position += 2 * DIGEST_SIZE
        elif end != END_EMPTY:
            raise ProofFormatError("unknown path end")
        bitmap_size = (depth + 1) // 2
        if len(raw) < position + bitmap_size:
            raise ProofFormatError("truncated bitmap")
        bitmap = int.from_bytes(raw[position:position + bitmap_size], "big")
        position += bitmap_size
        padding = 8 * bitmap_size - 4 * depth
        if bitmap & ((1 << padding) - 1):
            raise ProofFormatError("bitmap padding bits set")
        bitmap >>= padding
        levels = 4 * depth
        if len(raw) != position + DIGEST_SIZE * bitmap.bit_count():
            raise ProofFormatError("sibling count does not match the bitmap")
        siblings = []
        for level in range(levels):
            if bitmap >> (levels - 1 - level) & 1:
                sibling = raw[position:position + DIGEST_SIZE]
                if sibling == EMPTY:
                    raise ProofFormatError("an empty sibling must be left out, not written")
                siblings.append(sibling)
                position += DIGEST_SIZE
            else:
                siblings.append(EMPTY)
        if not _has_lowest_sibling(siblings):
            raise ProofFormatError("the lowest 16-ary level of a proof must have a sibling")
        return cls(tuple(siblings), leaf)


def verify_proof(root: bytes, key: bytes, value: bytes | None, proof: "Proof | bytes",
                 hash_name: str = "sha3_256") -> bool:
    """True when `proof` shows that under `root`, `key` holds `value` (None or
    b"" for absent). Malformed proofs give False, never an exception."""
    hasher = tree_hasher(hash_name)
    if not isinstance(proof, Proof):
        try:
            proof = Proof.from_bytes(proof)
        except ProofFormatError:
            return False
    if not isinstance(root, bytes) or len(root) != DIGEST_SIZE or not isinstance(key, bytes):
        return False
    siblings = proof.siblings
    if len(siblings) % 4 or len(siblings) > 4 * MAX_PROOF_DEPTH:
        return False
    if not all(isinstance(sibling, bytes) and len(sibling) == DIGEST_SIZE for sibling in siblings):
        return False
    if not _has_lowest_sibling(siblings):
        return False
    key_hash = hasher.digest(key)
    if proof.leaf is None:
        if value:
            return False
        current = EMPTY
    else:
        leaf_key_hash, leaf_value_hash = proof.leaf
        if not all(isinstance(part, bytes) and len(part) == DIGEST_SIZE for part in proof.leaf):
            return False
        if value:
            if leaf_key_hash != key_hash or leaf_value_hash != hasher.digest(value):
                return False
        elif leaf_key_hash == key_hash or not _same_prefix(leaf_key_hash, key_hash, proof.depth):
            return False
        current = hasher.leaf_from_value_hash(leaf_key_hash, leaf_value_hash)
    key_bits = int.from_bytes(key_hash, "big")
    branch = hasher.branch
    for level in range(len(siblings) - 1, -1, -1):
        sibling = siblings[level]
        if key_bits >> (8 * DIGEST_SIZE - 1 - level) & 1:
            current = branch(sibling, current)
        else:
            current = branch(current, sibling)
    return current == root


def _has_lowest_sibling(siblings: Sequence[bytes]) -> bool:
    """Whether the lowest 16-ary level has a non-empty sibling, as every real
    path has: the internal node it crosses holds at least two keys, and the
    other one sits in a sibling subtree. This makes each (root, key) have a
    single valid proof, rather than also ones padded with empty levels."""
    return not siblings or any(sibling != EMPTY for sibling in siblings[-4:])


def _same_prefix(first: bytes, second: bytes, nibbles: int) -> bool:
    """Whether two key hashes agree on their first `nibbles` nibbles."""
    shift = 8 * DIGEST_SIZE - 4 * nibbles
    return int.from_bytes(first, "big") >> shift == int.from_bytes(second, "big") >> shift
