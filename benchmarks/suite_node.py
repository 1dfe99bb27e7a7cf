"""Node throughput: signed token transfers per second end to end.

A real `hutong node --dev` process on a temporary LMDB directory. The client
(this process, asyncio + aiohttp) pre-signs transfers of the token in
benchmarks/workloads/e_token.ht between many funded senders and pre-encodes the
JSON-RPC batches, all untimed. Timed: the batches go over HTTP
(`hutong_sendRawTransaction`), with at most `window` transactions submitted
and not yet committed; the node verifies signatures on its worker processes,
admits, builds blocks, commits them to LMDB; the client learns of each block
from a WebSocket `newHeads` subscription and fetches its transaction hashes.

Reported: transactions per second (all N from the first submission to the
last commit), and latency percentiles from a transaction's submission to the
arrival of its block's notification. Before anything is reported the run is
checked: every transaction has a successful receipt, and the token balances
add up.

    python -m benchmarks.suite_node [--quick]
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from .harness import Options, Record, record
from .report import fmt, verdict

HERE = Path(__file__).resolve().parent
TOKEN_SOURCE = (HERE / "workloads" / "e_token.ht").read_text()
CHAIN_ID = 86
RPC_LINE = re.compile(r"RPC\s+http://([^:/]+):(\d+)/rpc")


class Node:
    """`hutong node --dev` in a subprocess."""

    def __init__(self, work: Path, *args: str):
        self.work = work
        self.out = open(work / "node.out", "wb")
        self.err = open(work / "node.err", "wb")
        command = [sys.executable, "-c", "from node.cli import main; main()", "node", "--dev", "--port", "0",
                   "--data-dir", str(work / "data"), *args]
        profile = os.environ.get("HUTONG_BENCH_PROFILE")  # py-spy's collapsed stacks of the node, to this path
        if profile:
            command = ["py-spy", "record", "--gil", "--threads", "--format", "raw", "--rate", "250", "-o", profile, "--", *command]
        self.process = subprocess.Popen(
            command,
            stdout=self.out, stderr=self.err, stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            match = RPC_LINE.search((work / "node.out").read_text(errors="replace"))
            if match:
                self.base = f"http://{match.group(1)}:{match.group(2)}"
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("the node did not start: " + (work / "node.err").read_text()[-2000:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.out.close()
        self.err.close()


def cpu_seconds(root: int) -> dict[str, float]:
    """CPU time (user+system) of a process and of its descendants, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks)
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    descendants, frontier = [], list(children.get(root, []))
    while frontier:
        pid = frontier.pop()
        descendants.append(pid)
        frontier += children.get(pid, [])
    return {"node": stats.get(root, (0, 0.0))[1], "workers": sum(stats[pid][1] for pid in descendants)}


class Rpc:
    def __init__(self, session: aiohttp.ClientSession, base: str):
        self.session = session
        self.url = base + "/rpc"
        self.ids = 0

    async def post(self, body: bytes):
        async with self.session.post(self.url, data=body, headers={"Content-Type": "application/json"}) as response:
            return json.loads(await response.read())

    async def call(self, method: str, *params):
        self.ids += 1
        answer = await self.post(json.dumps({"jsonrpc": "2.0", "id": self.ids, "method": method,
                                             "params": list(params)}).encode())
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer["result"]


def batch_body(raws: list[bytes], first_id: int) -> bytes:
    return json.dumps([{"jsonrpc": "2.0", "id": first_id + i, "method": "hutong_sendRawTransaction",
                        "params": ["0x" + raw.hex()]} for i, raw in enumerate(raws)]).encode()


async def setup(rpc: Rpc, senders: int):
    """Deploy the token and give every sender a balance (untimed)."""
    import compiler
    from node import crypto, tx
    from node.devkeys import dev_key
    from vm import encode, selector

    owner = dev_key(0)
    artifacts = compiler.compile(TOKEN_SOURCE, "e_token.ht")
    data = tx.deployment_data(artifacts.container.serialize(), encode("(u256)", [10**30]),
                              {"name": "Token", "abi": artifacts.abi, "source_map": artifacts.source_map})
    nonce = await rpc.call("hutong_getNonce", crypto.to_hex(owner.address), "pending")
    receipt = await rpc.call("hutong_sendRawTransaction",
                             "0x" + tx.make(owner, chain_id=CHAIN_ID, nonce=nonce, gas_limit=3_000_000,
                                            data=data).encode().hex(), True)
    token = crypto.parse_address(receipt["created"])
    keys = [crypto.Key.deterministic(f"bench-sender-{i}") for i in range(senders)]
    transfer = selector("transfer(address,u256)")
    funding = [tx.make(owner, chain_id=CHAIN_ID, nonce=nonce + 1 + i, gas_limit=100_000, to=token,
                       data=transfer + encode("(address,u256)", [key.address, 10**20])).encode()
               for i, key in enumerate(keys)]
    for start in range(0, len(funding), 50):  # within the mempool's nonce gap
        answers = await rpc.post(batch_body(funding[start:start + 50], 0))
        assert all("result" in a for a in answers), answers[:2]
        last = "0x" + tx.decode(funding[start + len(funding[start:start + 50]) - 1]).hash.hex()
        while not await rpc.call("hutong_getTransactionReceipt", last):
            await asyncio.sleep(0.02)
    return token, keys


