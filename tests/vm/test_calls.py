"""Message calls: depth limits, static calls, nested reverts, the re-entrancy
lock, gas forwarding, value and failures that must not escape."""

from __future__ import annotations

import pytest

from vm import ERROR_DATA, MemoryState, Status, decode, encode, selector
from vm.constants import MAX_CALL_DEPTH
from vm.state import Account, account_key

from .helpers import ENGINE_IDS, ENGINES, OTHER, SENDER, call, deploy, returns

engines = pytest.mark.parametrize("engine", ENGINES, ids=ENGINE_IDS)


def sel(signature: str) -> str:
    return "0x" + selector(signature).hex()


DOWN = f"""
; down(n): frames below and including this one; 65535 marks a refused call
.function down external reentrant sig="down(u64)" params=b locals=ibi returns=b
    LOAD 0
    DECODE "(u64)"
    STORE 1
    LOAD 1
    JMPIF deeper
    PUSHI 1
    ENCODE "(u64)"
    RET
deeper:
    SELF
    PUSHC {sel("down(u64)")}
    LOAD 1
    PUSHI 1
    SUB u64
    ENCODE "(u64)"
    PUSHI 0
    PUSHC 1000000000000000000
    CALL
    STORE 2
    JMPIF ok
    PUSHC 65535
    ENCODE "(u64)"
    RET
ok:
    LOAD 2
    DECODE "(u64)"
    PUSHI 1
    ADD u64
    ENCODE "(u64)"
    RET
.end
"""


@engines
@pytest.mark.parametrize("n, expected", [
    (MAX_CALL_DEPTH - 2, MAX_CALL_DEPTH - 1),
    (MAX_CALL_DEPTH - 1, MAX_CALL_DEPTH),
    (MAX_CALL_DEPTH, 65535 + MAX_CALL_DEPTH - 1),
])
def test_call_depth_1023_1024_1025(engine, n, expected):
    state = MemoryState()
    address = deploy(state, DOWN)
    result = call(state, address, "down(u64)", "(u64)", [n], engine=engine, gas=10**30)
    assert returns(result, "(u64)") == [expected]


RECURSE = """
.function f external sig="f()" params=b returns=b
    PUSHI 0
    ICALL again
    POP
    LOAD 0
    RET
.end
.function again params=i returns=i
    LOAD 0
    ICALL again
    RET
.end
"""


@engines
def test_internal_recursion_halts_at_the_depth_limit_without_python_recursion(engine):
    state = MemoryState()
    result = call(state, deploy(state, RECURSE), "f()", engine=engine, gas=10**12)
    assert result.status is Status.HALT and result.halt == "call_depth_exceeded"
    assert result.gas_used == 10**12


WRITER = f"""
.function write external reentrant sig="write()" params=b returns=b
    PUSHC 0x01
    PUSHI 7
    SSTORE
    LOAD 0
    RET
.end
.function emit external reentrant sig="emit()" params=b returns=b
    PUSHC 0x0102
    LOG 0
    LOAD 0
    RET
.end
.function pay external reentrant sig="pay()" params=b returns=b
    PUSHC 0x{OTHER.hex()}
    PUSHI 1
    TRANSFER
    LOAD 0
    RET
.end
.function peek external view sig="peek()" params=b returns=b
    PUSHC 0x01
    PUSHI 9
    SSTORE
    LOAD 0
    RET
.end
.function probe external sig="probe(bytes4,bool)" params=b locals=bi returns=b
    LOAD 0
    DECODE "(bytes4,bool)"
    STORE 2
    STORE 1
    LOAD 2
    JMPIF static
    SELF
    LOAD 1
    PUSHC 0x
    PUSHI 0
    PUSHC 100000
    CALL
    ENCODE "(bool,bytes<=100)"
    RET
static:
    SELF
    LOAD 1
    PUSHC 0x
    PUSHC 100000
    SCALL
    ENCODE "(bool,bytes<=100)"
    RET
.end
"""


@engines
@pytest.mark.parametrize("target", ["write()", "emit()", "pay()"])
def test_static_calls_forbid_writes_logs_and_value(engine, target):
    state = MemoryState()
    address = deploy(state, WRITER)
    state.set(account_key(address), Account(0, 100, state.get(account_key(address))[24:]).encode())
    ok, _ = returns(call(state, address, "probe(bytes4,bool)", "(bytes4,bool)", [selector(target), 1],
                         engine=engine), "(bool,bytes<=100)")
    assert ok == 0
    assert state.get(b"\x01" + address + b"\x01") is None
    ok, _ = returns(call(state, address, "probe(bytes4,bool)", "(bytes4,bool)", [selector(target), 0],
                         engine=engine), "(bool,bytes<=100)")
    assert ok == 1


