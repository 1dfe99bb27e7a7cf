"""The measuring core shared by every suite: records, timing, tables.

A suite is a module `benchmarks/suite_<name>.py` exposing
`run(options: Options) -> list[Record]`. Suites check their answers before
timing, alternate engines inside one process so machine drift cancels out,
and report medians over several runs.

Record schema (one per measurement, written by `--json PATH` as a JSON list):

  suite           "vm" | "compile" | "state" | "node"
  workload        what was measured, e.g. "a_arith_loop"
  engine          "hutong" | "py-evm" | "cpython" | a variant name
  n               problem size (iterations, keys, transactions, lines)
  seconds_median  median wall time of one run over `runs` runs
  seconds_min, seconds_max
  runs            number of timed runs
  ops             operations per run (VM instructions, key updates, txs, ...)
  gas             gas per run, where the engine has gas (else null)
  unit_per_s      ops / seconds_median
  extra           free-form dict (ratios, percentiles, notes)
"""

from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass, field
from typing import Callable


class AnswerMismatch(AssertionError):
    """Engines disagree on a workload's answer, or a timed run's result changed.
    Never caught by the harness: a benchmark that computes the wrong thing stops."""


def check_same_answers(workload: str, answers: dict[str, object]) -> object:
    """The one answer every engine computed; raises AnswerMismatch otherwise."""
    values = list(answers.values())
    if any(value != values[0] for value in values[1:]):
        detail = ", ".join(f"{engine}={value!r}" for engine, value in answers.items())
        raise AnswerMismatch(f"{workload}: engines disagree: {detail}")
    return values[0]


@dataclass
class Options:
    quick: bool = False
    runs: int = 7
    warmup: int = 1
    gas_calibration: bool = False
    extra: dict = field(default_factory=dict)


@dataclass
class Record:
    suite: str
    workload: str
    engine: str
    n: int
    seconds_median: float
    seconds_min: float
    seconds_max: float
    runs: int
    ops: int | None = None
    gas: int | None = None
    unit_per_s: float | None = None
    extra: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return asdict(self)


def time_runs(fn: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Wall time of `runs` calls of fn after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def time_alternating(fns: dict[str, Callable[[], object]], runs: int, warmup: int = 1) -> dict[str, list[float]]:
    """Time several engines, alternating them run by run, in one process."""
    for fn in fns.values():
        for _ in range(warmup):
            fn()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
    return samples


def record(suite: str, workload: str, engine: str, n: int, samples: list[float], ops=None, gas=None,
           **extra) -> Record:
    median = statistics.median(samples)
    return Record(suite, workload, engine, n, median, min(samples), max(samples), len(samples), ops, gas,
                  (ops / median) if ops and median > 0 else None, extra)
