"""Gas calibration: nanoseconds per gas unit for every instruction, at
worst-case operands, on the production (translating) engine.

`python -m benchmarks vm --gas-calibration`

The rule behind the schedule (docs/gas.md): a unit of gas should buy about the
same CPU time whatever instruction spends it. For each instruction a contract
runs a loop whose body repeats a stack-neutral snippet built around it (operands
come from calldata, so nothing is constant-folded). The figure is
(T(n) - T(0)) / (G(n) - G(0)): time and gas of a transaction running n loop
iterations minus one running none, so message overhead cancels out. The loop's
own counter costs are part of both; each body repeats the snippet 16 times.
The report gives the spread, max over median; the target is under 4x.
"""

from __future__ import annotations

import statistics
import time

from vm import BlockEnv, MemoryState, Message, assemble_text, encode, execute, selector
from vm.state import Account, account_key

from .harness import Options, Record

A = (1 << 255) + 12345           # a large u256
B = (1 << 255) - 99991           # A + B still fits u256
E = (1 << 128) - 159             # E * E fits u256
C = -(1 << 254) - 7              # a large negative i256
BIG = bytes(range(256)) * 16     # 4 KiB of data
KEY = b"\x42" * 32
CALLDATA_TYPE = "(u64,u256,u256,u256,i256,bytes<=65536,bytes<=32)"
# Locals: l1 n, l2 A, l3 B, l4 E, l5 C, l6 BIG, l7 KEY, l8 int scratch, l9 bytes scratch, l10 list
LOCALS = "iiiiibbiblii"
REPEAT = 16
TOPIC = "0x" + "aa" * 32