def sign_transfers(token: bytes, keys: list, nonces: dict, count: int) -> list[bytes]:
    """Round-robin over senders, so each sender's nonces go out in order."""
    from node import tx
    from vm import encode, selector

    transfer = selector("transfer(address,u256)")
    raws = []
    for index in range(count):
        key = keys[index % len(keys)]
        to = keys[(index * 7 + 1) % len(keys)].address
        raws.append(tx.make(key, chain_id=CHAIN_ID, nonce=nonces[key.address], gas_limit=60_000, to=token,
                            data=transfer + encode("(address,u256)", [to, 1])).encode())
        nonces[key.address] += 1
    return raws


async def timed_run(session: aiohttp.ClientSession, base: str, raws: list[bytes], batch: int, clients: int,
                    window: int) -> tuple[float, list[float], list[str]]:
    """Submit everything; returns (seconds, latencies, tx hashes)."""
    import hashlib

    rpc = Rpc(session, base)
    hashes = ["0x" + hashlib.sha3_256(raw).hexdigest() for raw in raws]
    bodies = [(batch_body(raws[i:i + batch], i), hashes[i:i + batch]) for i in range(0, len(raws), batch)]
    submitted: dict[str, float] = {}
    latencies: list[float] = []
    room = asyncio.Semaphore(window // batch)  # one permit per batch in flight
    committed_since_release = 0
    remaining = set(hashes)
    done = asyncio.Event()
    queue = list(reversed(bodies))

    async def follow_heads(ws):
        nonlocal committed_since_release
        async for message in ws:
            note = json.loads(message.data)
            if note.get("method") != "hutong_subscription":
                continue
            arrived = time.perf_counter()
            block = await rpc.call("hutong_getBlockByNumber", note["params"]["result"]["height"])
            for tx_hash in block["transactions"]:
                if tx_hash in submitted:
                    latencies.append(arrived - submitted.pop(tx_hash))
                    remaining.discard(tx_hash)
                    committed_since_release += 1
            while committed_since_release >= batch:
                committed_since_release -= batch
                room.release()
            if not remaining:
                done.set()
                return

    async def submit():
        while queue:
            body, batch_hashes = queue.pop()
            await room.acquire()
            now = time.perf_counter()
            for tx_hash in batch_hashes:
                submitted[tx_hash] = now
            answers = await rpc.post(body)
            refused = [a for a in answers if "error" in a]
            if refused:
                raise RuntimeError(f"{len(refused)} refused, e.g. {refused[0]['error']}")

    async with session.ws_connect(base + "/ws") as ws:
        await ws.send_str(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "hutong_subscribe",
                                      "params": ["newHeads"]}))
        await ws.receive()
        follower = asyncio.create_task(follow_heads(ws))
        start = time.perf_counter()
        await asyncio.gather(*(submit() for _ in range(clients)))
        await asyncio.wait_for(done.wait(), 600)
        seconds = time.perf_counter() - start
        follower.cancel()
    return seconds, latencies, hashes


