from vm import MemoryState, Message, Status, assemble_text, decode, encode, execute, selector
from vm.reference import REFERENCE
from vm.translator import TRANSLATOR

SUM_OF_SQUARES_MOD_7 = """
.function run external sig="run(u64)" params=b locals=iii returns=b
    LOAD 0
    DECODE "(u64)"
    STORE 3
loop:
    LOAD 1
    LOAD 3
    LT
    JMPIFNOT done
    LOAD 2
    LOAD 1
    LOAD 1
    MUL u256
    PUSHI 7
    MOD u256
    ADD u256
    STORE 2
    LOAD 1
    PUSHI 1
    ADD u256
    STORE 1
    JMP loop
done:
    LOAD 2
    ENCODE "(u256)"
    RET
.end
"""


def test_both_engines_compute_the_loop_and_agree_on_gas():
    state = MemoryState()
    sender = b"\x01" * 20
    code = assemble_text(SUM_OF_SQUARES_MOD_7).serialize()
    created = execute(Message(sender, None, 10**6, code=code), state)
    assert created.status is Status.SUCCESS
    results = []
    for engine in (TRANSLATOR, REFERENCE):
        result = execute(Message(sender, created.created, 10**7, selector=selector("run(u64)"),
                                 data=encode("(u64)", [500])), state, engine=engine)
        assert result.status is Status.SUCCESS
        results.append((decode("(u256)", result.output), result.gas_used))
    assert results[0] == results[1]
    assert results[0][0] == [sum((i * i) % 7 for i in range(500))]