def _snippets(helper: str) -> dict[str, str]:
    sel_leaf = "0x" + selector("leaf()").hex()
    return {
        "NOP": "NOP",
        "PUSHI": "PUSHI 1\nPOP",
        "PUSHC": "PUSHC 123456789\nPOP",
        "POP": "LOAD 2\nPOP",
        "DUP": "LOAD 2\nLOAD 3\nDUP 1\nSTORE 8\nPOP\nPOP",
        "SWAP": "LOAD 2\nLOAD 3\nADD u256\nLOAD 2\nSWAP 1\nSTORE 8\nSTORE 8",
        "LOAD": "LOAD 2\nSTORE 8",
        "STORE": "LOAD 3\nSTORE 8",
        "ADD": "LOAD 2\nLOAD 3\nADD u256\nSTORE 8",
        "SUB": "LOAD 2\nLOAD 3\nSUB i256\nSTORE 8",
        "MUL": "LOAD 4\nLOAD 4\nMUL u256\nSTORE 8",
        "DIV": "LOAD 2\nLOAD 4\nDIV u256\nSTORE 8",
        "MOD": "LOAD 2\nLOAD 4\nMOD u256\nSTORE 8",
        "EXP": "PUSHI 3\nPUSHC 161\nEXP u256\nSTORE 8",
        "NEG": "LOAD 5\nNEG i256\nSTORE 8",
        "CAST": "LOAD 2\nCAST u256\nSTORE 8",
        "MULDIV": "LOAD 2\nLOAD 2\nLOAD 3\nMULDIV u256\nSTORE 8",
        "MIN": "LOAD 2\nLOAD 3\nMIN\nSTORE 8",
        "MAX": "LOAD 2\nLOAD 3\nMAX\nSTORE 8",
        "LT": "LOAD 2\nLOAD 3\nLT\nSTORE 8",
        "GT": "LOAD 2\nLOAD 3\nGT\nSTORE 8",
        "LE": "LOAD 2\nLOAD 3\nLE\nSTORE 8",
        "GE": "LOAD 2\nLOAD 3\nGE\nSTORE 8",
        "EQ": "LOAD 6\nLOAD 6\nEQ\nSTORE 8",
        "NE": "LOAD 2\nLOAD 3\nNE\nSTORE 8",
        "LNOT": "LOAD 2\nLNOT\nSTORE 8",
        "AND": "LOAD 2\nLOAD 5\nAND\nSTORE 8",
        "OR": "LOAD 2\nLOAD 5\nOR\nSTORE 8",
        "XOR": "LOAD 2\nLOAD 5\nXOR\nSTORE 8",
        "NOT": "LOAD 2\nNOT u256\nSTORE 8",
        "SHL": "LOAD 4\nPUSHI 127\nSHL u256\nSTORE 8",
        "SHR": "LOAD 5\nPUSHC 200\nSHR i256\nSTORE 8",
        "BLEN": "LOAD 6\nBLEN\nSTORE 8",
        "BCAT": "LOAD 7\nLOAD 7\nBCAT\nSTORE 9",
        "BCAT/4KiB": "LOAD 6\nLOAD 7\nBCAT\nSTORE 9",
        "BSLICE": "LOAD 6\nPUSHI 7\nPUSHI 32\nBSLICE\nSTORE 9",
        "BGET": "LOAD 6\nPUSHC 4000\nBGET\nSTORE 8",
        "BFROMI": "LOAD 2\nBFROMI u256\nSTORE 9",
        "BTOI": "LOAD 7\nBTOI u256\nSTORE 8",
        "SHA256": "LOAD 7\nSHA256\nSTORE 9",
        "SHA256/4KiB": "LOAD 6\nSHA256\nSTORE 9",
        "SHA3": "LOAD 7\nSHA3\nSTORE 9",
        "SHA3/4KiB": "LOAD 6\nSHA3\nSTORE 9",
        "SM3": "LOAD 7\nSM3\nSTORE 9",
        "SM3/4KiB": "LOAD 6\nSM3\nSTORE 9",
        "LMAKE": "LOAD 2\nLOAD 3\nLOAD 7\nLMAKE 3\nSTORE 10",
        "LGET": "LOAD 10\nPUSHI 1\nLGET int\nSTORE 8",
        "LSET": "LOAD 10\nPUSHI 1\nLOAD 3\nLSET",
        "LLEN": "LOAD 10\nLLEN\nSTORE 8",
        "LPUSH": "LOAD 10\nLOAD 2\nLPUSH 65535\nLOAD 10\nLPOP int\nSTORE 8",
        "LPOP": "LOAD 10\nLOAD 2\nLPUSH 65535\nLOAD 10\nLPOP int\nSTORE 8",
        "LCOPY": "LOAD 10\nLCOPY\nSTORE 10",
        "LNEW": "PUSHI 3\nLNEW int\nSTORE 10",
        "ENCODE": 'LOAD 2\nLOAD 7\nLOAD 3\nENCODE "(u256,bytes32,u256)"\nSTORE 9',
        "DECODE": 'LOAD 2\nLOAD 7\nLOAD 3\nENCODE "(u256,bytes32,u256)"\nDECODE "(u256,bytes32,u256)"\nSTORE 8\nSTORE 9\nSTORE 8',
        "SLOAD": "LOAD 7\nSLOAD\nSTORE 8",
        "SLOAD/cold": "LOAD 7\nLOAD 8\nBFROMI u64\nBCAT\nSLOAD\nLOAD 8\nPUSHI 1\nADD u64\nSTORE 8\nPOP",
        "SLOADB": "LOAD 7\nSLOADB\nSTORE 9",
        "SSTORE": "LOAD 7\nLOAD 2\nSSTORE",
        "SSTORE/create": "LOAD 7\nLOAD 8\nBFROMI u64\nBCAT\nLOAD 2\nSSTORE\nLOAD 8\nPUSHI 1\nADD u64\nSTORE 8",
        "SSTOREB": "LOAD 7\nLOAD 7\nSSTOREB",
        "CALLER": "CALLER\nSTORE 9",
        "SELF": "SELF\nSTORE 9",
        "CALLVALUE": "CALLVALUE\nSTORE 8",
        "HEIGHT": "HEIGHT\nSTORE 8",
        "TIMESTAMP": "TIMESTAMP\nSTORE 8",
        "CHAINID": "CHAINID\nSTORE 8",
        "GASLEFT": "GASLEFT\nSTORE 8",
        "BALANCE": "SELF\nBALANCE\nSTORE 8",
        "CODEHASH": "SELF\nCODEHASH\nSTORE 9",
        "LOG": f"PUSHC {TOPIC}\nPUSHC {TOPIC}\nPUSHC {TOPIC}\nLOAD 7\nLOG 3",
        "ICALL": "LOAD 2\nICALL id\nSTORE 8",
        "RET": "LOAD 2\nICALL id\nSTORE 8",
        "CALL": f"PUSHC 0x{helper}\nPUSHC {sel_leaf}\nPUSHC 0x\nPUSHI 0\nPUSHC 100000\nCALL\nSTORE 9\nSTORE 8",
        "SCALL": f"PUSHC 0x{helper}\nPUSHC {sel_leaf}\nPUSHC 0x\nPUSHC 100000\nSCALL\nSTORE 9\nSTORE 8",
        "TRANSFER": f"PUSHC 0x{helper}\nPUSHI 1\nTRANSFER",
        "REVERT": "LOAD 2\nJMPIF skip{n}\nLOAD 7\nREVERT\nskip{n}:",
        "JMP": "JMP j{n}\nj{n}:",
        "JMPIF": "LOAD 2\nJMPIF j{n}\nj{n}:",
        "JMPIFNOT": "LOAD 2\nJMPIFNOT j{n}\nj{n}:",
    }


