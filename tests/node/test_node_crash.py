"""A short SIGKILL campaign against a real node process for `make test`;
`make crash-node` runs 50 cycles (RELIABILITY.md section G)."""

from __future__ import annotations

import os
import time

from node import tx
from node.devkeys import dev_key

from .crash_node import check_receipts, run
from .nodeproc import NodeProcess, alive

CYCLES = int(os.environ.get("HUTONG_NODE_CRASH_CYCLES", "6"))


def test_a_node_killed_under_load_keeps_every_reported_transaction(tmp_path):
    report = run(CYCLES, tmp_path, seed=CYCLES)
    print(report.line())
    assert report.ok, (report.lost[:5], report.changed[:5], report.root_mismatches[:5], report.stalled[:5])
    assert report.cycles == CYCLES and report.refused == 0
    assert len(report.reported) > 10 * CYCLES, "the load committed almost nothing: the campaign tested nothing"
    assert report.kills_under_load > 0, "no kill landed while requests were in flight"


def test_the_checker_notices_a_lost_or_changed_receipt(tmp_path):
    """Negative control: a receipt the node never had is lost; one that differs is changed."""
    node = NodeProcess(tmp_path / "data").start()
    try:
        client = node.client()
        receipt = client.call("hutong_sendRawTransaction", "0x" + tx.make(
            dev_key(0), chain_id=86, nonce=0, gas_limit=20_000, to=dev_key(1).address).encode().hex(), True)
        altered = {**receipt, "gas_used": receipt["gas_used"] + 1}
        never_sent = "0x" + "ab" * 32
        lost, changed = check_receipts(client, {receipt["tx_hash"]: altered, never_sent: receipt})
        assert lost == [never_sent] and changed == [receipt["tx_hash"]]
        assert check_receipts(client, {receipt["tx_hash"]: receipt}) == ([], [])
    finally:
        node.kill()


def test_sigterm_under_load_stops_cleanly_and_keeps_what_was_reported(tmp_path):
    import time

    from .crash_node import SENDERS, Load, verify_offline

    node = NodeProcess(tmp_path / "data").start()
    try:
        loads = [Load(node.client(timeout=10), SENDERS[i::2], None, seed=i) for i in range(2)]
        for load in loads:
            load.start()
        time.sleep(1.0)
        assert any(load.in_flight for load in loads) or all(load.is_alive() for load in loads)
        assert node.stop(timeout=60) == 0, node.output()
        assert "Stopped cleanly at height" in node.output()
        reported = {}
        for load in loads:
            load.stop.set()
            load.join(30)
            reported.update(load.reported)
        assert reported, "the load committed nothing before the stop"
        height, problem = verify_offline(node.data_dir)
        assert problem is None and height >= max(r["block"] for r in reported.values())
        node.start()
        assert check_receipts(node.client(), reported) == ([], [])
    finally:
        node.kill()


def _descendants(root: int) -> set[int]:
    """Every live process below `root` (from /proc's parent links; zombies left out)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                state, parent = stat.read().rsplit(")", 1)[1].split()[:2]
        except OSError:
            continue
        if state != "Z":
            children.setdefault(int(parent), []).append(int(entry))
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def test_a_killed_node_leaves_no_signature_workers_behind(tmp_path):
    """SIGKILL gives the node no chance to stop its worker pool: the workers notice
    their node is gone and exit, and the forkserver with them."""
    node = NodeProcess(tmp_path / "data").start()
    client = node.client()
    client.call("hutong_sendRawTransaction", "0x" + tx.make(
        dev_key(0), chain_id=86, nonce=0, gas_limit=20_000, to=dev_key(1).address).encode().hex(), True)
    helpers = _descendants(node.process.pid)
    assert len(helpers) >= 2, "expected a forkserver and signature workers below the node"
    node.kill()
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in helpers if alive(pid)], "signature workers outlived their node"
