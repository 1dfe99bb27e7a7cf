"""`python -m benchmarks SUITE [--quick] [--json PATH] [--plot PATH] [--runs N] [--gas-calibration]`

SUITE is vm, compile, state, node (or any other benchmarks/suite_NAME.py), or
all. Each suite is a module `benchmarks.suite_NAME` with
`run(options) -> list[Record]`; one that is missing or fails to import is
reported ("suite X not available yet: ...") and the others still run. A suite
that computes a wrong answer raises AnswerMismatch, which ends the run with
a traceback and a non-zero exit status.

Prints a markdown table (and each suite's own summary) on stdout, progress on
stderr; writes the records as a JSON list (--json) and a bar chart (--plot).
See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
from pathlib import Path

from . import report
from .harness import Options, Record

PACKAGE_DIR = Path(__file__).parent
KNOWN_SUITES = ("vm", "compile", "state", "node")
DEFAULT_PLOT = PACKAGE_DIR / "results" / "latest.png"
QUICK_RUNS = 3


def discover_suites() -> list[str]:
    """The known suites in their usual order, then any other suite_*.py."""
    found = sorted(p.stem.removeprefix("suite_") for p in PACKAGE_DIR.glob("suite_*.py"))
    return list(KNOWN_SUITES) + [name for name in found if name not in KNOWN_SUITES]


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), {platform.python_implementation()} {platform.python_version()}, " \
           f"{platform.system()} {platform.release()}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    suites = discover_suites()
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[1])
    parser.add_argument("suite", choices=suites + ["all"], help="which suite to run")
    parser.add_argument("--quick", action="store_true", help=f"seconds-long smoke run: small n, {QUICK_RUNS} runs")
    parser.add_argument("--json", metavar="PATH", help="write the records to PATH as a JSON list")
    parser.add_argument("--plot", metavar="PATH", default=str(DEFAULT_PLOT),
                        help="bar chart PNG (default: %(default)s)")
    parser.add_argument("--runs", type=int, metavar="N", help="timed runs per engine (default 7, 3 with --quick)")
    parser.add_argument("--gas-calibration", action="store_true",
                        help="also run benchmarks.gas_calibration (from the vm suite)")
    return parser.parse_args(argv)


def load_suite(name: str):
    try:
        return importlib.import_module(f"benchmarks.suite_{name}")
    except ImportError as exc:
        print(f"suite {name} not available yet: {exc}")
        return None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.runs is not None and args.runs < 1:
        raise SystemExit("--runs must be at least 1")
    options = Options(quick=args.quick, runs=args.runs or (QUICK_RUNS if args.quick else Options.runs),
                      gas_calibration=args.gas_calibration)
    names = discover_suites() if args.suite == "all" else [args.suite]
    print(f"# Hutong benchmarks: {' '.join(names)}{' (quick)' if args.quick else ''}\n")
    print(f"Machine: {machine()}. Median of {options.runs} runs per engine, engines alternating.\n")

    records: list[Record] = []
    summaries: list[str] = []
    for name in names:
        suite = load_suite(name)
        if suite is None:
            continue
        suite_records = suite.run(options)
        records += suite_records
        summarize = getattr(suite, "summarize", None)
        if summarize is not None:
            text = summarize(suite_records)
            if text:
                summaries.append(text)

    print()
    print(report.table(records) if records else "No records.")
    for text in summaries:
        print()
        print(text)
    print()
    if args.json:
        report.write_json(records, args.json)
        print(f"JSON written to {args.json}")
    print(report.plot(records, args.plot))
    return 0


if __name__ == "__main__":
    sys.exit(main())
