"""The tally of bad requests sent to real node processes by the bad-input
tests (RELIABILITY.md section E), printed at the end of the run by
tests/node/conftest.py: "N bad requests, 0 5xx, 0 crashes"."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Tally:
    requests: int = 0
    server_errors: int = 0  # HTTP 5xx
    crashes: int = 0        # node processes found dead

    def line(self) -> str:
        return f"{self.requests} bad requests, {self.server_errors} 5xx, {self.crashes} crashes"


TALLY = Tally()
