"""The workloads of the `vm` suite, written once each, and their plain-CPython versions.

Each workload names its Hutong source (a file under benchmarks/workloads/), the
Vyper function that runs the same algorithm on py-evm, and a plain Python
function that computes the same answer. Every engine module (benchmarks/
engine_hutong.py, peer_pyevm.py, and the native engine below) turns a
`Workload` into a `Prepared` run: it has already computed and counted one run,
and its timed `run()` re-checks what it can (gas, output) each time.

Two shapes of workload:

  "loop"   one message `run(n)` whose body loops n times; the answer is the
           function's return value. Time is reported per loop iteration.
  "token"  n separate `transfer(to, amount)` messages between HOLDERS, each a
           full message execution; the answer is the holders' balances and the
           logs after the first pass. Time is reported per call.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Callable

from .harness import AnswerMismatch

# --- the token workload's fixed parameters -------------------------------------

HOLDER_COUNT = 16
HOLDERS = tuple(bytes([0xA0 + i]) * 20 for i in range(HOLDER_COUNT))
# Each holder starts with this balance; transfers move 1..7 units, so no balance
# ever reaches zero however many runs a process makes (every transfer is between
# two existing non-zero balances, as in PEERS.md).
INITIAL_BALANCE = 10**21
SUPPLY = INITIAL_BALANCE * HOLDER_COUNT


def transfer_schedule(n: int) -> list[tuple[int, int, int]]:
    """(sender index, recipient index, amount) of call k, k < n: every holder
    sends in turn, to a different holder each round, never to itself."""
    calls = []
    for k in range(n):
        sender = k % HOLDER_COUNT
        recipient = (sender + 1 + (k // HOLDER_COUNT) % (HOLDER_COUNT - 1)) % HOLDER_COUNT
        calls.append((sender, recipient, 1 + k % 7))
    return calls


@dataclass(frozen=True)
class TokenAnswer:
    """What one pass of the token workload must leave behind, on every engine."""

    balances: tuple[int, ...]   # of HOLDERS, in order
    logs: int                   # Transfer logs with 3 topics
    logged_amount: int          # sum of the amounts in those logs

    def __str__(self) -> str:
        digest = hashlib.sha256(repr(self.balances).encode()).hexdigest()[:16]
        return f"balances sha256:{digest}, {self.logs} logs, {self.logged_amount} moved"


# --- workloads ---------------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    key: str               # record "workload" field
    title: str             # for tables
    shape: str             # "loop" | "token"
    n: int                 # iterations (loop) or calls (token) of a full run
    quick_n: int
    hutong_source: str     # a contract in the Hutong language under benchmarks/workloads/
    hutong_signature: str  # external function of that contract
    hutong_result: str     # its result type (loop workloads)
    evm_contract: str      # file under benchmarks/workloads/evm/
    evm_signature: str     # Vyper function with the same algorithm
    evm_result: str        # "uint256" | "bytes32"
    native: Callable | None = None  # loop workloads: n -> answer
    note: str = ""

    def size(self, quick: bool) -> int:
        return self.quick_n if quick else self.n

    @property
    def unit(self) -> str:
        return "call" if self.shape == "token" else "iter"


def arith_loop(n: int) -> int:
    s = 0
    for i in range(n):
        s += (i * i) % 7
    return s


def fibonacci_mod_2_64(n: int) -> int:
    modulus = 1 << 64
    a, b = 0, 1
    for _ in range(n):
        a, b = b, (a + b) % modulus
    return a


def storage_map(n: int) -> int:
    m = {}
    for i in range(n):
        m[i] = i + 1
    s = 0
    for i in range(n):
        s += m[i]
    return s


def sha256_chain(n: int) -> bytes:
    h = bytes(32)
    sha256 = hashlib.sha256
    for _ in range(n):
        h = sha256(h).digest()
    return h


WORKLOADS: tuple[Workload, ...] = (
    Workload("a_arith_loop", "(a) Σ (i·i) % 7, u256 checked", "loop", 20_000, 2_000,
             "a_arith.ht", "run(u256)", "(u256)", "workloads.vy", "arith(uint256)", "uint256",
             native=arith_loop),
    Workload("b_fibonacci", "(b) fibonacci mod 2^64", "loop", 20_000, 2_000,
             "b_fib.ht", "run(u256)", "(u256)", "workloads.vy", "fib(uint256)", "uint256",
             native=fibonacci_mod_2_64),
    Workload("c_storage_map", "(c) map u64→u256: write N, read N", "loop", 4_000, 400,
             "c_storage.ht", "run(u256)", "(u256)", "workloads.vy", "storage(uint64)", "uint256",
             native=storage_map),
    Workload("d_sha256_chain", "(d) sha256 chain", "loop", 5_000, 500,
             "d_sha256.ht", "run(u256)", "(bytes32)", "workloads.vy", "sha256_chain(uint256)", "bytes32",
             native=sha256_chain,
             note="Hutong: SHA256 instruction; py-evm: precompile 0x02 via STATICCALL (PEERS d2)"),
    Workload("e_token_transfer", "(e) token transfer() messages, 16 holders", "token", 2_000, 100,
             "e_token.ht", "transfer(address,u256)", "(bool)", "token.vy", "transfer(address,uint256)",
             "bool",
             note="each call a full message execution; n = calls"),
)


# --- what an engine hands the suite ---------------------------------------------------


@dataclass
class Prepared:
    """One engine, ready to time one workload.

    `run()` performs one timed run (`repeat` calls of the workload) and raises
    AnswerMismatch if what it can check cheaply (gas, output) changed. `answer`
    comes from an untimed run; `ops` and `gas` are per single call of the
    workload, counted in an untimed run (None where the engine has none).
    """

    engine: str
    run: Callable[[], object]
    answer: object
    ops: int | None = None
    gas: int | None = None
    repeat: int = 1
    extra: dict = field(default_factory=dict)


# --- the plain CPython engine ------------------------------------------------------------


class NativeToken:
    """The token as a plain Python object: a dict of balances and a log list."""

    def __init__(self, balances: dict[bytes, int]):
        self.balances = dict(balances)
        self.logs: list[tuple[bytes, bytes, int]] = []

    def transfer(self, sender: bytes, to: bytes, amount: int) -> bool:
        balances = self.balances
        left = balances.get(sender, 0) - amount
        if left < 0:
            raise ValueError("insufficient balance")
        balances[sender] = left
        received = balances.get(to, 0) + amount
        if received >> 256:
            raise OverflowError("balance overflow")
        balances[to] = received
        self.logs.append((sender, to, amount))
        return True


def _token_pass(token: NativeToken, calls: list[tuple[bytes, bytes, int]]) -> int:
    token.logs.clear()
    ok = 0
    transfer = token.transfer
    for sender, to, amount in calls:
        ok += transfer(sender, to, amount)
    return ok


def calibrate_repeat(fn: Callable[[], object], target_seconds: float) -> int:
    """How many calls of fn last about target_seconds (at least one)."""
    start = time.perf_counter()
    fn()
    once = time.perf_counter() - start
    return max(1, round(target_seconds / once)) if once > 0 else 1000


def prepare_native(workload: Workload, n: int, quick: bool) -> Prepared:
    """PEERS.md's method: each sample repeats the function to last about 0.2 s
    (0.02 s with --quick), and the suite divides by the repeat count."""
    target = 0.02 if quick else 0.2
    if workload.shape == "loop":
        fn = workload.native
        answer = fn(n)

        def one():
            return fn(n)
    else:
        token = NativeToken({holder: INITIAL_BALANCE for holder in HOLDERS})
        calls = [(HOLDERS[s], HOLDERS[r], amount) for s, r, amount in transfer_schedule(n)]
        if _token_pass(token, calls) != n:
            raise AnswerMismatch("native token: a transfer returned false")
        answer = TokenAnswer(tuple(token.balances[h] for h in HOLDERS), len(token.logs),
                             sum(amount for _, _, amount in token.logs))

        def one():
            return _token_pass(token, calls)
    repeat = calibrate_repeat(one, target)

    def run():
        for _ in range(repeat):
            one()

    return Prepared("cpython", run, answer, repeat=repeat)
