"""How a node is set up: where it keeps its chain, which chain, who produces
blocks, and the limits of its API. `hutong node` builds a `NodeConfig` from
its options; tests and embedders build one directly.

Every limit of the API lives in `Limits`, with the reason for its default;
docs/api.md ("Limits") is generated from this class.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from . import crypto
from .block import Genesis
from .mempool import MempoolLimits
from .protocol import CALL_GAS_CAP, CALL_TIME_LIMIT
from .tx import MAX_TX_BYTES

DEFAULT_PORT = 8545  # the port development tools expect a local node on


@dataclass(frozen=True)
class Limits:
    """The API's limits. Each one, when hit, fails with one clear error."""

    # A request body (HTTP) or message (WebSocket): a batch of 1,000 hex-encoded
    # transfers is ~700 KB; one maximal deployment is ~280 KB of hex.
    max_body_bytes: int = 4 * 1024 * 1024
    # Requests in one JSON-RPC batch.
    max_batch: int = 1000
    # hutong_getLogs: blocks in one query, logs returned, and index entries
    # examined (a topic filter without an address can scan far more than it returns).
    max_log_range: int = 10_000
    max_log_results: int = 10_000
    max_log_scan: int = 100_000
    # WebSocket: subscriptions per connection; notifications queued for one
    # connection; how long a connection may stay unable to take more before it is
    # dropped; the kernel send buffer of a WebSocket (bounds what a stalled
    # consumer can pin in memory).
    max_subscriptions: int = 64
    ws_queue_messages: int = 4096
    ws_stall_seconds: float = 10.0
    ws_send_buffer_bytes: int = 256 * 1024
    # Read-only execution (hutong_call, hutong_estimateGas): gas cap, wall-clock
    # limit, and how many run at once (each holds a reader thread).
    call_gas_cap: int = CALL_GAS_CAP
    call_time_limit: float = CALL_TIME_LIMIT
    max_concurrent_calls: int = 2
    # hutong_sendRawTransaction(wait=true): the longest wait a caller may ask for.
    max_wait_seconds: float = 300.0
    # Largest raw transaction accepted (the protocol's own limit).
    max_transaction_bytes: int = MAX_TX_BYTES

    def describe(self) -> list[tuple[str, object, str]]:
        """(name, value, meaning) for every limit, in declaration order."""
        return [(f.name, getattr(self, f.name), LIMIT_MEANINGS[f.name]) for f in fields(self)]


LIMIT_MEANINGS = {
    "max_body_bytes": "bytes in one HTTP request body or WebSocket message",
    "max_batch": "requests in one JSON-RPC batch",
    "max_log_range": "blocks spanned by one hutong_getLogs query",
    "max_log_results": "logs returned by one hutong_getLogs query",
    "max_log_scan": "log index entries one hutong_getLogs query may examine",
    "max_subscriptions": "live subscriptions on one WebSocket connection",
    "ws_queue_messages": "notifications queued for one WebSocket connection",
    "ws_stall_seconds": "seconds a WebSocket consumer may stop reading before it is dropped",
    "ws_send_buffer_bytes": "kernel send buffer, and the event loop's write buffer, of a WebSocket connection",
    "call_gas_cap": "gas of one hutong_call / hutong_estimateGas",
    "call_time_limit": "seconds one hutong_call / hutong_estimateGas may run",
    "max_concurrent_calls": "read-only executions running at once (others wait their turn)",
    "max_wait_seconds": "longest wait of hutong_sendRawTransaction(wait=true)",
    "max_transaction_bytes": "bytes in one raw transaction",
}


def override_limits(limits: Limits, mempool: MempoolLimits,
                    settings: list[str]) -> tuple[Limits, MempoolLimits]:
    """Apply `NAME=VALUE` settings (`hutong node --limit`): NAME is a field of
    Limits, or `mempool.` and a field of MempoolLimits. ValueError if unknown."""
    for setting in settings:
        name, sep, text = setting.partition("=")
        target = mempool if name.startswith("mempool.") else limits
        field_name = name.removeprefix("mempool.")
        kinds = {f.name: f.type for f in fields(target)}
        if not sep or field_name not in kinds:
            known = [f.name for f in fields(Limits)] + ["mempool." + f.name for f in fields(MempoolLimits)]
            raise ValueError(f"unknown limit {name!r}; known: {', '.join(known)}")
        try:
            value = float(text) if kinds[field_name] in (float, "float") else int(text.replace("_", ""))
        except ValueError:
            raise ValueError(f"limit {name} needs a number, not {text!r}") from None
        if value <= 0:
            raise ValueError(f"limit {name} must be positive")
        if target is mempool:
            mempool = replace(mempool, **{field_name: value})
        else:
            limits = replace(limits, **{field_name: value})
    return limits, mempool


@dataclass(frozen=True)
class NodeConfig:
    """A node: its data directory, chain, producer, mode and API limits.

    `genesis` None means "the genesis already stored in `data_dir`".
    `producer` None makes a node that only follows its ordering log.
    `dev` makes a block as soon as transactions arrive; otherwise a block is
    made every `block_time` seconds."""

    data_dir: Path
    genesis: Genesis | None = None
    producer: crypto.Key | None = None
    dev: bool = False
    block_time: float = 1.0
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    limits: Limits = field(default_factory=Limits)
    mempool: MempoolLimits = field(default_factory=MempoolLimits)
    # Processes verifying signatures (one per core by default).
    signature_workers: int = field(default_factory=lambda: os.cpu_count() or 2)
    reader_threads: int = 4

    @property
    def store_path(self) -> Path:
        return Path(self.data_dir) / "chain"
