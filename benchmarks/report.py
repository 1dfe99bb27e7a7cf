"""Presenting records: the markdown table on stdout, the JSON file, the bar chart.

The table has one row per record, whatever the suite. Columns derived from the
schema: `n/s` (iterations, calls, keys... per second: n / seconds_median),
`µs / n` (seconds_median / n), `ops / n` and `M gas/s`. A suite may add its own
markdown (ratios, targets) through a `summarize(records)` function.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from .harness import Record

COLUMNS = ("suite", "workload", "engine", "n", "median s", "spread", "runs", "n/s", "µs / n",
           "ops / run", "ops / n", "M ops/s", "gas / run", "M gas/s")


def fmt(value, digits: int = 3) -> str:
    """`digits` significant digits, thousands separated; '–' for None."""
    if value is None:
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    if magnitude >= digits - 1:
        return f"{value:,.0f}"
    return f"{value:.{digits - 1 - magnitude}f}"


def verdict(text: str, met: bool, shortfall: str) -> str:
    """A target line: `text: **met**`, or `text: **missed** (shortfall)`."""
    return f"{text}: **met**" if met else f"{text}: **missed** ({shortfall})"


def table(records: list[Record]) -> str:
    """Every timed record (counts such as instructions per iteration, with no
    runs, are left to their suite's summary)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in records:
        if not r.runs:
            continue
        median = r.seconds_median
        spread = (r.seconds_max - r.seconds_min) / median if median else None
        cells = [
            r.suite, r.workload, r.engine, fmt(r.n), fmt(median, 4),
            f"{spread * 100:.0f}%" if spread is not None else "–", str(r.runs),
            fmt(r.n / median) if median else "–", fmt(median / r.n * 1e6) if r.n else "–",
            fmt(r.ops), fmt(r.ops / r.n) if r.ops is not None and r.n else "–",
            fmt(r.unit_per_s / 1e6) if r.unit_per_s else "–",
            fmt(r.gas), fmt(r.gas / median / 1e6) if r.gas and median else "–",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_json(records: list[Record], path: str | Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([r.as_json() for r in records], indent=1) + "\n", encoding="utf-8")


UNITS = {"vm": "µs per iteration / call / code byte", "compile": "µs per source line",
         "state": "µs per key written, read or proven", "node": "µs per transaction"}


def per_unit_us(r: Record) -> float:
    """Median µs per unit: per n in the vm suite (iterations, calls, code bytes) and
    wherever a record has no ops (compile: lines); elsewhere per op (keys, proofs, txs)."""
    unit = r.n if r.suite == "vm" or not r.ops else r.ops
    return r.seconds_median / unit * 1e6


def plot(records: list[Record], path: str | Path) -> str:
    """Grouped bars of median time per unit (log scale), one panel per suite; a
    workload measured at several sizes gets a bar per size. Returns a line saying
    what was written or why nothing was."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        return f"matplotlib not available ({exc}); no chart written"
    if not records:
        return "no records; no chart written"
    suites = list(dict.fromkeys(r.suite for r in records if r.runs))
    fig, axes = plt.subplots(len(suites), 1, figsize=(10, 3.8 * len(suites)), squeeze=False)
    for ax, suite in zip(axes[:, 0], suites):
        rows = [r for r in records if r.suite == suite and r.runs and r.n]
        sizes: dict[str, set] = {}
        for r in rows:
            sizes.setdefault(r.workload, set()).add(r.n)

        def label(r: Record) -> str:
            return f"{r.workload}\n{r.n:,}" if len(sizes[r.workload]) > 1 else r.workload
        labels = list(dict.fromkeys(label(r) for r in rows))
        engines = list(dict.fromkeys(r.engine for r in rows))
        width = 0.8 / max(1, len(engines))
        for i, engine in enumerate(engines):
            xs, ys = [], []
            for j, name in enumerate(labels):
                match = [r for r in rows if label(r) == name and r.engine == engine]
                if match:
                    xs.append(j + (i - (len(engines) - 1) / 2) * width)
                    ys.append(per_unit_us(match[0]))
            bars = ax.bar(xs, ys, width, label=engine)
            ax.bar_label(bars, labels=[fmt(y, 2) for y in ys], fontsize=7, padding=1)
        ax.set_yscale("log")
        ax.set_xticks(range(len(labels)), labels, fontsize=7, rotation=30 if len(labels) > 6 else 0, ha="right"
                      if len(labels) > 6 else "center")
        ax.set_ylabel(UNITS.get(suite, "µs per unit") + " (log)", fontsize=8)
        ax.set_title(f"suite {suite}: median time per unit (lower is better)", fontsize=10)
        ax.legend(fontsize=8)
        ax.grid(axis="y", which="major", alpha=0.3)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return f"chart written to {path}"