@engines
def test_a_view_function_is_static_even_when_called_normally(engine):
    state = MemoryState()
    address = deploy(state, WRITER)
    result = call(state, address, "peek()", engine=engine)
    assert result.status is Status.HALT and result.halt == "static_violation"
    assert state.get(b"\x01" + address + b"\x01") is None


NESTED = """
; outer(inner, leaf): writes, logs, calls inner.middle(leaf), which writes, logs, pays,
; calls leaf.bottom() (writes) and then reverts; outer survives and reports.
.function outer external sig="outer(address,address)" params=b locals=bb returns=b
    LOAD 0
    DECODE "(address,address)"
    STORE 2
    STORE 1
    PUSHC 0x6f
    PUSHI 1
    SSTORE
    PUSHC 0x61
    LOG 0
    LOAD 1
    PUSHC {middle}
    LOAD 2
    ENCODE "(address)"
    PUSHI 0
    PUSHC 1000000
    CALL
    ENCODE "(bool,bytes<=64)"
    RET
.end
.function middle external sig="middle(address)" params=b locals=b returns=b
    LOAD 0
    DECODE "(address)"
    STORE 1
    PUSHC 0x6d
    PUSHI 2
    SSTORE
    PUSHC 0x62
    LOG 0
    PUSHC 0x{other}
    PUSHI 5
    TRANSFER
    LOAD 1
    PUSHC {bottom}
    PUSHC 0x
    PUSHI 0
    PUSHC 100000
    CALL
    POP
    POP
    PUSHC 0xdeadbeef
    REVERT
.end
.function bottom external sig="bottom()" params=b returns=b
    PUSHC 0x62
    PUSHI 3
    SSTORE
    PUSHC 0x63
    LOG 0
    LOAD 0
    RET
.end
""".format(middle=sel("middle(address)"), bottom=sel("bottom()"), other=OTHER.hex())


@engines
def test_a_revert_undoes_its_frame_and_every_frame_it_called(engine):
    state = MemoryState()
    a, b, c = deploy(state, NESTED), deploy(state, NESTED), deploy(state, NESTED)
    state.set(account_key(b), Account(1, 50, state.get(account_key(b))[24:]).encode())
    result = call(state, a, "outer(address,address)", "(address,address)", [b, c], engine=engine)
    assert returns(result, "(bool,bytes<=64)") == [0, bytes.fromhex("deadbeef")]
    assert [log.data for log in result.logs] == [b"a"]
    assert result.changes == {b"\x01" + a + b"o": b"\x01"}
    assert state.get(b"\x01" + b + b"m") is None and state.get(b"\x01" + c + b"b") is None
    assert Account.decode(state.get(account_key(b))).balance == 50
    assert state.get(account_key(OTHER)) is None


@engines
def test_a_failed_root_changes_nothing_and_reports_where(engine):
    state = MemoryState()
    a, b = deploy(state, NESTED), deploy(state, NESTED)
    state.set(account_key(b), Account(1, 50, state.get(account_key(b))[24:]).encode())
    before = dict(state.data)
    result = call(state, b, "middle(address)", "(address)", [a], engine=engine)
    assert result.status is Status.REVERT and result.output == bytes.fromhex("deadbeef")
    assert state.data == before and result.logs == () and result.changes == {}
    assert [point.address for point in result.failure] == [b]
    assert result.gas_used < 10**7


LOCKED = """
.function enter external sig="enter(address)" params=b locals=b returns=b
    LOAD 0
    DECODE "(address)"
    STORE 1
    LOAD 1
    PUSHC {back}
    SELF
    ENCODE "(address)"
    PUSHI 0
    PUSHC 1000000
    CALL
    ENCODE "(bool,bytes<=64)"
    RET
.end
.function back external reentrant sig="back(address)" params=b locals=b returns=b
    LOAD 0
    DECODE "(address)"
    STORE 1
    LOAD 1
    PUSHC {target}
    PUSHC 0x
    PUSHI 0
    PUSHC 100000
    CALL
    SWAP 1
    JMPIF fine
    REVERT
fine:
    RET
.end
.function locked external sig="locked()" params=b returns=b
    PUSHC 0x6c
    LOAD 0
    RET
.end
.function open external reentrant sig="open()" params=b returns=b
    PUSHC 0x6f70656e
    RET
.end
"""


