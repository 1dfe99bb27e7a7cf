"""Reports the bad-input tally of tests/node (see badinput.py)."""

from __future__ import annotations

from .badinput import TALLY


def pytest_terminal_summary(terminalreporter):
    if TALLY.requests:
        terminalreporter.write_line(f"node bad-input campaign: {TALLY.line()}")
