"""How long the bytecode verifier takes per KiB of code, at several sizes.

Containers are compiled from generated contracts of growing size (the same
generator as the compile suite's 2,000-line contract would give, but smaller
steps), so the code is what the compiler really emits. Verification is timed
on the serialized bytes (`vm.verify`: parse, decode, abstract interpretation,
basic blocks); the figure is microseconds per KiB of code, which should stay
flat as size grows (the verifier is linear).
"""

from __future__ import annotations

import statistics
import time

from vm import verify

from .harness import Options, Record, record


def contract(functions: int) -> str:
    """A contract with `functions` external functions of a few statements each."""
    parts = ["#@ version 0.1", "", "total: uint256", "balances: HashMap[address, uint256]", ""]
    for i in range(functions):
        parts += [
            "@external",
            f"def f{i}(to: address, amount: uint256) -> uint256:",
            f"    x: uint256 = amount * {i + 1} + self.total",
            "    if x > 1000:",
            "        x = x // 7",
            "    for j in range(4):",
            "        x += j",
            "    self.balances[to] += x",
            "    self.total = x",
            "    return x",
            "",
        ]
    return "\n".join(parts)


def run(options: Options) -> list[Record]:
    import compiler

    sizes = (4, 16, 48) if options.quick else (4, 16, 48, 96)
    runs = 3 if options.quick else options.runs
    records = []
    print("\n## Verifier time per KiB of code\n")
    print("| functions | code bytes | container bytes | median ms | us per KiB of code |")
    print("|---|---|---|---|---|")
    for count in sizes:
        artifacts = compiler.compile(contract(count), f"verify{count}.ht")
        data = artifacts.container.serialize()
        code = len(artifacts.container.code)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            verify(data)
            samples.append(time.perf_counter() - start)
        median = statistics.median(samples)
        per_kib = median * 1e6 / (code / 1024)
        print(f"| {count} | {code:,} | {len(data):,} | {median * 1e3:.2f} | {per_kib:.0f} |")
        records.append(record("vm", f"verifier/{count}_functions", "hutong", code, samples, ops=code,
                              us_per_kib=per_kib, container_bytes=len(data), seconds_each_run=samples))
    return records
