"""The `vm` suite: Hutong's VM beside py-evm and plain CPython on five workloads.

For each workload (benchmarks/vm_workloads.py) every available engine first
computes the answer in untimed runs (Hutong's and py-evm's while counting
instructions), the suite checks that all engines agree, and only then times
them, alternating engine by engine inside this one process
(`harness.time_alternating`). A missing peer is reported and skipped.

Reported per engine and workload: the median time of a run, VM instructions
(Hutong) or opcodes (py-evm) and gas per run and per iteration, and on the
Hutong record the ratios of time per iteration: Hutong/py-evm and
Hutong/CPython (below 1 means Hutong takes less time).
"""

from __future__ import annotations

import importlib
import sys

from . import engine_hutong
from .harness import Options, Record, check_same_answers, record, time_alternating
from .report import fmt, verdict
from .vm_workloads import WORKLOADS, Prepared, Workload, prepare_native

SUITE = "vm"
HUTONG, PYEVM, CPYTHON = "hutong", "py-evm", "cpython"

# The targets on the reference 2-core machine.
TARGET_INSTRUCTIONS_PER_S = 8e6        # Hutong on (a)
TARGET_CPYTHON_RATIO = 40.0            # Hutong time per iteration <= 40x CPython's on (a), (b)
TARGET_PYEVM_SPEEDUP = 20.0            # py-evm time per iteration >= 20x Hutong's on (a), (b), (e)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_peers() -> tuple[dict[str, object], dict[str, str]]:
    """Importable peer modules, and the reason each missing one is missing."""
    available, missing = {}, {}
    try:
        available[PYEVM] = importlib.import_module("benchmarks.peer_pyevm")
    except ImportError as exc:
        missing[PYEVM] = f"{exc} (install the bench extra: pip install -e '.[bench]')"
    return available, missing


def run(options: Options) -> list[Record]:
    peers, missing = load_peers()
    for name, reason in missing.items():
        print(f"peer {name} not available: {reason}; running Hutong and CPython only")
    if PYEVM in peers:
        print("peer py-evm: " + ", ".join(f"{k} {v}" for k, v in peers[PYEVM].versions().items()))
    records: list[Record] = []
    for workload in WORKLOADS:
        records += run_workload(workload, options, peers, missing)
    from . import verifier_speed

    records += verifier_speed.run(options)
    if options.gas_calibration:
        records += _gas_calibration(options)
    return records


def run_workload(workload: Workload, options: Options, peers: dict, missing: dict) -> list[Record]:
    n = workload.size(options.quick)
    _log(f"vm: {workload.key} n={n}: preparing and checking answers")
    prepared: dict[str, Prepared] = {HUTONG: engine_hutong.prepare(workload, n, options.quick)}
    for name, module in peers.items():
        prepared[name] = module.prepare(workload, n, options.quick)
    prepared[CPYTHON] = prepare_native(workload, n, options.quick)
    answer = check_same_answers(workload.key, {name: p.answer for name, p in prepared.items()})

    _log(f"vm: {workload.key}: timing {', '.join(prepared)} alternately, {options.runs} runs")
    samples = time_alternating({name: p.run for name, p in prepared.items()}, options.runs, options.warmup)

    per_run = n if workload.shape == "token" else 1  # token: ops and gas are counted per call
    records = []
    for name, p in prepared.items():
        seconds = [s / p.repeat for s in samples[name]]
        ops = p.ops * per_run if p.ops is not None else None
        gas = p.gas * per_run if p.gas is not None else None
        extra = dict(p.extra)
        extra.update(title=workload.title, unit=workload.unit, answer=_short(answer), answer_checked=True,
                     engines_compared=sorted(prepared), seconds_each_run=seconds)
        if p.repeat > 1:
            extra["repeat"] = p.repeat
        if ops is not None:
            extra["ops_per_iter"] = ops / n
        if workload.note:
            extra["note"] = workload.note
        if name == HUTONG and missing:
            extra["peers_missing"] = dict(missing)
        records.append(record(SUITE, workload.key, name, n, seconds, ops, gas, **extra))
    _add_ratios(records)
    return records


def _short(answer) -> str:
    if isinstance(answer, bytes):
        return answer.hex()
    return str(answer)


def per_iter_us(rec: Record) -> float:
    return rec.seconds_median / rec.n * 1e6


def _add_ratios(records: list[Record]) -> None:
    """Time ratios of medians; `*_fastest` also of the fastest runs, which a busy
    machine disturbs least (a cross-check, not the reported figure)."""
    by_engine = {r.engine: r for r in records}
    hutong = by_engine[HUTONG]
    for name, key in ((PYEVM, "hutong_over_pyevm"), (CPYTHON, "hutong_over_cpython")):
        if name in by_engine:
            other = by_engine[name]
            hutong.extra[key] = per_iter_us(hutong) / per_iter_us(other)
            hutong.extra[key + "_fastest"] = (hutong.seconds_min / hutong.n) / (other.seconds_min / other.n)
    if PYEVM in by_engine and CPYTHON in by_engine:
        by_engine[PYEVM].extra["pyevm_over_cpython"] = per_iter_us(by_engine[PYEVM]) / per_iter_us(by_engine[CPYTHON])


