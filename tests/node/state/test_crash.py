"""A short SIGKILL campaign for `make test`; `make crash-state` runs 200 cycles."""

import os

from node.state import open_store
from tests.node.state.crash_campaign import ReplayModel, check_reopened, run_campaign
from tests.node.state.crash_writer import block_changes, block_writes

CYCLES = int(os.environ.get("HUTONG_CRASH_CYCLES", "25"))


def test_sigkilled_writers_never_lose_or_tear_a_block(tmp_path):
    result = run_campaign(CYCLES, str(tmp_path), seed=CYCLES)
    print(result.summary())
    assert result.problems == []
    assert result.cycles == CYCLES and result.lost == result.corrupt == result.failed_opens == 0
    assert result.blocks_reported > 0
    assert result.kills_inside_apply > 0, "no kill landed inside a write: the campaign tested nothing"


def test_the_checker_reports_lost_and_wrong_blocks(tmp_path):
    """Negative control: the campaign's checker must notice a lost block and a
    root that differs from the one reported."""
    model = ReplayModel()
    with open_store(tmp_path / "db") as store:
        for version in range(3):
            store.apply(block_changes(version), version, extra=block_writes(version))
        reported = {version: store.root(version).hex() for version in range(3)}
        assert check_reopened(store, reported, model, full=True) == ([], [])
        lost, _ = check_reopened(store, reported | {3: "00" * 32}, model, full=False)
        assert lost
        _, corrupt = check_reopened(store, reported | {1: "00" * 32}, model, full=False)
        assert corrupt
