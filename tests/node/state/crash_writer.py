"""The writer half of the SIGKILL campaign: commits deterministic blocks to a
store until it is killed, reporting each block on stdout only after `apply`
returned. Run as `python -m tests.node.state.crash_writer PATH`.

Lines: `begin V` before applying block V, `commit V ROOT_HEX` after.
"""

from __future__ import annotations

import hashlib
import random
import sys

from node.state import open_store

KEY_POOL = 4000
KEYS_PER_BLOCK = 250


def pool_key(n: int) -> bytes:
    return b"\x01" + n.to_bytes(4, "big")


def block_changes(version: int) -> dict[bytes, bytes | None]:
    """The state changes of block `version`: the same in every process."""
    rng = random.Random(version)
    changes: dict[bytes, bytes | None] = {}
    for _ in range(KEYS_PER_BLOCK):
        key = pool_key(rng.randrange(KEY_POOL))
        changes[key] = None if rng.random() < 0.15 else version.to_bytes(8, "big") + rng.randbytes(24)
    return changes


def block_record(version: int) -> bytes:
    """What the node would store in `blocks` for this block."""
    changes = block_changes(version)
    return hashlib.sha3_256(b"".join(key + (changes[key] or b"-") for key in sorted(changes))).digest()


def block_writes(version: int) -> list[tuple[str, bytes, bytes | None]]:
    height = version.to_bytes(8, "big")
    return [("blocks", height, block_record(version)), ("txs", block_record(version), height)]


def main(path: str) -> None:
    store = open_store(path, helper_min_changes=100)  # the tree helper takes part from the second block
    latest = store.latest_version()
    version = 0 if latest is None else latest + 1
    while True:
        print(f"begin {version}", flush=True)
        root = store.apply(block_changes(version), version, extra=block_writes(version))
        print(f"commit {version} {root.hex()}", flush=True)
        version += 1


if __name__ == "__main__":
    main(sys.argv[1])