async def check(rpc: Rpc, hashes: list[str], token: bytes, keys: list) -> None:
    """Every transaction committed successfully; the senders' tokens add up."""
    from node import crypto
    from vm import decode, encode, selector

    for start in range(0, len(hashes), 1000):
        answers = await rpc.post(json.dumps([{"jsonrpc": "2.0", "id": i, "method": "hutong_getTransactionReceipt",
                                              "params": [h]} for i, h in enumerate(hashes[start:start + 1000])])
                                 .encode())
        bad = [a for a in answers if not a.get("result") or a["result"]["status"] != "success"]
        assert not bad, bad[:2]
    total = 0
    for key in keys:
        data = selector("balance_of(address)") + encode("(address)", [key.address])
        result = await rpc.call("hutong_call", {"to": crypto.to_hex(token), "data": "0x" + data.hex()})
        total += decode("(u256)", bytes.fromhex(result["output"][2:]))[0]
    assert total == len(keys) * 10**20, "transfers between senders must keep their total"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def measure(options: Options, work: Path) -> list[Record]:
    count = 2000 if options.quick else 10_000
    runs = 1 if options.quick else max(3, min(options.runs, 5))
    senders = 400
    batch = int(options.extra.get("batch", 200))      # transactions per JSON-RPC batch
    clients = int(options.extra.get("clients", 4))    # concurrent HTTP connections submitting
    window = int(options.extra.get("window", 4000))   # submitted and not yet committed, at most
    node = Node(work)
    try:
        connector = aiohttp.TCPConnector(limit=clients + 4)
        async with aiohttp.ClientSession(connector=connector) as session:
            rpc = Rpc(session, node.base)
            token, keys = await setup(rpc, senders)
            from node import crypto
            nonces = {k.address: await rpc.call("hutong_getNonce", crypto.to_hex(k.address), "pending") for k in keys}
            samples, all_latencies, throughputs = [], [], []
            cpu_per_tx = []
            for run_index in range(options.warmup + runs):
                raws = sign_transfers(token, keys, nonces, count)
                cpu_before = {**cpu_seconds(node.process.pid), "client": time.process_time()}
                seconds, latencies, hashes = await timed_run(session, node.base, raws, batch, clients, window)
                cpu_after = {**cpu_seconds(node.process.pid), "client": time.process_time()}
                if options.extra.get("check", "1") != "0":  # check=0: only when profiling the timed phase
                    await check(rpc, hashes, token, keys)
                if run_index < options.warmup:
                    continue
                cpu_per_tx.append({part: (cpu_after[part] - cpu_before[part]) / count * 1e6 for part in cpu_after})
                samples.append(seconds)
                throughputs.append(count / seconds)
                all_latencies.append(latencies)
            medians = {f"p{int(q * 100)}_ms": statistics.median(percentile(l, q) for l in all_latencies) * 1000
                       for q in (0.5, 0.95, 0.99)}
            status = await rpc.call("hutong_status")
    finally:
        node.stop()
    return [record("node", "token_transfer_e2e", "hutong", count, samples, ops=count,
                   tx_per_s_runs=[round(t, 1) for t in throughputs], **{k: round(v, 1) for k, v in medians.items()},
                   senders=senders, batch=batch, clients=clients, window=window, height=status["head"]["height"],
                   node_cpu_us_per_tx=round(statistics.median(c["node"] for c in cpu_per_tx), 1),
                   worker_cpu_us_per_tx=round(statistics.median(c["workers"] for c in cpu_per_tx), 1),
                   client_cpu_us_per_tx=round(statistics.median(c["client"] for c in cpu_per_tx), 1),
                   load_average=os.getloadavg()[0],
                   note="HTTP JSON-RPC batches -> signature workers -> mempool -> block -> LMDB commit; "
                        "latency = submission to the client's newHeads notification")]


TARGET_TX_PER_S = 2_000  # sustained, end to end (issue 5)


def summarize(records: list[Record]) -> str:
    """Markdown: throughput, latency and CPU per transaction, and the target."""
    rows = [r for r in records if r.suite == "node"]
    if not rows:
        return ""
    lines = ["| workload | txs | tx/s (median) | runs, tx/s | latency p50 / p95 / p99 ms "
             "| CPU µs/tx: node / signature workers / client | load average |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        e = r.extra
        lines.append(f"| {r.workload} | {r.n:,} | {fmt(r.unit_per_s)} | {', '.join(fmt(t) for t in e['tx_per_s_runs'])} "
                     f"| {fmt(e['p50_ms'])} / {fmt(e['p95_ms'])} / {fmt(e['p99_ms'])} "
                     f"| {e['node_cpu_us_per_tx']} / {e['worker_cpu_us_per_tx']} / {e['client_cpu_us_per_tx']} "
                     f"| {e['load_average']:.1f} |")
    lines += ["", "Targets (issue 5):", ""]
    for r in rows:
        lines.append("- " + verdict(f"{fmt(r.unit_per_s)} signed transfers/s end to end, target >= {TARGET_TX_PER_S:,}",
                                    r.unit_per_s >= TARGET_TX_PER_S, f"{TARGET_TX_PER_S / r.unit_per_s:.2f}x short"))
    return "\n".join(lines)


def run(options: Options) -> list[Record]:
    with tempfile.TemporaryDirectory(prefix="hutong-bench-node-") as work:
        return asyncio.run(measure(options, Path(work)))


def main() -> None:
    quick = "--quick" in sys.argv
    extra = dict(arg.split("=", 1) for arg in sys.argv[1:] if "=" in arg)  # batch=, clients=, window=
    for result in run(Options(quick=quick, extra=extra)):
        extra = result.extra
        print(f"{result.workload}: {result.unit_per_s:,.0f} tx/s (median of {result.runs}; runs "
              f"{extra['tx_per_s_runs']}), latency p50 {extra['p50_ms']:.0f} ms, p95 {extra['p95_ms']:.0f} ms, "
              f"p99 {extra['p99_ms']:.0f} ms, n={result.n}; node process {extra['node_cpu_us_per_tx']} us CPU/tx, "
              f"signature workers {extra['worker_cpu_us_per_tx']} us CPU/tx, client {extra['client_cpu_us_per_tx']} "
              f"us CPU/tx; load average {extra['load_average']:.1f}")


if __name__ == "__main__":
    main()