HELPER_ASM = """
.function leaf external sig="leaf()" params=b returns=b
    LOAD 0
    RET
.end
"""


def _contract(snippet: str) -> str:
    body = []
    for n in range(REPEAT):
        body += [line.format(n=n) for line in snippet.splitlines()]
    indented = "\n".join(line if line.endswith(":") else "    " + line for line in body)
    return f"""
.function f external payable sig="f()" params=b locals={LOCALS} returns=b
    LOAD 0
    DECODE "{CALLDATA_TYPE}"
    STORE 7
    STORE 6
    STORE 5
    STORE 4
    STORE 3
    STORE 2
    STORE 1
    LOAD 2
    LOAD 3
    LOAD 7
    LMAKE 3
    STORE 10
loop:
    LOAD 1
    JMPIFNOT done
{indented}
    LOAD 1
    PUSHI 1
    SUB u64
    STORE 1
    JMP loop
done:
    PUSHI 0
    ENCODE "(u8)"
    RET
.end
.function id params=i returns=i
    LOAD 0
    RET
.end
"""


def _measure(op: str, snippet: str, iterations: int, runs: int) -> dict:
    state = MemoryState()
    sender = b"\x11" * 20
    state.set(account_key(sender), Account(0, 10**30).encode())
    helper = execute(Message(sender, None, 10**8, code=assemble_text(HELPER_ASM).serialize(), nonce=1), state).created
    code = assemble_text(_contract(snippet.replace("{helper}", helper.hex()))).serialize()
    contract = execute(Message(sender, None, 10**8, code=code, nonce=2), state).created
    state.set(account_key(contract), Account(1, 10**20, state.get(account_key(contract))[24:]).encode())
    env = BlockEnv(1, 1, 1)

    def message(n):
        data = encode(CALLDATA_TYPE, [n, A, B, E, C, BIG, KEY])
        return Message(sender, contract, 10**10, selector=selector("f()"), data=data)

    empty, full = message(0), message(iterations)
    # Check the answer before timing: the snippet must run to completion.
    for m in (empty, full):
        result = execute(m, state.copy(), env)
        if not result.success:
            raise RuntimeError(f"{op}: calibration contract failed: {result.status} {result.halt} {result.output!r}")
    gas = execute(full, state.copy(), env).gas_used - execute(empty, state.copy(), env).gas_used
    samples = []
    for _ in range(runs):
        s0, s1 = state.copy(), state.copy()
        t0 = time.perf_counter()
        execute(empty, s0, env)
        t1 = time.perf_counter()
        execute(full, s1, env)
        t2 = time.perf_counter()
        samples.append(((t2 - t1) - (t1 - t0)) * 1e9 / gas)
    return {"op": op, "ns_per_gas": statistics.median(samples), "gas": gas, "samples": samples}


def run(options: Options) -> list[Record]:
    iterations = 20 if options.quick else 60
    runs = 3 if options.quick else options.runs
    helper = "{helper}"
    rows = [_measure(op, snippet, iterations, runs) for op, snippet in _snippets(helper).items()]
    median = statistics.median(row["ns_per_gas"] for row in rows)
    worst = max(rows, key=lambda row: row["ns_per_gas"])
    cheapest = min(rows, key=lambda row: row["ns_per_gas"])
    print("\n## Gas calibration (translator engine, ns per gas unit at worst-case operands)\n")
    print("| instruction | ns/gas | gas per iteration | x median |")
    print("|---|---|---|---|")
    for row in sorted(rows, key=lambda r: -r["ns_per_gas"]):
        print(f"| {row['op']} | {row['ns_per_gas']:.2f} | {row['gas'] // iterations} | "
              f"{row['ns_per_gas'] / median:.2f} |")
    spread = worst["ns_per_gas"] / median
    print(f"\nmedian {median:.2f} ns/gas; max {worst['ns_per_gas']:.2f} ({worst['op']}); "
          f"min {cheapest['ns_per_gas']:.2f} ({cheapest['op']}); spread max/median = {spread:.2f}x (target < 4x)\n")
    records = [Record("vm", f"gas_calibration/{row['op']}", "hutong", iterations, row["ns_per_gas"] * 1e-9,
                      min(row["samples"]) * 1e-9, max(row["samples"]) * 1e-9, runs, None, row["gas"],
                      None, {"ns_per_gas": row["ns_per_gas"], "x_median": row["ns_per_gas"] / median})
               for row in rows]
    records.append(Record("vm", "gas_calibration/spread", "hutong", len(rows), 0, 0, 0, runs, None, None, None,
                          {"median_ns_per_gas": median, "max_op": worst["op"], "spread": spread}))
    return records


if __name__ == "__main__":
    run(Options())
