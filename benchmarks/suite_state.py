"""State store throughput: committed updates, latest and historical reads,
proof size and proof verification, at 10^4, 10^5 and 10^6 keys.

Each size gets a fresh LMDB store (sync on, as the node runs it), filled with
random 53-byte storage keys (0x01 || address || 32-byte path) and 32-byte
values in blocks of up to 100,000 keys. Then, per run:

  update_1000    5 blocks of 1,000 updates to existing random keys, each
                 block one committed `apply` (fsync included)
  insert_1000    5 blocks of 1,000 new keys
  read_latest    random `get` of existing keys (flat table, a read txn each)
  read_history   random `get(key, version)` one block back (walks the tree)
  proof_verify   `verify_proof` of present keys' proofs (bytes)

Proof sizes (median and max bytes over present and absent keys) go into the
`extra` of proof_verify; update and insert records also carry the CPU time
per key. Each update record notes its cost relative to the smallest size
beside the ratio of log16 n (the tree's depth). Before timing, each size checks its answers: values
read back, proofs verify, and a tampered proof fails.

Around the update runs the suite times a reference workload, a SHA3-256
branch hash as the tree takes it (the commonest operation of an update), and
records it with the update figures (`machine_us_per_hash_before` / `_after`).
On a shared VM the same code runs up to half as fast for minutes at a time;
this says which kind of minute a figure came from.

The report says whether the tree ran compiled (node/state/native.py) or as
pure Python (not built, or HUTONG_PURE_PYTHON=1).

Blocks of 256+ changes share their tree work with the store's helper
process (node/state/helper.py), so the CPU time recorded per update is the
store process's alone; the helper's comes on top, on the other core.

For scale (shared/PEERS.md): py-evm spends ~146 us to write a fresh storage
slot in memory and ~202 us more to persist it.
"""

from __future__ import annotations

import hashlib
import math
import random
import statistics
import tempfile
import time
from typing import Callable, Iterator

from benchmarks.harness import Options, Record, record, time_runs
from benchmarks.report import fmt, verdict
from node.state import native, open_store, verify_proof

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (2_000, 10_000)
BLOCK = 1_000
BLOCKS_PER_RUN = 5
FILL_BLOCK = 100_000


def _random_key(rng: random.Random) -> bytes:
    return b"\x01" + rng.randbytes(52)


class _SizedStore:
    """A store holding `size` random keys, and the model of its content."""

    def __init__(self, directory: str, size: int, seed: int):
        self.rng = random.Random(seed)
        self.store = open_store(f"{directory}/state-{size}")
        self.keys: list[bytes] = []
        self.content: dict[bytes, bytes] = {}
        self.version = -1
        started = time.perf_counter()
        while len(self.keys) < size:
            block = {}
            for _ in range(min(FILL_BLOCK, size - len(self.keys))):
                key = _random_key(self.rng)
                block[key] = self.rng.randbytes(32)
                self.keys.append(key)
            self.commit(block)
        self.fill_seconds = time.perf_counter() - started

    def commit(self, block: dict[bytes, bytes]) -> bytes:
        self.version += 1
        root = self.store.apply(block, self.version)
        self.content.update(block)
        return root

    def update_blocks(self, calls: int) -> Callable[[], None]:
        """A function committing BLOCKS_PER_RUN blocks of updates to existing
        keys per call, `calls` times; the blocks are drawn beforehand, so the
        time is the store's, not the random generator's."""
        blocks = iter([{self.rng.choice(self.keys): self.rng.randbytes(32) for _ in range(BLOCK)}
                       for _ in range(calls * BLOCKS_PER_RUN)])
        return lambda: self._commit_blocks(blocks)

    def insert_blocks(self, calls: int) -> Callable[[], None]:
        """As update_blocks, with blocks of new keys."""
        blocks = iter([{_random_key(self.rng): self.rng.randbytes(32) for _ in range(BLOCK)}
                       for _ in range(calls * BLOCKS_PER_RUN)])
        return lambda: self._commit_blocks(blocks, new_keys=True)

    def _commit_blocks(self, blocks: Iterator[dict[bytes, bytes]], new_keys: bool = False) -> None:
        for _ in range(BLOCKS_PER_RUN):
            block = next(blocks)
            if new_keys:
                self.keys.extend(block)
            self.commit(block)


