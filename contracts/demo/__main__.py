"""`make demo`: a node, the whole contract suite and Scenario A through the node's API.

Starts `hutong node --dev` with its LMDB data under `.demo/data` (a fresh chain
each run), runs Scenario A (DOMAIN.md section 3) through the SDK `Client` with a
progress display, prints a summary (balances, milestones, retention, wages per
worker, the conservation check) and the node's URLs, then keeps serving until
Ctrl-C. With `--once` (`make demo ONCE=1`) it stops the node and exits 0 after
the summary.

    .venv/bin/python -m contracts.demo [--once] [--port 8545] [--data-dir .demo/data]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from rich.console import Console

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = ROOT / ".demo" / "data"
DEFAULT_PORT = int(os.environ.get("DEMO_PORT", "8545"))
START_TIMEOUT = 60.0


NO_TIME_TRAVEL_EXIT = 3


class DemoError(Exception):
    """Something the person running the demo can fix; printed without a traceback."""


class NoTimeTravel(DemoError):
    """The node cannot move its clock (CONTRACT-NEEDS.md, entry 1)."""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contracts.demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--once", action="store_true", help="exit 0 after the summary instead of serving")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="the node's port (default %(default)s)")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="where the node keeps its chain")
    parser.add_argument("--json", type=Path, help="also write the summary and the gas of every step to this file")
    options = parser.parse_args(argv)
    stop_on_signals()
    console = Console()
    started = time.monotonic()
    try:
        with DemoNode(options.data_dir, options.port, console) as node:
            result = run_scenario(node.url, console)
            seconds = time.monotonic() - started
            show_summary(console, result.summary, node, seconds)
            if options.json:
                options.json.write_text(json.dumps({"summary": result.summary, "gas": result.gas,
                                                    "transactions": result.transactions, "seconds": seconds},
                                                   indent=2) + "\n")
            if options.once:
                return 0
            console.print("\nServing until Ctrl-C ...")
            status = node.wait()
            raise DemoError(f"the node stopped by itself (status {status}):\n{node.log_tail()}")
    except NoTimeTravel as error:
        console.print(f"[red]demo:[/] {error}")
        return NO_TIME_TRAVEL_EXIT
    except DemoError as error:
        console.print(f"[red]demo:[/] {error}")
        return 1
    except KeyboardInterrupt:
        console.print("\nstopped")
    return 0


def stop_on_signals():
    """Ctrl-C, SIGTERM and a closed terminal all end the demo through KeyboardInterrupt,
    so the node child is always stopped (even where SIGINT was inherited ignored)."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupt)


class DemoNode:
    """`hutong node --dev` as a child process on a fresh data directory, held
    under a lock so two demos never share one chain."""

    def __init__(self, data_dir: Path, port: int, console: Console):
        self.data_dir = data_dir.resolve()
        self.port = port
        self.console = console
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None
        self.lock_file = None
        self.log_path = self.data_dir.parent / "node.log"

    def __enter__(self) -> "DemoNode":
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        self.lock_file = open(self.data_dir.parent / "demo.lock", "w")
        try:
            fcntl.flock(self.lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DemoError(f"another demo is running on {self.data_dir.parent} (stop it with Ctrl-C first)") from None
        if port_in_use(self.port):
            raise DemoError(f"port {self.port} is already in use; stop what runs there or choose another port "
                            f"(make demo DEMO_PORT=8546)")
        if self.data_dir.exists():
            self.console.print(f"Removing the previous demo chain in {relative(self.data_dir)}")
            shutil.rmtree(self.data_dir)
        command = [*hutong_command(), "node", "--dev", "--data-dir", str(self.data_dir), "--port", str(self.port)]
        self.console.print(f"Starting [bold]{' '.join(['hutong', *command[len(hutong_command()):]])}[/] "
                           f"(log: {relative(self.log_path)})")
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                                        start_new_session=True)
        self._wait_until_healthy()
        return self

    def _wait_until_healthy(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DemoError(f"the node exited with status {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise DemoError(f"the node did not answer on {self.url} within {START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def wait(self) -> int:
        return self.process.wait()

    def __exit__(self, *exc_info):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.lock_file is not None:
            self.lock_file.close()
        return False


def hutong_command() -> list[str]:
    """The `hutong` of this environment (the console script next to Python)."""
    script = Path(sys.executable).with_name("hutong")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from node.cli import main; sys.argv[0] = 'hutong'; main()"]


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def expected_transactions() -> int:
    """Scenario A's transaction count, from its gas golden file (for the progress bar)."""
    from contracts.scenarios.scenario_a import GAS_GOLDEN
    table = json.loads(GAS_GOLDEN.read_text())
    return sum(entry["calls"] if isinstance(entry, dict) else 1 for step in table.values() for entry in step.values())


def run_scenario(url: str, console: Console):
    from node.sdk.client import Client
    from contracts.scenarios import scenario_a

    from .backend import NodeBackend, TimeTravelMissing
    from .display import ScenarioProgress

    backend = NodeBackend(Client(url))
    if not backend.can_travel_in_time():
        raise NoTimeTravel("the node cannot move its clock (hutong_devSetTime is missing); Scenario A needs it for "
                        "its 365-day defect period: see CONTRACT-NEEDS.md, entry 1")
    console.print("Deploying the suite and running Scenario A (East Ring Road Lot 3, 10 000 000 yuan) ...")
    try:
        with ScenarioProgress(console, expected_transactions()) as progress:
            result = scenario_a.run(backend, listener=progress)
    except TimeTravelMissing as error:
        raise NoTimeTravel(str(error)) from None
    console.print(f"Scenario A: every figure checked, {result.transactions} transactions.")
    return result


def show_summary(console: Console, summary: dict, node: DemoNode, seconds: float):
    from .display import summary_tables

    for table in summary_tables(summary):
        console.print(table)
    console.print("\nContracts:")
    for name, address in summary["addresses"].items():
        console.print(f"  {name:<9} {address}")
    console.print(f"\nNode JSON-RPC: {node.url}/rpc   (data: {relative(node.data_dir)})")
    console.print(f"Explorer:      {explorer_url(node.url)}")
    console.print(f"Demo time:     {seconds:.1f} s")


def explorer_url(base: str) -> str:
    for path in ("/explorer", "/"):
        try:
            with urllib.request.urlopen(base + path, timeout=2) as response:
                if response.status == 200 and "html" in response.headers.get("Content-Type", ""):
                    return base + path
        except OSError:
            continue
    return f"{base}/ (this node serves no explorer page yet)"


if __name__ == "__main__":
    raise SystemExit(main())
