"""A real `hutong node` process on a real socket, and a small JSON-RPC client
(http.client, one keep-alive connection) for the tests and campaigns."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

RPC_LINE = re.compile(r"RPC\s+http://([^:/]+):(\d+)/rpc")
BANNER_END = "Press Ctrl+C to stop."


def alive(pid: int) -> bool:
    """Whether process `pid` runs and is not a zombie (/proc)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class RpcFailure(Exception):
    def __init__(self, error: dict):
        super().__init__(f"{error.get('code')} {error.get('message')}")
        self.error = error
        self.code = error.get("code")
        self.name = (error.get("data") or {}).get("name")
        self.data = error.get("data") or {}


class Client:
    def __init__(self, host: str, port: int, timeout: float = 60.0):
        self.host, self.port, self.timeout = host, port, timeout
        self._connection: http.client.HTTPConnection | None = None
        self._ids = 0

    def post(self, body: bytes, path: str = "/rpc", headers: dict | None = None) -> tuple[int, bytes]:
        """Raw POST; reconnects once if the server closed the keep-alive connection."""
        for attempt in (1, 2):
            if self._connection is None:
                self._connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self._connection.request("POST", path, body=body,
                                         headers={"Content-Type": "application/json", **(headers or {})})
                response = self._connection.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, data
            except (ConnectionError, http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def get(self, path: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def call(self, method: str, *params):
        self._ids += 1
        status, body = self.post(json.dumps({"jsonrpc": "2.0", "id": self._ids, "method": method,
                                             "params": list(params)}).encode())
        assert status == 200, (status, body[:300])
        response = json.loads(body)
        if "error" in response:
            raise RpcFailure(response["error"])
        return response["result"]

    def batch(self, calls: list[tuple[str, list]]) -> list[dict]:
        """Responses in request order (each {"result"} or {"error"})."""
        requests = []
        for method, params in calls:
            self._ids += 1
            requests.append({"jsonrpc": "2.0", "id": self._ids, "method": method, "params": params})
        status, body = self.post(json.dumps(requests).encode())
        assert status == 200, (status, body[:300])
        by_id = {r["id"]: r for r in json.loads(body)}
        return [by_id[r["id"]] for r in requests]

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class NodeProcess:
    """`hutong node ...` in a subprocess; stdout and stderr go to files."""

    def __init__(self, data_dir: Path, *args: str, dev: bool = True, log_dir: Path | None = None):
        self.data_dir = Path(data_dir)
        self.args = list(args)
        self.dev = dev
        self.log_dir = Path(log_dir or self.data_dir.parent)
        self.process: subprocess.Popen | None = None
        self.host = "127.0.0.1"
        self.port = 0
        self.starts = 0

    def command(self) -> list[str]:
        return [sys.executable, "-c", "from node.cli import main; main()", "node", "--port", "0",
                "--data-dir", str(self.data_dir), *(["--dev"] if self.dev else []), *self.args]

    def start(self, timeout: float = 60.0) -> "NodeProcess":
        self.starts += 1
        self.stdout_path = self.log_dir / f"node-{self.data_dir.name}-{self.starts}.out"
        self.stderr_path = self.log_dir / f"node-{self.data_dir.name}-{self.starts}.err"
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.process = subprocess.Popen(self.command(), stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            banner = self.stdout_path.read_text(errors="replace")
            match = RPC_LINE.search(banner)
            if match and BANNER_END in banner:  # the whole banner is out
                self.host, self.port = match.group(1), int(match.group(2))
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"node exited with {self.process.returncode}: {self.output()}")
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"node did not start within {timeout} s: {self.output()}")

    def output(self) -> str:
        text = ""
        for path in (getattr(self, "stdout_path", None), getattr(self, "stderr_path", None)):
            if path is not None and path.exists():
                text += path.read_text(errors="replace")[-4000:]
        return text

    def client(self, timeout: float = 60.0) -> Client:
        return Client(self.host, self.port, timeout)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM, and wait for a clean exit."""
        if not self.alive:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise

    def kill(self) -> None:
        """SIGKILL: no cleanup of any kind."""
        if self.alive:
            self.process.kill()
            self.process.wait(30)
