"""`hutong node`: run a node (JSON-RPC over HTTP and WebSocket) until SIGINT/SIGTERM."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ..config import DEFAULT_PORT


def register(group: click.Group) -> None:
    group.add_command(node_command)


@click.command("node")
@click.option("--dev", is_flag=True,
              help="Development chain: funded dev accounts with PUBLIC keys, a block as soon as transactions "
                   "arrive, a temporary data directory unless --data-dir is given.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the chain is kept (default: ./hutong-data; with --dev a temporary directory). "
                   "Running again on the same directory continues the chain.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port to listen on (0: any free port; the banner shows which).")
@click.option("--genesis", "genesis_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Genesis JSON file (see docs/api.md). Not needed when the data directory holds a chain.")
@click.option("--producer-key", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File holding the block producer's key: a 32-byte Ed25519 seed in hex.")
@click.option("--block-time", type=click.FloatRange(min=0.05), default=1.0, show_default=True,
              help="Seconds between blocks (without --dev).")
@click.option("--limit", "limit_settings", multiple=True, metavar="NAME=VALUE",
              help="Change an API or mempool limit (see docs/api.md, Limits), e.g. --limit max_batch=200 "
                   "--limit mempool.max_count=50000. Repeatable.")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), default="warning",
              show_default=True)
def node_command(dev: bool, data_dir: Path | None, host: str, port: int, genesis_file: Path | None,
                 producer_key: Path | None, block_time: float, limit_settings: tuple[str, ...],
                 log_level: str) -> None:
    """Run a Hutong node: JSON-RPC at /rpc, WebSocket at /ws."""
    import asyncio
    import logging
    import shutil
    import tempfile

    from ..block import Genesis
    from ..config import Limits, NodeConfig, override_limits
    from ..devkeys import dev_genesis, dev_producer
    from ..errors import NodeError
    from ..mempool import MempoolLimits
    from ..runner import run_node
    from ..state import StateError

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    temporary = None
    if dev:
        if genesis_file or producer_key:
            raise click.UsageError("--dev makes its own genesis and producer; leave out --genesis and --producer-key")
        if data_dir is None:
            temporary = data_dir = Path(tempfile.mkdtemp(prefix="hutong-dev-"))
        genesis, producer = dev_genesis(), dev_producer()
    else:
        data_dir = data_dir or Path("hutong-data")
        try:
            genesis = Genesis.from_json(genesis_file.read_bytes()) if genesis_file else None
        except (ValueError, TypeError, KeyError) as error:
            raise click.UsageError(f"{genesis_file} is not a valid genesis file: {error}") from None
        if producer_key is None:
            raise click.UsageError("a node without --dev produces blocks with --producer-key FILE")
        producer = load_producer_key(producer_key)
    try:
        limits, mempool = override_limits(Limits(), MempoolLimits(), list(limit_settings))
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    config = NodeConfig(data_dir=data_dir, genesis=genesis, producer=producer, dev=dev, block_time=block_time,
                        host=host, port=port, limits=limits, mempool=mempool)
    try:
        asyncio.run(run_node(config, temporary=temporary is not None))
    except NodeError as error:
        raise click.ClickException(error.message) from None
    except StateError as error:
        raise click.ClickException(f"the chain in {data_dir} cannot be opened: {error}") from None
    except OSError as error:  # e.g. the port is taken, or the data directory is not writable
        raise click.ClickException(f"cannot run the node: {error}") from None
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def load_producer_key(path: Path):
    """A producer key file: a 32-byte Ed25519 seed as hex (64 digits, optional
    0x, surrounding whitespace ignored). Encrypted key files are a JSON object;
    they are read by node.keystore once that module is part of the build."""
    from ..crypto import Key

    text = path.read_text(errors="replace").strip()
    if text.startswith("{"):
        # The one place that reads encrypted key files: node.keystore (being written
        # alongside the SDK) is expected to offer load_key(document, password) -> Key.
        try:
            from .. import keystore  # type: ignore[attr-defined]
        except ImportError:
            keystore = None
        if keystore is None or not hasattr(keystore, "load_key"):
            raise click.UsageError(f"{path} is an encrypted key file, which this build cannot read yet; "
                                   "give a file holding the 32-byte seed in hex")
        try:
            document = json.loads(text)
        except ValueError:
            raise click.UsageError(f"{path} is not a valid key file") from None
        password = os.environ.get("HUTONG_PRODUCER_PASSWORD")
        if password is None:
            password = click.prompt("Password for the producer key", hide_input=True, err=True)
        return keystore.load_key(document, password)
    digits = text.removeprefix("0x")
    try:
        seed = bytes.fromhex(digits)
    except ValueError:
        seed = b""
    if len(seed) != 32:
        raise click.UsageError(f"{path} must hold a 32-byte Ed25519 seed as 64 hex digits")
    return Key.from_seed(seed)
