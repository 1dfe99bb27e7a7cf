"""A short SIGKILL campaign against a real node process for `make test`;
`make crash-node` runs 50 cycles (RELIABILITY.md section G)."""

from __future__ import annotations

import os

from node import tx
from node.devkeys import dev_key

from .crash_node import check_receipts, run
from .nodeproc import NodeProcess

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