def _check_answers(sized: _SizedStore) -> None:
    store, root = sized.store, sized.store.root()
    for key in sized.rng.sample(sized.keys, 200):
        value = sized.content[key]
        if store.get(key) != value:
            raise AssertionError("state benchmark read back a wrong value")
        proof = store.prove(key).to_bytes()
        if not verify_proof(root, key, value, proof):
            raise AssertionError("state benchmark proof does not verify")
        if verify_proof(root, key, value, proof[:-1] + bytes((proof[-1] ^ 1,))):
            raise AssertionError("state benchmark accepted a tampered proof")
    if len(sized.keys) <= 20_000 and store.verify_tree() != root:
        raise AssertionError("state benchmark tree does not recompute")


def machine_us_per_hash(count: int = 20_000, rounds: int = 3) -> float:
    """Microseconds per SHA3-256 branch hash taken as the tree takes it (a
    copied prefix context, two 32-byte updates, a digest), best of `rounds`:
    how fast this machine runs the core of an update right now."""
    context = hashlib.sha3_256(b"\x01").copy
    half = bytes(32)
    best = math.inf
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(count):
            branch = context()
            branch.update(half)
            branch.update(half)
            branch.digest()
        best = min(best, time.perf_counter() - started)
    return best / count * 1e6


def _timed_with_cpu(fn, runs: int, warmup: int) -> tuple[list[float], float]:
    """Wall-time samples, and the median CPU time of the process per run: on a
    shared machine the gap between the two shows time lost to other work and
    to fsync waits."""
    cpu_samples = []

    def measured() -> None:
        started = time.process_time()
        fn()
        cpu_samples.append(time.process_time() - started)

    samples = time_runs(measured, runs, warmup)
    return samples, statistics.median(cpu_samples[warmup:])


def _measure_size(directory: str, size: int, options: Options) -> list[Record]:
    runs = 3 if options.quick else options.runs
    sized = _SizedStore(directory, size, seed=size)
    _check_answers(sized)
    store = sized.store
    records = []
    updates = BLOCK * BLOCKS_PER_RUN

    update_blocks = sized.update_blocks(runs + options.warmup)
    machine_before = machine_us_per_hash()
    samples, cpu = _timed_with_cpu(update_blocks, runs, options.warmup)
    machine_after = machine_us_per_hash()
    records.append(record("state", "update_1000", "hutong-lmdb", size, samples, ops=updates,
                          us_per_update=round(statistics.median(samples) / updates * 1e6, 2),
                          cpu_us_per_update=round(cpu / updates * 1e6, 2), fill_seconds=round(sized.fill_seconds, 2),
                          blocks_per_run=BLOCKS_PER_RUN, keys_per_block=BLOCK,
                          machine_us_per_hash_before=round(machine_before, 3),
                          machine_us_per_hash_after=round(machine_after, 3), tree_build=native.describe()))

    samples, cpu = _timed_with_cpu(sized.insert_blocks(runs + options.warmup), runs, options.warmup)
    records.append(record("state", "insert_1000", "hutong-lmdb", size, samples, ops=updates,
                          us_per_insert=round(statistics.median(samples) / updates * 1e6, 2),
                          cpu_us_per_insert=round(cpu / updates * 1e6, 2)))

    reads = 20_000 if options.quick else 200_000
    read_keys = [sized.rng.choice(sized.keys) for _ in range(reads)]
    get = store.get
    samples = time_runs(lambda: [get(key) for key in read_keys], runs, options.warmup)
    records.append(record("state", "read_latest", "hutong-lmdb", size, samples, ops=reads))

    history_reads = 2_000 if options.quick else 20_000
    past = sized.version - 1
    history_keys = read_keys[:history_reads]
    samples = time_runs(lambda: [get(key, past) for key in history_keys], runs, options.warmup)
    records.append(record("state", "read_history", "hutong-lmdb", size, samples, ops=history_reads,
                          version_back=1))

    proved_keys = sized.rng.sample(sized.keys, 1_000)
    proofs = [store.prove(key).to_bytes() for key in proved_keys]
    absent_sizes = [len(store.prove(_random_key(sized.rng)).to_bytes()) for _ in range(1_000)]
    root = store.root()
    values = [store.get(key) for key in proved_keys]

    def verify_all() -> None:
        for key, value, proof in zip(proved_keys, values, proofs):
            if not verify_proof(root, key, value, proof):
                raise AssertionError("proof stopped verifying")

    samples = time_runs(verify_all, runs, options.warmup)
    present_sizes = [len(proof) for proof in proofs]
    records.append(record("state", "proof_verify", "hutong", size, samples, ops=len(proofs),
                          proof_bytes_median=statistics.median(present_sizes), proof_bytes_max=max(present_sizes),
                          absent_proof_bytes_median=statistics.median(absent_sizes),
                          absent_proof_bytes_max=max(absent_sizes),
                          us_per_verify=round(statistics.median(samples) / len(proofs) * 1e6, 2)))
    store.close()
    return records


