"""ABI, layout and assembly of the example contracts match their golden files.
After an intended change: `python -m compiler.golden --update`, then review the diff."""

from compiler.golden import GOLDEN, check


def test_golden_files_are_current():
    assert sorted(GOLDEN.glob("*.ht")), "no golden examples"
    stale = check()
    assert not stale, "golden files differ (run `python -m compiler.golden --update` and review): " + ", ".join(stale)
