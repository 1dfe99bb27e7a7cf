"""The Hutong pytest plugin: an in-process chain for contract tests.

Registered through the `pytest11` entry point (pyproject.toml), so installing
hutong is enough. Fixtures:

  chain          the in-process `Chain` (node/devchain.py), isolated per test:
                 a snapshot is taken before the test and reverted after it
  accounts       the chain's ten funded dev accounts
  deploy         `deploy("contracts/token.ht", *args, sender=...)`: compile and
                 deploy; a relative path is looked up from the current
                 directory, the rootdir, then the test file's directory
  reverts        `with reverts("InsufficientBalance", needed=5): ...` asserts a
                 revert by error name (or `assert` message) and arguments
  session_chain  the same chain without per-test isolation, for module- or
                 session-scoped fixtures that deploy once (their state is
                 then the starting point of every test that follows)

Option `--gas-report` prints the gas of every successful transaction per
contract function (min, mean, max, calls) at the end of the session;
reverted and failed transactions are not counted.

This module imports only pytest at import time: it is loaded by every pytest
run in an environment where hutong is installed.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest

GAS_KEY = "hutong_gas"
GAS_REPORT_SCOPE = "successful transactions only: reverted and failed ones (and views) are not counted"


def pytest_addoption(parser) -> None:
    group = parser.getgroup("hutong", "Hutong contracts")
    group.addoption("--gas-report", action="store_true", default=False,
                    help="print gas used per contract function (min/mean/max/calls) after the tests; "
                         "successful transactions only")


def pytest_configure(config) -> None:
    config._hutong_gas = {}  # (contract, function) -> [gas, ...]


# --- fixtures -------------------------------------------------------------------------

@pytest.fixture(scope="session")
def session_chain(pytestconfig):
    """The session's in-process chain (no isolation between tests)."""
    from node.devchain import Chain

    chain = Chain()
    if pytestconfig.getoption("gas_report"):
        samples = pytestconfig._hutong_gas

        def record(receipt: dict, contract: str, function: str) -> None:
            if receipt["status"] == "success":
                samples.setdefault((contract, function), []).append(receipt["gas_used"])
        chain.listeners.append(record)
    return chain


@pytest.fixture
def chain(session_chain):
    """The in-process chain; everything a test does to it is undone afterwards."""
    with session_chain.isolate():
        yield session_chain


@pytest.fixture
def accounts(chain):
    """The ten funded dev accounts (`accounts[0]` is the default sender)."""
    return chain.accounts


@pytest.fixture
def deploy(chain, request):
    """`deploy(path_or_source, *constructor_args, sender=None, value=0, gas=None, name=None)`."""
    bases = [os.getcwd(), str(request.config.rootpath), str(request.path.parent)]

    def deploy_contract(source, *args, **kwargs):
        if isinstance(source, (str, os.PathLike)) and "\n" not in os.fspath(source):
            source = _find(os.fspath(source), bases)
        return chain.deploy(source, *args, **kwargs)
    return deploy_contract


@pytest.fixture(name="reverts")
def reverts_fixture():
    """The `reverts(...)` context manager (also importable from node.pytest_plugin)."""
    return reverts


def _find(path: str, bases: list[str]) -> str:
    if os.path.isabs(path):
        return path
    for base in bases:
        candidate = os.path.join(base, path)
        if os.path.exists(candidate):
            return candidate
    raise FileNotFoundError(f"{path} not found from {', '.join(dict.fromkeys(bases))}")


# --- reverts --------------------------------------------------------------------------------

class RevertInfo:
    """What `reverts` caught: `.value` is the TransactionFailed exception."""

    value = None

    @property
    def error(self):
        return self.value.error if self.value else None

    @property
    def args(self):
        return self.value.error_args if self.value else None


@contextmanager
def reverts(expected: str | None = None, /, **expected_args):
    """Assert that the block raises TransactionFailed (a revert, or out of gas).

    `expected` matches the error's name (`"InsufficientBalance"`, `"Unauthorized"`,
    `"OutOfGas"`) or the message of `assert cond, "text"`; keyword arguments
    must equal the error's decoded arguments (addresses may be given as
    accounts or contracts). A mismatch fails the test showing expected and
    actual, with the source line of the actual revert.
    """
    __tracebackhide__ = True
    from node.sdk.errors import TransactionFailed

    info = RevertInfo()
    try:
        yield info
    except TransactionFailed as exc:
        info.value = exc
        problems = _mismatches(exc, expected, expected_args)
        if problems:
            raise AssertionError(
                f"expected revert: {_describe_expected(expected, expected_args)}\n"
                f"actual revert:   {exc}\n" + "\n".join(f"  - {p}" for p in problems)) from exc
        return
    raise AssertionError(f"expected revert: {_describe_expected(expected, expected_args)}\n"
                         "but nothing reverted")



def _mismatches(exc, expected: str | None, expected_args: dict) -> list[str]:
    problems = []
    if expected is not None and expected not in (exc.error, exc.message):
        actual = exc.error if exc.message is None else f"{exc.error} ({exc.message!r})"
        problems.append(f"error: expected {expected!r}, got {actual}")
    for name, want in expected_args.items():
        if name not in exc.error_args:
            problems.append(f"argument {name}: the error has no such argument "
                            f"(it has {', '.join(exc.error_args) or 'none'})")
        elif not (want == exc.error_args[name]):
            problems.append(f"argument {name}: expected {want!r}, got {exc.error_args[name]!r}")
    return problems


def _describe_expected(expected: str | None, expected_args: dict) -> str:
    shown = ", ".join(f"{k}={v!r}" for k, v in expected_args.items())
    if expected is None:
        return f"any error{f' with {shown}' if shown else ''}"
    return f"{expected}({shown})" if shown else expected


# --- gas report ------------------------------------------------------------------------------------

def pytest_sessionfinish(session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: hand the samples to the controller
        workeroutput[GAS_KEY] = [[c, f, g] for (c, f), g in session.config._hutong_gas.items()]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    samples = node.config._hutong_gas
    for contract, function, gas in (getattr(node, "workeroutput", None) or {}).get(GAS_KEY, []):
        samples.setdefault((contract, function), []).extend(gas)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not config.getoption("gas_report") or hasattr(config, "workerinput"):
        return
    terminalreporter.write_sep("=", "hutong gas report")
    terminalreporter.write_line(GAS_REPORT_SCOPE)
    for line in gas_report_lines(config._hutong_gas):
        terminalreporter.write_line(line)


def gas_report_lines(samples: dict) -> list[str]:
    if not samples:
        return ["no transactions"]
    rows = [(contract, function, min(g), sum(g) // len(g), max(g), len(g))
            for (contract, function), g in sorted(samples.items())]
    header = ("contract", "function", "min", "mean", "max", "calls")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(6)]
    lines = ["  ".join(str(v).ljust(w) if i < 2 else str(v).rjust(w) for i, (v, w) in enumerate(zip(row, widths)))
             for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines
