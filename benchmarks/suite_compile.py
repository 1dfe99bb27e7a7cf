"""Compile-speed suite: how long the compiler takes, and how good its loops are.

Records (suite "compile"):
  token          compile benchmarks/workloads/e_token.ht        (target <= 50 ms)
  lines_2000     compile a generated 2,000-line contract       (target <= 1 s)
  a_arith .. d_sha256, e_token
                 instructions the VM executes per loop iteration of each workload,
                 measured by tracing two runs of different length (extra.per_iteration)

Each answer is checked before anything is timed: the workloads' results are
compared with Python, and the generated contract must compile and verify.
Reference figures for Vyper 0.4 (from the issue): ~0.14 s for a token, ~4 s
for 2,000 lines.
"""

from __future__ import annotations

import hashlib
import pathlib
import statistics
import time

from .harness import Options, Record, record, time_runs
from .report import fmt, verdict

WORKLOADS = pathlib.Path(__file__).parent / "workloads"
VYPER_TOKEN_SECONDS = 0.14
VYPER_2000_LINES_SECONDS = 4.0


def generated_contract(lines: int = 2000) -> str:
    """A contract of about `lines` lines using the common features."""
    head = [
        "#@ version 0.1",
        "role OPERATOR",
        "struct Item:",
        "    owner: address",
        "    amount: uint128",
        "    tags: DynArray[uint32, 8]",
        "event Moved:",
        "    who: indexed(address)",
        "    amount: uint128",
        "error TooMuch:",
        "    amount: uint128",
        "items: HashMap[uint64, Item]",
        "totals: HashMap[address, uint256]",
        "",
    ]
    body: list[str] = []
    index = 0
    while len(head) + len(body) < lines:
        body += [
            f"# Operation {index}: record an amount against an item and total its tags.",
            "# Only operators may call it; amounts above one million are refused.",
            "@external",
            "@only(OPERATOR)",
            f"def op_{index}(id: uint64, amount: uint128, tag: uint32) -> uint256:",
            "    item: Item = self.items[id]",
            "    if amount > 1_000_000:",
            "        raise TooMuch(amount=amount)",
            "    item.owner = msg.sender",
            f"    item.amount += amount + {index % 7}",
            "    if len(item.tags) < 8:",
            "        item.tags.append(tag)",
            "    total: uint256 = 0",
            "    for t: uint32 in item.tags:",
            "        total += convert(t, uint256) * 3 // 2",
            "    self.items[id] = item",
            "    self.totals[msg.sender] += total",
            "    emit Moved(msg.sender, amount)",
            "    return total",
            "",
            "@internal",
            "@view",
            f"def _check_{index}(id: uint64) -> bool:",
            "    return self.items[id].amount > 0 and self.totals[msg.sender] >= 1",
            "",
        ]
        index += 1
    return "\n".join(head + body) + "\n"


def _count_instructions(artifacts, fn: str, n: int) -> tuple[int, object]:
    from vm import BlockEnv, MemoryState, Message, decode, encode, execute, selector

    state = MemoryState()
    sender = b"\x01" * 20
    created = execute(Message(sender, None, 10**9, code=artifacts.bytecode), state)
    steps = [0]

    def trace(step):
        steps[0] += 1
    result = execute(Message(sender, created.created, 10**10, selector=selector(f"{fn}(u256)"),
                             data=encode("(u256)", [n])), state, BlockEnv(), trace=trace)
    assert result.success, (result.status, result.halt)
    ret = next(f for f in artifacts.abi["functions"] if f["name"] == fn)["output_type"]
    return steps[0], decode(ret, result.output)[0]


def _reference(name: str, n: int):
    if name == "a_arith":
        return sum((i * i) % 7 for i in range(n))
    if name == "b_fib":
        a, b = 0, 1
        for _ in range(n):
            a, b = b, (a + b) % 2**64
        return a
    if name == "c_storage":
        return sum(i + 1 for i in range(n))
    if name == "d_sha256":
        h = bytes(32)
        for _ in range(n):
            h = hashlib.sha256(h).digest()
        return h
    raise KeyError(name)


def instructions_per_iteration(name: str) -> float:
    from compiler import compile

    artifacts = compile((WORKLOADS / f"{name}.ht").read_text(), f"{name}.ht")
    small, large = 50, 150
    steps_small, value_small = _count_instructions(artifacts, "run", small)
    steps_large, value_large = _count_instructions(artifacts, "run", large)
    assert value_small == _reference(name, small) and value_large == _reference(name, large), name
    return (steps_large - steps_small) / (large - small)


