"""SIGKILL campaign for the node (RELIABILITY.md section G): a real
`hutong node --dev` process on a real LMDB directory is killed with SIGKILL
while clients submit transactions and poll receipts, then restarted, N times.

After every kill, with the node down, the store is opened directly: the
latest state tree recomputes to the root in the head block's header. After
every restart, every transaction the node had *reported committed* (a receipt
returned by hutong_getTransactionReceipt or sendRawTransaction(wait=true))
is there with the same receipt, and new transactions commit: the chain goes on.

    python -m tests.node.crash_node --cycles 50     (make crash-node)
"""

from __future__ import annotations

import argparse
import json
import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from node import crypto, tx
from node.block import Block
from node.chain import TABLES, u64
from node.devkeys import dev_key
from node.state import open_store

from .contracts import deploy_token, transfer
from .nodeproc import Client, NodeProcess

CHAIN_ID = 86
SENDERS = [dev_key(i) for i in range(6)]
LOADS = 2  # client threads, each with its own senders (nonces are tracked per thread)


@dataclass
class Report:
    cycles: int = 0
    kills_under_load: int = 0
    refused: int = 0  # submissions the node refused (should stay 0: nonces are tracked)
    reported: dict = field(default_factory=dict)  # tx hash -> receipt the node reported
    lost: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    root_mismatches: list = field(default_factory=list)
    stalled: list = field(default_factory=list)
    heights: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.lost or self.changed or self.root_mismatches or self.stalled)

    def line(self) -> str:
        return (f"{self.cycles} SIGKILL cycles ({self.kills_under_load} with requests in flight), "
                f"{len(self.reported)} transactions reported committed, {self.refused} refused, {len(self.lost)} lost, "
                f"{len(self.changed)} changed, {len(self.root_mismatches)} state roots not re-verified, "
                f"{len(self.stalled)} restarts that did not go on; final height "
                f"{self.heights[-1] if self.heights else 0}; {self.seconds:.1f} s")


class Load(threading.Thread):
    """Submits batches of transfers and polls their receipts until stopped
    (by the node dying under it). Records what the node reports committed."""

    def __init__(self, client: Client, senders: list, token: bytes | None, seed: int):
        super().__init__(daemon=True)
        self.client = client
        self.senders = senders
        self.token = token
        self.rng = random.Random(seed)
        self.reported: dict[str, dict] = {}
        self.in_flight = 0
        self.refused = 0
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            nonces = {k.address: self.client.call("hutong_getNonce", crypto.to_hex(k.address), "pending")
                      for k in self.senders}
            while not self.stop.is_set():
                batch = []
                for _ in range(self.rng.randint(5, 40)):
                    key = self.rng.choice(self.senders)
                    nonce = nonces[key.address]
                    nonces[key.address] += 1
                    target = self.rng.choice(SENDERS).address
                    if self.token and self.rng.random() < 0.5:
                        batch.append(transfer(key, self.token, target, self.rng.randint(0, 3), chain_id=CHAIN_ID,
                                              nonce=nonce))
                    else:
                        batch.append(tx.make(key, chain_id=CHAIN_ID, nonce=nonce, gas_limit=20_000, to=target,
                                             value=self.rng.randint(1, 1000)))
                self.in_flight += 1
                answers = self.client.batch([("hutong_sendRawTransaction", ["0x" + t.encode().hex()])
                                             for t in batch])
                self.in_flight -= 1
                self.refused += sum("error" in a for a in answers)
                pending = ["0x" + t.hash.hex() for t, a in zip(batch, answers) if "result" in a]
                deadline = time.monotonic() + 20
                while pending and time.monotonic() < deadline and not self.stop.is_set():
                    self.in_flight += 1
                    found = self.client.batch([("hutong_getTransactionReceipt", [h]) for h in pending])
                    self.in_flight -= 1
                    for tx_hash, answer in zip(pending, found):
                        if answer.get("result"):
                            self.reported[tx_hash] = answer["result"]
                    pending = [h for h, a in zip(pending, found) if not a.get("result")]
                    time.sleep(0.01)
        except (OSError, ConnectionError, json.JSONDecodeError, AssertionError, KeyError):
            return  # the node was killed under us


