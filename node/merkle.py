"""The binary Merkle root over a list of 32-byte leaves (transactions and
receipts roots of a block header).

root([]) = sha3_256(b""); a leaf hashes as sha3_256(0x00 || leaf) and an inner
node as sha3_256(0x01 || left || right); an odd node out is carried up unchanged.
"""

from __future__ import annotations

import hashlib

EMPTY_ROOT = hashlib.sha3_256(b"").digest()


def merkle_root(leaves: list[bytes]) -> bytes:
    if not leaves:
        return EMPTY_ROOT
    level = [hashlib.sha3_256(b"\x00" + leaf).digest() for leaf in leaves]
    while len(level) > 1:
        nxt = [hashlib.sha3_256(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0]