def _growth_record(records: list[Record]) -> None:
    """Annotate each update record with how its cost grew from the previous
    size: per tenfold more keys, the added microseconds per update. Growth in
    O(log n) adds a constant amount per tenfold; anything faster adds more
    each time. The ratio to the smallest size sits beside the log16 ratio."""
    updates = [item for item in records if item.workload == "update_1000"]
    smallest = updates[0]
    for previous, item in zip([None] + updates, updates):
        item.extra["cost_ratio_vs_smallest"] = round(item.seconds_median / smallest.seconds_median, 3)
        item.extra["log_ratio_vs_smallest"] = round(math.log(item.n, 16) / math.log(smallest.n, 16), 3)
        if previous is not None:
            decades = math.log10(item.n / previous.n)
            for field in ("us_per_update", "cpu_us_per_update"):
                added = (item.extra[field] - previous.extra[field]) / decades
                item.extra[f"{field}_added_per_tenfold"] = round(added, 2)


TARGET_UPDATES_PER_S = 20_000     # committed, at 10^6 keys (issue 4)
TARGET_READS_PER_S = 200_000
TARGET_PROOF_BYTES = 1024


def summarize(records: list[Record]) -> str:
    """Markdown: one row per tree size, then the issue's targets at the largest size."""
    by = {(r.workload, r.n): r for r in records if r.suite == "state"}
    sizes = sorted({n for (_, n) in by})
    if not sizes:
        return ""
    lines = ["| keys | updates/s | µs per update (CPU) | inserts/s | latest reads/s | history reads/s "
             "| proof bytes median / max (absent) | verify µs |", "|---|---|---|---|---|---|---|---|"]
    for n in sizes:
        u, i, rl, rh, p = (by[(w, n)] for w in ("update_1000", "insert_1000", "read_latest", "read_history",
                                                  "proof_verify"))
        lines.append(f"| {n:,} | {fmt(u.unit_per_s)} | {fmt(u.extra['us_per_update'])} "
                     f"({fmt(u.extra['cpu_us_per_update'])}) | {fmt(i.unit_per_s)} | {fmt(rl.unit_per_s)} | "
                     f"{fmt(rh.unit_per_s)} | {fmt(p.extra['proof_bytes_median'])} / {p.extra['proof_bytes_max']} "
                     f"({fmt(p.extra['absent_proof_bytes_median'])} / {p.extra['absent_proof_bytes_max']}) | "
                     f"{fmt(p.extra['us_per_verify'])} |")
    top = sizes[-1]
    u, rl, p = by[("update_1000", top)], by[("read_latest", top)], by[("proof_verify", top)]
    largest = max(p.extra["proof_bytes_max"], p.extra["absent_proof_bytes_max"])
    lines += ["", f"Targets (issue 4), at {top:,} keys:", ""]
    lines.append("- " + verdict(f"{fmt(u.unit_per_s)} committed updates/s, target >= {TARGET_UPDATES_PER_S:,}",
                                u.unit_per_s >= TARGET_UPDATES_PER_S,
                                f"{TARGET_UPDATES_PER_S / u.unit_per_s:.2f}x short"))
    lines.append("- " + verdict(f"{fmt(rl.unit_per_s)} latest reads/s, target >= {TARGET_READS_PER_S:,}",
                                rl.unit_per_s >= TARGET_READS_PER_S,
                                f"{TARGET_READS_PER_S / rl.unit_per_s:.2f}x short"))
    lines.append("- " + verdict(f"largest proof {largest} bytes, target <= {TARGET_PROOF_BYTES}",
                                largest <= TARGET_PROOF_BYTES, f"{largest - TARGET_PROOF_BYTES} bytes over"))
    lines.append(f"- the machine around those update runs: {u.extra['machine_us_per_hash_before']} and "
                 f"{u.extra['machine_us_per_hash_after']} µs per SHA3-256 branch hash (this VM: ~0.85 at full "
                 f"speed, up to twice that while its host is busy; the update figures move with it)")
    if "tree_build" in u.extra:
        lines.append(f"- the tree modules: {u.extra['tree_build']}")
    if "us_per_update_added_per_tenfold" in u.extra:
        lines.append(f"- growth: {u.extra['cpu_us_per_update_added_per_tenfold']} µs of CPU per update added per "
                     f"tenfold keys at the last step (constant per tenfold = log n)")
    return "\n".join(lines)


def run(options: Options) -> list[Record]:
    records: list[Record] = []
    with tempfile.TemporaryDirectory(prefix="bench-state-") as directory:
        for size in QUICK_SIZES if options.quick else SIZES:
            records += _measure_size(directory, size, options)
    _growth_record(records)
    return records
