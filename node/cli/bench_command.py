"""`hutong bench SUITE [options]`: run the benchmarks of a source checkout.

The product never imports `benchmarks/` (it is development tooling that pulls in
py-evm, Vyper and matplotlib), so this runs `python -m benchmarks` in a
subprocess with the same arguments and exits with its status.
"""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    group.add_command(bench)


@click.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.argument("suite")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), default=None,
              help="Write one JSON record per measurement to this file.")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def bench(suite: str, json_path: str | None, args: tuple[str, ...]) -> None:
    """Run benchmark SUITE (vm, compile, state, node, all) via `python -m benchmarks`.

    Options such as --quick, --json PATH, --plot PATH, --runs N and
    --gas-calibration are passed through; `python -m benchmarks --help` lists them.
    """
    import subprocess
    import sys

    command = [sys.executable, "-m", "benchmarks", suite, *args]
    if json_path:
        command += ["--json", json_path]
    try:
        status = subprocess.call(command)
    except KeyboardInterrupt:
        status = 130
    raise SystemExit(status)
