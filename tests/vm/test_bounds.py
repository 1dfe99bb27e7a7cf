"""Work the VM does is bounded by gas even for values built to defeat the
counting: cyclic and aliased lists (LCOPY, ENCODE), oversized account operands,
unaffordable memory and code loads, and more logs than a receipt can hold.
Every test runs on both engines."""

from __future__ import annotations

import signal
from contextlib import contextmanager

import pytest

from vm import MemoryState, Status, selector
from vm import constants as C

from .helpers import ENGINE_IDS, ENGINES, OTHER, call, deploy, single_function

engines = pytest.mark.parametrize("engine", ENGINES, ids=ENGINE_IDS)


class Hung(Exception):
    pass


@contextmanager
def must_return(seconds: int = 30):
    """Turn a hang (an unbounded loop before any gas is charged) into a test
    failure instead of a stuck test run. Not a timing assertion: the bound is
    far above any run that terminates."""
    def stop(*_):
        raise Hung(f"execute() did not return within {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(engine, body: str, gas: int = 10**7, locals_: str = "-", returns_type: str = "(u256)"):
    state = MemoryState()
    address = deploy(state, single_function(body, returns_type, locals_))
    with must_return():
        return call(state, address, "f()", engine=engine, gas=gas)


def aliased(levels: int, width: int = 16, leaf: str = "PUSHI 16\n    LNEW int") -> str:
    """A list of `width` references to one list of `width` references to ... `levels` deep:
    width * levels words allocated, width ** (levels + 1) elements along all paths."""
    lines = [f"    {leaf}"]
    for _ in range(levels):
        lines += ["    DUP 0"] * (width - 1) + [f"    LMAKE {width}"]
    return "\n".join(lines)


# --- lists: cycles and aliasing -------------------------------------------------------

CYCLE = """
    PUSHI 0
    LNEW int
    DUP 0
    DUP 0
    LPUSH 10
"""


@engines
def test_lcopy_of_a_cyclic_list_runs_out_of_gas(engine):
    result = run(engine, CYCLE + "    LCOPY\n    LLEN\n")
    assert result.status is Status.OUT_OF_GAS and result.gas_used == 10**7


@engines
def test_encode_of_a_cyclic_list_is_bounded_by_the_type(engine):
    # The type's nesting bounds the walk; the cycle's elements are lists where the
    # innermost type wants ints, so the encoding is refused.
    result = run(engine, CYCLE + '    ENCODE "(u8[<=4][<=4][<=4])"\n    BLEN\n')
    assert result.status is Status.REVERT and result.output == selector("AbiEncodeError()")


@engines
@pytest.mark.parametrize("levels", [2, 7])
def test_lcopy_of_aliased_lists_counts_paths_and_stops_at_the_gas(engine, levels):
    result = run(engine, aliased(levels) + "\n    LCOPY\n    LLEN\n")
    if levels == 2:  # 16**3 + 16**2 + 16 elements: affordable
        assert result.success and int.from_bytes(result.output, "big") == 16
    else:  # 16**8 elements: stops when the count passes what the gas could pay for
        assert result.status is Status.OUT_OF_GAS and result.gas_used == 10**7


@engines
@pytest.mark.parametrize("levels", [2, 7])
def test_encode_of_aliased_lists_stops_at_max_bytes(engine, levels):
    t = "u8[<=16]" + "[<=16]" * levels
    result = run(engine, aliased(levels) + f'\n    ENCODE "({t})"\n    BLEN\n')
    if levels == 2:  # 16**3 bytes plus the counts
        assert result.success
        assert int.from_bytes(result.output, "big") == 16**3 + 4 * (1 + 16 + 16**2)
    else:  # would be gigabytes: halts once the output passes MAX_BYTES
        assert result.status is Status.HALT and result.halt == "bytes_too_long"
        assert result.gas_used == 10**7


@engines
def test_encode_of_aliased_empty_tuples_stops_at_the_gas(engine):
    # Empty tuples encode to nothing, so only the visit budget bounds the walk.
    levels = 7
    leaf = "PUSHI 0\n    LNEW int\n" + "    DUP 0\n" * 15 + "    LMAKE 16"
    t = "()[16]" + "[16]" * levels
    result = run(engine, aliased(levels, leaf=leaf) + f'\n    ENCODE "({t})"\n    BLEN\n')
    assert result.status is Status.OUT_OF_GAS and result.gas_used == 10**7


# --- account operands ---------------------------------------------------------------------

@engines
@pytest.mark.parametrize("op,setup", [("BALANCE", ""), ("CODEHASH", ""), ("TRANSFER", "    PUSHI 0\n")])
@pytest.mark.parametrize("length", [0, 19, 21, 4096])
def test_account_operands_must_be_20_bytes(engine, op, setup, length):
    body = f"    PUSHC 0x{'ab' * length}\n{setup}    {op}\n" + ("    PUSHI 0\n" if op == "TRANSFER" else "    POP\n    PUSHI 0\n")
    result = run(engine, body)
    assert result.status is Status.HALT and result.halt == "invalid_address"


@engines
@pytest.mark.parametrize("op", ["BALANCE", "CODEHASH"])
def test_account_operands_of_20_bytes_still_work(engine, op):
    result = run(engine, f"    PUSHC 0x{OTHER.hex()}\n    {op}\n    POP\n    PUSHI 0\n")
    assert result.success


# --- memory and code-load charges that fail leave nothing behind ----------------------------------

ALLOCATE_64 = """
    GASLEFT
    PUSHI 64
    LNEW int
    POP
    GASLEFT
    SUB u256
"""


def call_prefix(target: bytes, gas: int) -> str:
    return f"""
    PUSHC 0x{target.hex()}
    PUSHC 0x{selector('g()').hex()}
    PUSHC 0x
    PUSHI 0
    PUSHC {gas}
    CALL
    POP
    POP
"""


@engines
def test_a_failed_memory_charge_does_not_grow_the_transaction_allocation(engine):
    state = MemoryState()
    greedy = deploy(state, single_function("    PUSHC 1000000\n    LNEW int\n    LLEN\n", sig="g()"))
    alone = deploy(state, single_function(ALLOCATE_64))
    after = deploy(state, single_function(call_prefix(greedy, 5000) + ALLOCATE_64))
    cost_alone = int.from_bytes(call(state, alone, "f()", engine=engine).output, "big")
    cost_after = int.from_bytes(call(state, after, "f()", engine=engine).output, "big")
    assert cost_after == cost_alone


@engines
def test_a_call_that_cannot_pay_for_loading_code_does_not_load_it(engine):
    state = MemoryState()
    big = deploy(state, single_function("    NOP\n" * 2000 + "    PUSHI 1\n", sig="g()"))
    once = deploy(state, single_function(call_prefix(big, 100_000) + "    PUSHI 0\n"))
    starved_first = deploy(state, single_function(call_prefix(big, 0) + call_prefix(big, 100_000) + "    PUSHI 0\n"))
    full = call(state, once, "f()", engine=engine, gas=10**6)
    both = call(state, starved_first, "f()", engine=engine, gas=10**6)
    assert full.success and both.success
    # The second variant makes one more (failed) call; it must still pay the code load.
    assert both.gas_used >= full.gas_used


# --- logs ------------------------------------------------------------------------------------------

def log_loop(count: int) -> str:
    return f"""
    PUSHI 0
    STORE 1
again:
    LOAD 1
    PUSHC {count}
    GE
    JMPIF done
    PUSHC 0x01
    LOG 0
    LOAD 1
    PUSHI 1
    ADD u256
    STORE 1
    JMP again
done:
    PUSHI 0
"""


@engines
def test_a_transaction_keeps_at_most_max_logs_per_tx(engine):
    state = MemoryState()
    address = deploy(state, single_function(log_loop(C.MAX_LOGS_PER_TX), locals_="i"))
    result = call(state, address, "f()", engine=engine)
    assert result.success and len(result.logs) == C.MAX_LOGS_PER_TX
    address = deploy(state, single_function(log_loop(C.MAX_LOGS_PER_TX + 1), locals_="i"))
    result = call(state, address, "f()", engine=engine)
    assert result.status is Status.HALT and result.halt == "too_many_logs" and result.logs == ()


@engines
def test_log_data_is_bounded(engine, monkeypatch):
    # Byte strings stop at MAX_BYTES == MAX_LOG_DATA, so shrink the limit to reach it.
    monkeypatch.setattr(C, "MAX_LOG_DATA", 2)
    ok = run(engine, "    PUSHC 0x0102\n    LOG 0\n    PUSHI 0\n")
    too_long = run(engine, "    PUSHC 0x010203\n    LOG 0\n    PUSHI 0\n")
    assert ok.success
    assert too_long.status is Status.HALT and too_long.halt == "log_data_too_long"


def test_the_receipt_type_holds_what_the_vm_allows():
    from node.block import RECEIPT_TYPE, Receipt
    from vm.runtime import Log
    assert f"[<={C.MAX_LOGS_PER_TX}]" in RECEIPT_TYPE and f"bytes<={C.MAX_LOG_DATA})" in RECEIPT_TYPE
    logs = tuple(Log(OTHER, (b"\x00" * 32,), b"") for _ in range(C.MAX_LOGS_PER_TX))
    assert Receipt(b"\x00" * 32, "success", 1, b"", logs).encode()
