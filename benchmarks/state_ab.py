"""`python -m benchmarks.state_ab [--base REV] [--keys N] [--blocks N] [--block-size N]`

Side-by-side A/B of the state store: this checkout against git revision REV
(default HEAD), block by block in one process.

On a shared VM the same code runs up to half as fast for minutes at a time
(the state suite's machine reference shows it), so two `benchmarks state`
runs taken minutes apart cannot tell a 3% change from the weather. Here both
stores live in one process and take turns: each block of updates goes to one
store and then the other (which one first alternates), so both see the same
minute of the machine. Both get the same keys and values, and their roots
must agree after every block, which also checks the two revisions against
each other.

REV's `node` package is exported with `git archive` into a temporary directory
and renamed `node_base` (its imports rewritten), so both load side by side;
each store starts its own tree helper. When this checkout runs the compiled
tree (node/state/native.py) and the base has one, the base's is compiled too
(a minute's build), so like is compared with like; the summary says which
tree each side ran. A change with a process-wide effect
(the garbage collector, say) cannot be compared this way: it would act on
both stores.

Prints, per side, the median block time and the mean updates/s, then the
paired comparison: the median of this checkout's time over the base's, block
by block, with its quartiles, and how many blocks this checkout won.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASE_PACKAGE = "node_base"
FILL_BLOCK = 100_000
_IMPORTS = (
    (re.compile(r"\bfrom node\."), f"from {BASE_PACKAGE}."),    # also the helper's `python -c` line
    (re.compile(r"\bimport node\.(\w)"), rf"import {BASE_PACKAGE}.\1"),
    (re.compile(r"^import node$", re.M), f"import {BASE_PACKAGE} as node"),
    (re.compile(r"\bfrom node import\b"), f"from {BASE_PACKAGE} import"),
)


def export_base(revision: str, directory: Path) -> None:
    """`revision`'s node package as `directory`/node_base, imports rewritten."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", revision, "node"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(directory, filter="data")
    package = directory / BASE_PACKAGE
    (directory / "node").rename(package)
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for pattern, replacement in _IMPORTS:
            text = pattern.sub(replacement, text)
        source.write_text(text, encoding="utf-8")


def compare(revision: str, keys: int, blocks: int, block_size: int, seed: int = 11) -> dict:
    """Run the A/B; returns the per-block seconds of each side and the run's facts."""
    with tempfile.TemporaryDirectory(prefix="state-ab-") as temporary:
        root = Path(temporary)
        export_base(revision, root)
        from node.state import native, open_store

        if native.active() and (root / BASE_PACKAGE / "state" / "native_build.py").exists():
            _build_base(root)
        sys.path.insert(0, str(root))
        try:
            import node_base.state as base_state
        finally:
            sys.path.remove(str(root))
        builds = {"base": _describe(base_state), "this": native.describe()}

        stores = {"base": base_state.open_store(root / "base"), "this": open_store(root / "this")}
        try:
            return {**_alternate(stores, keys, blocks, block_size, random.Random(seed)), "builds": builds}
        finally:
            for store in stores.values():
                store.close()


def _build_base(root: Path) -> None:
    """Compile the base's tree too, when this checkout runs compiled and the
    base can be (node/state/native_build.py): like against like."""
    subprocess.run([sys.executable, "-m", f"{BASE_PACKAGE}.state.native_build"], cwd=root, check=True,
                   capture_output=True, env={**os.environ, "PYTHONPATH": str(root)})


def _describe(state_package) -> str:
    native = getattr(state_package, "native", None)
    return "pure Python (before the compiled tree)" if native is None else native.describe()


def _alternate(stores: dict, keys: int, blocks: int, block_size: int, rng: random.Random) -> dict:
    names = list(stores)
    version = -1
    pool: list[bytes] = []
    started = time.perf_counter()
    while len(pool) < keys:
        block = {}
        for _ in range(min(FILL_BLOCK, keys - len(pool))):
            key = b"\x01" + rng.randbytes(52)
            block[key] = rng.randbytes(32)
            pool.append(key)
        version += 1
        _apply_both(stores, names, block, version)
    fill_seconds = time.perf_counter() - started
    updates = [{rng.choice(pool): rng.randbytes(32) for _ in range(block_size)} for _ in range(blocks)]
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for index, block in enumerate(updates):
        version += 1
        order = names if index % 2 else names[::-1]
        for name, elapsed in _apply_both(stores, order, block, version).items():
            seconds[name].append(elapsed)
    return {"seconds": seconds, "fill_seconds": fill_seconds, "block_size": block_size}


def _apply_both(stores: dict, order: list[str], block: dict, version: int) -> dict[str, float]:
    roots, elapsed = {}, {}
    for name in order:
        started = time.perf_counter()
        roots[name] = stores[name].apply(block, version)
        elapsed[name] = time.perf_counter() - started
    if len(set(roots.values())) != 1:
        raise AssertionError(f"the two revisions disagree on the root of version {version}")
    return elapsed


def summarize(result: dict, warmup: int = 10) -> str:
    seconds = {name: samples[warmup:] for name, samples in result["seconds"].items()}
    base, this = seconds["base"], seconds["this"]
    ratios = sorted(mine / theirs for mine, theirs in zip(this, base))
    quartiles = statistics.quantiles(ratios, n=4)
    lines = [f"{len(this)} paired blocks of {result['block_size']:,} updates (the first {warmup} left out as "
             f"warm-up; fill {result['fill_seconds']:.0f} s)"]
    lines += [f"  {name}'s tree: {build}" for name, build in result.get("builds", {}).items()]
    for name, samples in (("base", base), ("this", this)):
        lines.append(f"  {name}: median {statistics.median(samples) * 1e3:.2f} ms a block, "
                     f"{result['block_size'] * len(samples) / sum(samples):,.0f} updates/s")
    lines.append(f"  this / base, block by block: median {quartiles[1]:.3f} "
                 f"(quartiles {quartiles[0]:.3f}-{quartiles[2]:.3f}); this faster in "
                 f"{sum(ratio < 1 for ratio in ratios)} of {len(ratios)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.state_ab", description=__doc__.split("\n\n")[1])
    parser.add_argument("--base", default="HEAD", help="git revision to compare against (default: %(default)s)")
    parser.add_argument("--keys", type=int, default=1_000_000, help="keys in each store (default: %(default)s)")
    parser.add_argument("--blocks", type=int, default=300, help="update blocks, each to both (default: %(default)s)")
    parser.add_argument("--block-size", type=int, default=1_000, help="updates a block (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.blocks < 14 or args.keys < 1 or args.block_size < 1:
        parser.error("need at least 14 blocks (10 warm up) and positive sizes")
    if shutil.which("git") is None:
        parser.error("needs git, to export the base revision")
    print(f"state A/B: this checkout against {args.base}, {args.keys:,} keys", file=sys.stderr)
    print(summarize(compare(args.base, args.keys, args.blocks, args.block_size)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
