"""Run the node's application on a socket until SIGINT or SIGTERM, with the
operator's banner on the way in and a clean shutdown on the way out: the
listener closes, requests in flight get `SHUTDOWN_GRACE` seconds to finish, a
commit in progress completes, and the store is closed."""

from __future__ import annotations

import asyncio
import signal
from typing import Callable

from aiohttp import web

from . import crypto
from .api import node_version
from .config import NodeConfig
from .devkeys import DEV_ACCOUNT_COUNT, DEV_BALANCE, dev_key
from .server import SERVICE, create_app
from .state import native

SHUTDOWN_GRACE = 5.0


def _say(line: str = "") -> None:
    print(line, flush=True)


async def run_node(config: NodeConfig, *, temporary: bool = False, say: Callable[[str], None] = _say,
                   stop: asyncio.Event | None = None) -> None:
    from .explorer import routes as explorer_routes

    app = create_app(config, extra_routes=explorer_routes)
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_GRACE)
    await runner.setup()  # opens the node (cleanup_ctx); a NodeError here means it cannot start
    try:
        site = web.TCPSite(runner, config.host, config.port)
        await site.start()
        port = runner.addresses[0][1]
        for line in banner(config, app[SERVICE], port, temporary):
            say(line)
        stop = stop or asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
        say("Shutting down…")
    finally:
        service = app.get(SERVICE)
        await runner.cleanup()
    if service is not None:
        say(f"Stopped cleanly at height {service.head.height}.")


def banner(config: NodeConfig, service, port: int, temporary: bool) -> list[str]:
    host = "127.0.0.1" if config.host in ("0.0.0.0", "::", "") else config.host
    base = f"{host}:{port}" if ":" not in host else f"[{host}]:{port}"
    head = service.head
    mode = "development chain (--dev): a block as soon as transactions arrive" if config.dev else \
        f"a block every {config.block_time:g} s"
    where = str(config.data_dir) + ("  (temporary: deleted on exit; pass --data-dir to keep it)" if temporary else "")
    producer = config.producer
    lines = [
        f"Hutong node {node_version()}: {mode}",
        f"  chain id     {service.genesis.chain_id}",
        f"  genesis      0x{service.genesis_hash.hex()}",
        f"  head         height {head.height}, 0x{head.hash.hex()}",
        f"  data dir     {where}",
        f"  state tree   {native.describe()}",
        f"  producer     {crypto.to_hex(producer.address) if producer else '(none: following only)'}",
        # blocks name their producer by public key (`producer key` in `hutong block`)
        *([f"  producer key 0x{producer.public_key.hex()}"] if producer else []),
        "",
        f"  RPC          http://{base}/rpc",
        f"  WebSocket    ws://{base}/ws",
        f"  Explorer     http://{base}/",
        f"  OpenRPC      http://{base}/openrpc.json",
        f"  Health       http://{base}/health",
    ]
    if config.dev:
        lines += ["", f"Dev accounts (each funded with {DEV_BALANCE}):"]
        for index in range(DEV_ACCOUNT_COUNT):
            key = dev_key(index)
            lines.append(f"  ({index}) {crypto.to_hex(key.address)}  private key 0x{key.seed().hex()}")
        warning = ["WARNING: THESE KEYS ARE PUBLIC. Anyone can derive them from node/devkeys.py.",
                   "Never use them, or this chain, for anything of value."]
        width = max(map(len, warning))
        lines += ["", "!" * (width + 8)] + [f"!!  {line:<{width}}  !!" for line in warning] + ["!" * (width + 8)]
    lines += ["", "Press Ctrl+C to stop."]
    return lines