def token_transfer_instructions() -> int:
    from compiler import compile
    from vm import BlockEnv, MemoryState, Message, encode, execute, selector

    artifacts = compile((WORKLOADS / "e_token.ht").read_text(), "e_token.ht")
    state = MemoryState()
    alice, bob = b"\x01" * 20, b"\x02" * 20
    created = execute(Message(alice, None, 10**8, code=artifacts.bytecode, data=encode("(u256)", [10**6])), state)
    steps = [0]
    result = execute(Message(alice, created.created, 10**8, selector=selector("transfer(address,u256)"),
                             data=encode("(address,u256)", [bob, 5])), state, BlockEnv(),
                     trace=lambda step: steps.__setitem__(0, steps[0] + 1))
    assert result.success and result.output == b"\x01"
    return steps[0]


def cpu_median(fn, runs: int) -> float:
    """Median process CPU time of fn: on a shared machine wall time also counts
    other processes' turns on the cores."""
    samples = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        samples.append(time.process_time() - start)
    return statistics.median(samples)


def run(options: Options) -> list[Record]:
    from compiler import compile
    from compiler.parse import lark_parser
    from vm import verify

    lark_parser()  # build the parser tables once, as a long-running process would
    runs = 3 if options.quick else options.runs
    records = []
    token_source = (WORKLOADS / "e_token.ht").read_text()
    assert compile(token_source, "e_token.ht").abi["functions"]
    samples = time_runs(lambda: compile(token_source, "e_token.ht"), runs, options.warmup)
    records.append(record("compile", "token", "hutong", len(token_source.splitlines()), samples,
                          target_seconds=0.05, vyper_seconds=VYPER_TOKEN_SECONDS,
                          cpu_seconds_median=cpu_median(lambda: compile(token_source, "e_token.ht"), runs)))
    big = generated_contract(2000)
    verify(compile(big, "big.ht").bytecode)
    samples = time_runs(lambda: compile(big, "big.ht"), max(3, runs // 2), options.warmup)
    records.append(record("compile", "lines_2000", "hutong", len(big.splitlines()), samples,
                          target_seconds=1.0, vyper_seconds=VYPER_2000_LINES_SECONDS,
                          cpu_seconds_median=cpu_median(lambda: compile(big, "big.ht"), max(3, runs // 2))))
    for name in ("a_arith", "b_fib", "c_storage", "d_sha256"):
        per = instructions_per_iteration(name)
        records.append(Record("compile", name, "hutong", 1, 0.0, 0.0, 0.0, 0, extra={"per_iteration": per,
                              "unit": "VM instructions per loop iteration (c: one write plus one read)"}))
    records.append(Record("compile", "e_token", "hutong", 1, 0.0, 0.0, 0.0, 0,
                          extra={"transfer_instructions": token_transfer_instructions()}))
    return records


def summarize(records: list[Record]) -> str:
    """Markdown: compile times against the targets and Vyper, then the loops' code."""
    timed = [r for r in records if r.suite == "compile" and r.runs]
    counted = {r.workload: r.extra for r in records if r.suite == "compile" and not r.runs}
    if not timed:
        return ""
    lines = ["| compile | lines | wall ms (median) | CPU ms (median) | target ms | Vyper 0.4 ms |",
             "|---|---|---|---|---|---|"]
    for r in timed:
        lines.append(f"| {r.workload} | {r.n:,} | {fmt(r.seconds_median * 1000)} | "
                     f"{fmt(r.extra['cpu_seconds_median'] * 1000)} | {fmt(r.extra['target_seconds'] * 1000)} | "
                     f"{fmt(r.extra['vyper_seconds'] * 1000)} |")
    if counted:
        per = ", ".join(f"{name} {fmt(extra['per_iteration'])}" for name, extra in counted.items()
                        if "per_iteration" in extra)
        lines += ["", f"VM instructions per loop iteration: {per}; "
                      f"token transfer(): {counted.get('e_token', {}).get('transfer_instructions', '–')} instructions."]
    lines += ["", "Targets (issue 3):", ""]
    for r in timed:
        target = r.extra["target_seconds"]
        lines.append("- " + verdict(f"{r.workload}: {fmt(r.seconds_median * 1000)} ms, target <= {fmt(target * 1000)} ms",
                                    r.seconds_median <= target, f"{r.seconds_median / target:.2f}x over"))
    return "\n".join(lines)


if __name__ == "__main__":
    for r in run(Options(quick=True)):
        print(f"{r.workload:12} median {r.seconds_median * 1000:8.1f} ms  n={r.n}  {r.extra}")