def _gas_calibration(options: Options) -> list[Record]:
    try:
        module = importlib.import_module("benchmarks.gas_calibration")
    except ImportError as exc:
        print(f"gas calibration not available yet: {exc}")
        return []
    result = module.run(options)
    return list(result) if result else []


# --- the report ------------------------------------------------------------------------


def summarize(records: list[Record]) -> str:
    """Markdown: ratios per workload, then the issue's targets, met or not."""
    # (The verifier's records have their own table, printed as they are measured.)
    rows = [r for r in records if r.suite == SUITE and r.engine == HUTONG and not r.workload.startswith("verifier/")]
    if not rows:
        return ""
    engines = {(r.workload, r.engine): r for r in records if r.suite == SUITE}
    lines = [
        "| workload | unit | Hutong µs | py-evm µs | CPython µs | Hutong instr / unit | py-evm opcodes / unit "
        "| Hutong M instr/s | py-evm M opcodes/s | **Hutong / py-evm** (time) | py-evm ÷ Hutong "
        "| **Hutong / CPython** (time) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for h in rows:
        p = engines.get((h.workload, PYEVM))
        c = engines.get((h.workload, CPYTHON))
        ratio_p = h.extra.get("hutong_over_pyevm")
        ratio_c = h.extra.get("hutong_over_cpython")
        lines.append("| " + " | ".join([
            h.extra.get("title", h.workload), h.extra.get("unit", "iter"),
            fmt(per_iter_us(h)), fmt(per_iter_us(p)) if p else "–", fmt(per_iter_us(c)) if c else "–",
            fmt(h.extra.get("ops_per_iter")), fmt(p.extra.get("ops_per_iter")) if p else "–",
            fmt(h.unit_per_s / 1e6 if h.unit_per_s else None),
            fmt(p.unit_per_s / 1e6 if p and p.unit_per_s else None),
            fmt(ratio_p), fmt(1 / ratio_p) + "×" if ratio_p else "–", fmt(ratio_c),
        ]) + " |")
    for h in rows:
        if h.extra.get("unit") == "call":
            rates = ", ".join(f"{engine} {r.n / r.seconds_median:,.0f}" for (workload, engine), r in engines.items()
                              if workload == h.workload)
            lines += ["", f"{h.extra.get('title', h.workload)}, calls/s: {rates}."]
    lines += ["", "Targets (issue 8):", ""]
    lines += [f"- {line}" for line in check_targets(records)]
    return "\n".join(lines)


def check_targets(records: list[Record]) -> list[str]:
    by = {(r.workload, r.engine): r for r in records if r.suite == SUITE}
    out = []
    a = by.get(("a_arith_loop", HUTONG))
    if a and a.unit_per_s:
        rate = a.unit_per_s
        out.append(verdict(f"(a) Hutong {rate / 1e6:.1f} M VM instructions/s, target >= 8 M",
                            rate >= TARGET_INSTRUCTIONS_PER_S, f"{TARGET_INSTRUCTIONS_PER_S / rate:.2f}x short"))
    for key in ("a_arith_loop", "b_fibonacci"):
        h = by.get((key, HUTONG))
        if h and "hutong_over_cpython" in h.extra:
            ratio = h.extra["hutong_over_cpython"]
            out.append(verdict(f"({key[0]}) Hutong time per iteration {ratio:.1f}x CPython's "
                                f"(fastest runs: {h.extra['hutong_over_cpython_fastest']:.1f}x), target <= 40x",
                                ratio <= TARGET_CPYTHON_RATIO, f"{ratio / TARGET_CPYTHON_RATIO:.2f}x over"))
    for key in ("a_arith_loop", "b_fibonacci", "e_token_transfer"):
        h = by.get((key, HUTONG))
        if h is None:
            continue
        if "hutong_over_pyevm" not in h.extra:
            out.append(f"({key[0]}) py-evm ÷ Hutong: not measured (py-evm not available)")
            continue
        speedup = 1 / h.extra["hutong_over_pyevm"]
        fastest = 1 / h.extra["hutong_over_pyevm_fastest"]
        out.append(verdict(f"({key[0]}) py-evm takes {speedup:.1f}x Hutong's time per {h.extra.get('unit', 'iter')} "
                            f"(fastest runs: {fastest:.1f}x), target >= 20x", speedup >= TARGET_PYEVM_SPEEDUP,
                            f"{TARGET_PYEVM_SPEEDUP / speedup:.2f}x short"))
    return out


