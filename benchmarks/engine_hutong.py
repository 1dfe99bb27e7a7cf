"""Hutong's side of the `vm` suite: deploy a workload contract on a MemoryState
and time messages through `vm.execute` with the translator engine (the default).

Counting: VM instructions are counted in one untimed run with the reference
engine and its `trace=` callback (one call per executed instruction), the way
PEERS.md counted py-evm opcodes in an untimed run; that run's gas and output
must equal the translator's, and every timed run re-checks them.

Where the code comes from: `load_code(name)` compiles benchmarks/workloads/
NAME.ht with the Hutong compiler, so the instruction counts are what the
compiler emits for each loop.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from vm import MemoryState, Message, decode, encode, execute, selector
from vm.reference import REFERENCE
from vm.translator import TRANSLATOR

from .harness import AnswerMismatch
from .vm_workloads import (
    HOLDERS, INITIAL_BALANCE, SUPPLY, Prepared, TokenAnswer, Workload, transfer_schedule,
)

WORKLOAD_DIR = Path(__file__).parent / "workloads"
DEPLOYER = b"\x01" * 20
# Enough for the largest full run ((c) writes 4,000 new keys at ~7,000 gas each).
GAS = 10**10
TRUE = encode("(bool)", [1])


def load_code(name: str) -> bytes:
    """The deployable container for a workload contract."""
    import compiler

    path = WORKLOAD_DIR / name
    return compiler.compile(path.read_text(encoding="utf-8"), path.name).container.serialize()


def deploy(state: MemoryState, code: bytes, data: bytes = b"") -> bytes:
    result = execute(Message(DEPLOYER, None, GAS, code=code, data=data), state)
    if not result.success or result.created is None:
        raise AnswerMismatch(f"deployment failed: {result.status} {result.halt or result.output!r}")
    return result.created


def counted(message: Message, state: MemoryState):
    """Execute with the reference engine, counting instructions by name."""
    mix: Counter[str] = Counter()

    def trace(step: dict) -> None:
        mix[step["op"]] += 1

    return execute(message, state, trace=trace, engine=REFERENCE), mix


def top_instructions(mix: Counter, count: int = 6) -> dict[str, int]:
    return dict(mix.most_common(count))


def prepare(workload: Workload, n: int, quick: bool) -> Prepared:
    if workload.shape == "loop":
        return _prepare_loop(workload, n)
    return _prepare_token(workload, n)


def _prepare_loop(workload: Workload, n: int) -> Prepared:
    state = MemoryState()
    address = deploy(state, load_code(workload.hutong_source))
    deployed = dict(state.data)
    function = selector(workload.hutong_signature)
    data = encode("(" + workload.hutong_signature.split("(", 1)[1], [n])

    reference, mix = counted(Message(DEPLOYER, address, GAS, selector=function, data=data), MemoryState(deployed))
    if not reference.success:
        raise AnswerMismatch(f"{workload.key}: reference engine: {reference.status} {reference.output!r}")
    output, gas = reference.output, reference.gas_used
    translated = execute(Message(DEPLOYER, address, GAS, selector=function, data=data), MemoryState(deployed),
                         engine=TRANSLATOR)
    if (translated.output, translated.gas_used) != (output, gas):
        raise AnswerMismatch(f"{workload.key}: translator and reference engines disagree: "
                             f"{translated.output!r}/{translated.gas_used} vs {output!r}/{gas}")

    def run():
        # A fresh copy of the deployed state, so (c) writes new keys every run.
        result = execute(Message(DEPLOYER, address, GAS, selector=function, data=data), MemoryState(deployed))
        if result.output != output or result.gas_used != gas:
            raise AnswerMismatch(f"{workload.key}: a timed run returned {result.output!r} with "
                                 f"{result.gas_used} gas, not {output!r} with {gas}")

    answer = decode(workload.hutong_result, output)[0]
    return Prepared("hutong", run, answer, ops=sum(mix.values()), gas=gas,
                    extra={"instruction_mix": top_instructions(mix)})


def _prepare_token(workload: Workload, n: int) -> Prepared:
    state = MemoryState()
    token = deploy(state, load_code(workload.hutong_source), encode("(u256)", [SUPPLY]))
    transfer = selector(workload.hutong_signature)
    for holder in HOLDERS:
        result = execute(Message(DEPLOYER, token, GAS, selector=transfer,
                                 data=encode("(address,u256)", [holder, INITIAL_BALANCE])), state)
        if result.output != TRUE:
            raise AnswerMismatch(f"{workload.key}: minting to a holder failed: {result.status}")
    calls = [(HOLDERS[s], encode("(address,u256)", [HOLDERS[r], amount]))
             for s, r, amount in transfer_schedule(n)]

    # Count one call on a copy of the state: every call costs the same (cold keys,
    # non-zero balances on both sides), which the timed runs check through the gas.
    sender, data = calls[0]
    reference, mix = counted(Message(sender, token, GAS, selector=transfer, data=data), state.copy())
    if reference.output != TRUE:
        raise AnswerMismatch(f"{workload.key}: reference engine: {reference.status} {reference.output!r}")
    gas_per_call = reference.gas_used

    # The first pass, on the live state, is the answer; later runs go on from there.
    logs = []
    for sender, data in calls:
        result = execute(Message(sender, token, GAS, selector=transfer, data=data), state)
        if result.output != TRUE or result.gas_used != gas_per_call:
            raise AnswerMismatch(f"{workload.key}: a call returned {result.output!r} with {result.gas_used} gas")
        logs.extend(result.logs)
    balance_of = selector("balance_of(address)")
    balances = []
    for holder in HOLDERS:
        result = execute(Message(DEPLOYER, token, GAS, selector=balance_of, data=encode("(address)", [holder])),
                         state)
        balances.append(decode("(u256)", result.output)[0])
    three_topics = [log for log in logs if len(log.topics) == 3]
    answer = TokenAnswer(tuple(balances), len(three_topics),
                         sum(decode("(u256)", log.data)[0] for log in three_topics))

    expected_gas = gas_per_call * len(calls)

    def run():
        gas = 0
        for sender, data in calls:
            result = execute(Message(sender, token, GAS, selector=transfer, data=data), state)
            if result.output != TRUE:
                raise AnswerMismatch(f"{workload.key}: transfer returned {result.output!r} ({result.status})")
            gas += result.gas_used
        if gas != expected_gas:
            raise AnswerMismatch(f"{workload.key}: a timed run used {gas} gas, not {expected_gas}")

    return Prepared("hutong", run, answer, ops=sum(mix.values()), gas=gas_per_call,
                    extra={"instruction_mix": top_instructions(mix)})