def check_receipts(client: Client, reported: dict[str, dict]) -> tuple[list[str], list[str]]:
    """Hashes whose receipt the node no longer has, and those whose receipt differs."""
    lost, changed = [], []
    hashes = list(reported)
    for start in range(0, len(hashes), 500):
        chunk = hashes[start:start + 500]
        for tx_hash, answer in zip(chunk, client.batch([("hutong_getTransactionReceipt", [h]) for h in chunk])):
            if not answer.get("result"):
                lost.append(tx_hash)
            elif answer["result"] != reported[tx_hash]:
                changed.append(tx_hash)
    return lost, changed


def verify_offline(data_dir: Path) -> tuple[int, str | None]:
    """With the node down: the head block's state root recomputes from the tree."""
    store = open_store(data_dir / "chain", tables=TABLES, hash_name=None)
    try:
        height = store.latest_version()
        header = Block.decode(store.read("blocks", u64(height))).header
        recomputed = store.verify_tree()
        if recomputed != header.state_root:
            return height, f"height {height}: tree {recomputed.hex()} != header {header.state_root.hex()}"
        return height, None
    finally:
        store.close()


def run(cycles: int, work_dir: Path, seed: int = 1, say=print) -> Report:
    rng = random.Random(seed)
    report = Report()
    node = NodeProcess(work_dir / "data", log_dir=work_dir)
    started = time.monotonic()
    node.start()
    client = node.client()
    deployed = client.call("hutong_sendRawTransaction",
                           "0x" + deploy_token(SENDERS[0], chain_id=CHAIN_ID, nonce=0, supply=10**9).encode().hex(),
                           True)
    token = crypto.parse_address(deployed["created"])
    report.reported[deployed["tx_hash"]] = deployed
    for index in range(SENDERS.__len__() - 1):  # everyone gets tokens to move
        client.call("hutong_sendRawTransaction", "0x" + transfer(
            SENDERS[0], token, SENDERS[index + 1].address, 10**6, chain_id=CHAIN_ID, nonce=index + 1)
            .encode().hex(), True)
    for cycle in range(cycles):
        loads = [Load(node.client(timeout=10), SENDERS[i::LOADS], token, seed * 1000 + cycle * 10 + i)
                 for i in range(LOADS)]
        for load in loads:
            load.start()
        time.sleep(rng.uniform(0.2, 1.2))
        report.kills_under_load += any(load.in_flight for load in loads)
        node.kill()
        for load in loads:
            load.stop.set()
            load.join(30)
            report.reported.update(load.reported)
            report.refused += load.refused
        height, problem = verify_offline(node.data_dir)
        if problem:
            report.root_mismatches.append(f"cycle {cycle}: {problem}")
        node.start()
        client = node.client()
        lost, changed = check_receipts(client, report.reported)
        report.lost += [f"cycle {cycle}: {h}" for h in lost]
        report.changed += [f"cycle {cycle}: {h}" for h in changed]
        probe_key = SENDERS[cycle % len(SENDERS)]
        nonce = client.call("hutong_getNonce", crypto.to_hex(probe_key.address), "pending")
        probe = client.call("hutong_sendRawTransaction", "0x" + tx.make(
            probe_key, chain_id=CHAIN_ID, nonce=nonce, gas_limit=20_000, to=SENDERS[0].address, value=1)
            .encode().hex(), True, 30)
        if probe.get("status") != "success" or probe["block"] <= height:
            report.stalled.append(f"cycle {cycle}: {probe}")
        report.reported[probe["tx_hash"]] = probe
        report.heights.append(client.call("hutong_blockNumber"))
        report.cycles += 1
        if (cycle + 1) % 10 == 0:
            say(f"  {cycle + 1} cycles, {len(report.reported)} reported, height {report.heights[-1]}")
    node.stop()
    report.seconds = time.monotonic() - started
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cycles", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, help="work directory (default: a new temporary one)")
    args = parser.parse_args()
    import tempfile
    work = args.dir or Path(tempfile.mkdtemp(prefix="hutong-crash-node-"))
    work.mkdir(parents=True, exist_ok=True)
    report = run(args.cycles, work, args.seed)
    print(report.line())
    for problem in (report.lost + report.changed + report.root_mismatches + report.stalled)[:20]:
        print("  ", problem)
    raise SystemExit(0 if report.ok else 1)


if __name__ == "__main__":
    main()