@engines
@pytest.mark.parametrize("target, outcome", [("locked()", (0, ERROR_DATA["Reentrancy"])), ("open()", (1, b"open"))])
def test_reentrancy_lock_by_default_and_opt_out(engine, target, outcome):
    state = MemoryState()
    asm = LOCKED.format(back=sel("back(address)"), target=sel(target))
    a, b = deploy(state, asm), deploy(state, asm)
    ok, data = returns(call(state, a, "enter(address)", "(address)", [b], engine=engine), "(bool,bytes<=64)")
    assert (ok, data) == outcome
    # The lock is released afterwards, whatever happened.
    assert call(state, a, "locked()", engine=engine).success


GAS_PROBE = """
.function measure external sig="measure(u64)" params=b returns=b
    SELF
    PUSHC {gasleft}
    PUSHC 0x
    PUSHI 0
    LOAD 0
    DECODE "(u64)"
    CALL
    SWAP 1
    POP
    RET
.end
.function gasleft external reentrant sig="gasleft()" params=b returns=b
    GASLEFT
    ENCODE "(u64)"
    RET
.end
""".format(gasleft=sel("gasleft()"))


@engines
def test_all_but_one_64th_is_forwarded_and_requests_are_capped(engine):
    state = MemoryState()
    address = deploy(state, GAS_PROBE)
    small = returns(call(state, address, "measure(u64)", "(u64)", [5000], engine=engine), "(u64)")[0]
    big = returns(call(state, address, "measure(u64)", "(u64)", [10**15], engine=engine, gas=1_000_000), "(u64)")[0]
    assert 4900 < small < 5000
    assert 900_000 < big < 1_000_000 - 1_000_000 // 64


@engines
def test_unknown_function_no_code_value_and_balance_failures(engine):
    state = MemoryState()
    address = deploy(state, GAS_PROBE)
    assert call(state, address, "nope()", engine=engine).output == ERROR_DATA["UnknownFunction"]
    assert call(state, OTHER, "f()", engine=engine).output == ERROR_DATA["NoCode"]
    assert call(state, address, "gasleft()", engine=engine, value=1).output == ERROR_DATA["InsufficientBalance"]
    state.set(account_key(SENDER), Account(0, 10).encode())
    assert call(state, address, "gasleft()", engine=engine, value=1).output == ERROR_DATA["NotPayable"]
    assert Account.decode(state.get(account_key(SENDER))).balance == 10


BOMB = """
.function bomb external sig="bomb()" params=b locals=b returns=b
    PUSHC 0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    STORE 1
again:
    LOAD 1
    LOAD 1
    BCAT
    STORE 1
    JMP again
.end
"""


@engines
@pytest.mark.parametrize("gas", [10**6, 3 * 10**7])
def test_memory_is_paid_for_before_it_is_allocated(engine, gas):
    import tracemalloc
    state = MemoryState()
    address = deploy(state, BOMB)
    tracemalloc.start()
    result = call(state, address, "bomb()", engine=engine, gas=gas)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.gas_used == gas
    assert result.status is Status.OUT_OF_GAS or result.halt == "bytes_too_long"
    # 3a + a^2/512 <= gas bounds the words a transaction can allocate (docs/gas.md).
    words = 0
    while 3 * (words + 1) + (words + 1) ** 2 // 512 <= gas:
        words += 1
    assert peak < 4 * words * 32 + 2_000_000


@engines
def test_out_of_gas_consumes_the_frame_and_revert_returns_the_rest(engine):
    state = MemoryState()
    a, b = deploy(state, NESTED), deploy(state, NESTED)
    state.set(account_key(b), Account(1, 50, state.get(account_key(b))[24:]).encode())
    reverted = call(state, b, "middle(address)", "(address)", [a], engine=engine, gas=10**7)
    assert reverted.status is Status.REVERT and reverted.gas_used < 50_000
    enough = call(state.copy(), b, "bottom()", engine=engine, gas=10**7)
    assert enough.success
    starved = call(state, b, "bottom()", engine=engine, gas=enough.gas_used - 1)
    assert starved.status is Status.OUT_OF_GAS and starved.gas_used == enough.gas_used - 1
    assert starved.changes == {} and state.get(b"\x01" + b + b"b") is None
