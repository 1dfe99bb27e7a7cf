"""`python -m tests.node.state.native_workload DIRECTORY SEED`: one state
workload, printed as JSON, for test_native.py to run with the compiled tree
and with the pure-Python one and compare.

Both hashes, an in-memory store and an LMDB store whose helper process takes
every block of 40+ changes. The blocks insert, update and delete random keys
(some sharing long prefixes, so leaves are pushed down and lifted back up),
the tree empties once and refills. Printed: which build ran (here and in the
helper), and per block the root, every record the in-memory store holds
(as one digest), values read back, and proofs of present and absent keys.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

from node.state import MemoryStore, native, open_store


def blocks(rng: random.Random) -> list[dict[bytes, bytes | None]]:
    keys = [rng.randbytes(rng.choice((1, 20, 53))) for _ in range(600)]
    keys += [b"\x01" * 30 + bytes((i,)) for i in range(20)]  # equal prefixes: deep paths in the key space too
    live: set[bytes] = set()
    result = []
    for size in (1, 2, 5, 300, 60, 45, 700, 3, 120, 80):
        block: dict[bytes, bytes | None] = {}
        for _ in range(size):
            key = rng.choice(keys)
            block[key] = None if key in live and rng.random() < 0.3 else rng.randbytes(rng.randint(1, 70))
        result.append(block)
        live = (live | set(block)) - {key for key, value in block.items() if value is None}
    result.append({key: None for key in sorted(live)})  # empty the tree
    result.append({key: b"back" for key in keys[:90]})
    return result


def run(directory: Path, seed: int) -> dict:
    rng = random.Random(seed)
    work = blocks(rng)
    probes = [key for block in work for key in block][:200] + [rng.randbytes(20) for _ in range(20)]
    report: dict = {"active": native.active(), "hashes": {}}
    for hash_name in ("sha3_256", "sm3"):
        memory = MemoryStore(hash_name=hash_name)
        (directory / hash_name).mkdir(parents=True)
        disk = open_store(directory / hash_name, hash_name=hash_name, helper_min_changes=40)
        if not disk._helper.wait_ready():
            raise AssertionError("the tree helper did not start")
        out = []
        for version, block in enumerate(work):
            root = memory.apply(block, version)
            if disk.apply(block, version) != root:
                raise AssertionError(f"LMDB and memory roots differ at version {version}")
            records = hashlib.sha256(b"".join(key + value for key, value in sorted(memory._nodes.items())))
            out.append({
                "root": root.hex(),
                "records": records.hexdigest(),
                "values": [(memory.get(key) or b"").hex() for key in probes[:50]],
                "proofs": [disk.prove(key).to_bytes().hex() for key in probes[::7]],
            })
        helper = disk._helper
        if not helper.runs_helper:
            raise AssertionError("the tree helper took no part")
        compiled_helper = any("/_native/tree." in line
                              for line in Path(f"/proc/{helper.pid}/maps").read_text().splitlines())
        report["helper_active"] = report.get("helper_active", True) and compiled_helper  # both hashes' helpers
        disk.close()
        report["hashes"][hash_name] = out
    return report


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]), int(sys.argv[2]))))
