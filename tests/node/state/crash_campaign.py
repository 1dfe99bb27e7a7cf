"""The SIGKILL campaign (RELIABILITY.md test 52, for the state store): a
writer process commits blocks and is killed with SIGKILL at a random moment,
over and over; after every kill the store is reopened and checked.

After each kill: the store opens (its root node re-hashes to the recorded
root); every block the writer reported as committed is there with the root
it reported; the latest root equals the root obtained by replaying the
deterministic blocks in memory; every key of the writer's pool reads back
(latest state: the flat table and its pending changes rebuilt from the log) as in the
replay; the blocks and txs tables hold exactly the blocks up to the latest;
every few cycles, and after the last, the whole tree is recomputed from its
leaves.

`make crash-state` runs 200 cycles and prints the figure; `make test` runs a
shorter campaign (tests/node/state/test_crash.py).

Note: SIGKILL leaves the OS page cache intact, so this shows the commit
protocol is atomic, not that data reached the disk (that needs a power-loss
simulation, RELIABILITY.md test 53).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from node.state import MemoryStore, StateError, open_store
from tests.node.state.crash_writer import KEY_POOL, block_changes, block_record, block_writes, pool_key

REPOSITORY = Path(__file__).resolve().parents[3]


@dataclass
class CampaignResult:
    cycles: int = 0
    blocks_reported: int = 0
    kills_inside_apply: int = 0
    lost: int = 0
    corrupt: int = 0
    failed_opens: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.cycles} kill -9 cycles ({self.kills_inside_apply} inside apply), "
                f"{self.blocks_reported} committed blocks reported, {self.lost} lost, {self.corrupt} corrupt, "
                f"{self.failed_opens} failed opens, {self.seconds:.1f} s")


class ReplayModel:
    """The expected roots, from replaying the deterministic blocks in memory."""

    def __init__(self) -> None:
        self.store = MemoryStore()

    def root(self, version: int) -> bytes:
        latest = self.store.latest_version()
        for next_version in range(0 if latest is None else latest + 1, version + 1):
            self.store.apply(block_changes(next_version), next_version, extra=block_writes(next_version))
        return self.store.root(version)


def check_reopened(store, reported: dict[int, str], model: ReplayModel, full: bool) -> tuple[list[str], list[str]]:
    """(lost, corrupt) findings for a reopened store, given every commit the
    writers reported (version -> root hex)."""
    lost, corrupt = [], []
    latest = store.latest_version()
    newest_reported = max(reported, default=None)
    if newest_reported is not None and (latest is None or latest < newest_reported):
        lost.append(f"store is at {latest}, but block {newest_reported} was reported committed")
    if latest is None:
        return lost, corrupt
    for version, root_hex in reported.items():
        if version <= latest and store.root(version).hex() != root_hex:
            corrupt.append(f"block {version} has root {store.root(version).hex()}, reported {root_hex}")
    if store.root() != model.root(latest):
        corrupt.append(f"latest block {latest} does not have the replayed root")
    wrong = [n for n in range(KEY_POOL) if store.get(pool_key(n)) != model.store.get(pool_key(n), latest)]
    if wrong:
        corrupt.append(f"{len(wrong)} keys read back other values than block {latest} left, e.g. key {wrong[0]}")
    heights = [int.from_bytes(key, "big") for key, _ in store.scan("blocks", b"")]
    if heights != list(range(latest + 1)):
        corrupt.append(f"blocks table holds {heights[:3]}..{heights[-3:]}, expected 0..{latest}")
    elif store.read("blocks", latest.to_bytes(8, "big")) != block_record(latest):
        corrupt.append(f"blocks table entry {latest} is not block {latest}")
    if store.read("txs", block_record(latest)) != latest.to_bytes(8, "big"):
        corrupt.append(f"txs index misses block {latest}")
    if full:
        try:
            store.verify_tree(latest)
        except StateError as error:
            corrupt.append(f"tree of block {latest} does not recompute: {error}")
    return lost, corrupt


def run_campaign(cycles: int, directory: str, seed: int = 0, max_delay: float = 0.5,
                 full_check_every: int = 10, startup_kill_share: float = 0.1) -> CampaignResult:
    """`cycles` kill-and-check rounds. Most kills come a random 0..max_delay
    seconds after the writer began its first block; a `startup_kill_share` of
    them come that long after the process started (during start-up or open)."""
    rng = random.Random(seed)
    path = os.path.join(directory, "db")
    reported: dict[int, str] = {}
    model = ReplayModel()
    result = CampaignResult()
    started = time.perf_counter()
    for cycle in range(cycles):
        writer = subprocess.Popen([sys.executable, "-m", "tests.node.state.crash_writer", path],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPOSITORY)
        first_line = b""
        if rng.random() >= startup_kill_share:
            # Start the clock once the writer is writing, so a slow start on a
            # busy machine cannot turn every kill into a kill during start-up.
            first_line = writer.stdout.readline()
        time.sleep(rng.uniform(0.0, max_delay))
        os.kill(writer.pid, signal.SIGKILL)
        output, errors = writer.communicate()
        output = first_line + output
        if writer.returncode != -signal.SIGKILL:
            result.problems.append(f"cycle {cycle}: writer exited {writer.returncode}: {errors.decode()[-500:]}")
        last_begun = None
        for line in output.decode().splitlines():
            words = line.split()
            if words[0] == "begin":
                last_begun = int(words[1])
            else:
                reported[int(words[1])] = words[2]
                result.blocks_reported += 1
                last_begun = None
        result.kills_inside_apply += last_begun is not None
        try:
            store = open_store(path, create=False)
        except (StateError, OSError) as error:
            if not reported:
                # Killed while creating the store, before it committed anything:
                # there is nothing to lose yet, and the next writer creates it again.
                result.cycles += 1
                continue
            result.failed_opens += 1
            result.problems.append(f"cycle {cycle}: open failed: {error}")
            continue
        try:
            lost, corrupt = check_reopened(store, reported, model,
                                           full=(cycle + 1) % full_check_every == 0 or cycle == cycles - 1)
        finally:
            store.close()
        result.lost += len(lost)
        result.corrupt += len(corrupt)
        result.problems += [f"cycle {cycle}: {problem}" for problem in lost + corrupt]
        result.cycles += 1
    result.seconds = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crash-state-") as directory:
        result = run_campaign(arguments.cycles, directory, arguments.seed)
    print(result.summary())
    for problem in result.problems[:20]:
        print("  ", problem)
    sys.exit(0 if not result.problems and result.cycles == arguments.cycles else 1)


if __name__ == "__main__":
    main()
