"""A hypothesis strategy for random *verified* programs.

Programs are built from stack-neutral statements (assignments, stores, logs,
ifs, bounded loops, internal and external calls, reverts) over expressions
that each push one value of a known kind, so every generated program passes
the verifier by construction (the assembler runs the verifier's analysis and
would raise if the generator were wrong). Expressions include the failing
cases too: overflowing arithmetic, out-of-bounds slices, list elements of the
wrong kind, writes in static calls, calls into a locked contract.
"""

from __future__ import annotations

from hypothesis import strategies as st

# Wide types and small constants dominate, so most programs run long enough to
# reach their later statements; boundaries still appear often.
INT_TYPES = ["u256", "u256", "i256", "i256", "u128", "i64", "u64", "u16", "u8", "i8"]
INTERESTING_INTS = [0, 1, 2, 3, 5, 7, 10, 100, 1000, -1, -7, 255, 256, -128, 127, 2**63, 2**64 - 1, 2**128,
                    2**255 - 1, 2**256 - 1, -2**255]
BYTES_CONSTANTS = ["0x", "0x00", "0x0102", "0x" + "ab" * 20, "0x" + "cd" * 32, '"hutong"', "0x" + "ef" * 70]
# Locals of the main function: l0 is the parameter (bytes).
MAIN_LOCALS = "iiibbll" + "iii"  # l1..l3 int, l4..l5 bytes, l6..l7 list, l8..l10 loop counters
INT_LOCALS, BYTES_LOCALS, LIST_LOCALS = [1, 2, 3], [0, 4, 5], [6, 7]
LOOP_COUNTERS = [8, 9, 10]
TOPIC = "0x" + "77" * 32


class Gen:
    def __init__(self, draw, with_calls: bool):
        self.draw = draw
        self.labels = 0
        self.with_calls = with_calls

    def label(self) -> str:
        self.labels += 1
        return f"L{self.labels}"

    def choice(self, options):
        return self.draw(st.sampled_from(options))

    # --- expressions: each returns lines that push exactly one value ----------------

    def expr(self, kind: str, depth: int) -> list[str]:
        return {"i": self.int_expr, "b": self.bytes_expr, "l": self.list_expr}[kind](depth)

    def int_expr(self, depth: int) -> list[str]:
        leaf = ["pushi", "pushc", "load", "env"]
        inner = ["arith", "arith", "unary", "compare", "compare", "lnot", "blen", "bget", "llen", "sload", "sload",
                 "minmax", "lget", "btoi", "balance"]
        kind = self.choice(leaf if depth <= 0 else leaf + inner)
        if kind == "pushi":
            return [f"PUSHI {self.draw(st.integers(-128, 127))}"]
        if kind == "pushc":
            return [f"PUSHC {self.choice(INTERESTING_INTS)}"]
        if kind == "load":
            return [f"LOAD {self.choice(INT_LOCALS)}"]
        if kind == "env":
            return [self.choice(["HEIGHT", "TIMESTAMP", "CHAINID", "CALLVALUE", "GASLEFT"])]
        if kind == "arith":
            op = self.choice(["ADD", "ADD", "SUB", "MUL", "MUL", "DIV", "MOD", "MOD", "EXP", "SHL", "SHR"])
            return self.int_expr(depth - 1) + self.int_expr(depth - 1) + [f"{op} {self.choice(INT_TYPES)}"]
        if kind == "unary":
            op = self.choice(["NEG", "CAST", "NOT"])
            return self.int_expr(depth - 1) + [f"{op} {self.choice(INT_TYPES)}"]
        if kind == "compare":
            op = self.choice(["LT", "GT", "LE", "GE", "EQ", "NE", "AND", "OR", "XOR"])
            return self.int_expr(depth - 1) + self.int_expr(depth - 1) + [op]
        if kind == "minmax":
            return self.int_expr(depth - 1) + self.int_expr(depth - 1) + [self.choice(["MIN", "MAX"])]
        if kind == "lnot":
            return self.int_expr(depth - 1) + ["LNOT"]
        if kind == "blen":
            return self.bytes_expr(depth - 1) + ["BLEN"]
        if kind == "bget":
            return self.bytes_expr(depth - 1) + self.index(depth - 1) + ["BGET"]
        if kind == "btoi":
            return self.bytes_expr(depth - 1) + [f"BTOI {self.choice(INT_TYPES)}"]
        if kind == "llen":
            return self.list_expr(depth - 1) + ["LLEN"]
        if kind == "lget":
            return self.list_expr(depth - 1) + self.index(depth - 1) + ["LGET int"]
        if kind == "balance":
            return self.bytes_expr(depth - 1) + ["BALANCE"]
        return self.storage_key(depth - 1) + ["SLOAD"]

    def index(self, depth: int) -> list[str]:
        """Mostly small indexes, so element reads usually succeed."""
        if self.draw(st.integers(0, 3)):
            return [f"PUSHI {self.draw(st.integers(0, 3))}"]
        return self.int_expr(depth)

    def storage_key(self, depth: int) -> list[str]:
        if self.draw(st.booleans()):
            return [f"PUSHC 0x{self.choice(['01', '02', '0300', '04' * 8])}"]
        return self.bytes_expr(depth)

    def bytes_expr(self, depth: int) -> list[str]:
        leaf = ["pushc", "load", "env"]
        inner = ["bcat", "bslice", "hash", "bfromi", "sloadb", "encode", "lgetb", "codehash"]
        kind = self.choice(leaf if depth <= 0 else leaf + inner)
        if kind == "pushc":
            return [f"PUSHC {self.choice(BYTES_CONSTANTS)}"]
        if kind == "load":
            return [f"LOAD {self.choice(BYTES_LOCALS)}"]
        if kind == "env":
            return [self.choice(["CALLER", "SELF"])]
        if kind == "bcat":
            return self.bytes_expr(depth - 1) + self.bytes_expr(depth - 1) + ["BCAT"]
        if kind == "bslice":
            return self.bytes_expr(depth - 1) + self.index(depth - 1) + self.index(depth - 1) + ["BSLICE"]
        if kind == "hash":
            return self.bytes_expr(depth - 1) + [self.choice(["SHA256", "SHA3", "SM3"])]
        if kind == "bfromi":
            return self.int_expr(depth - 1) + [f"BFROMI {self.choice(INT_TYPES)}"]
        if kind == "sloadb":
            return self.storage_key(depth - 1) + ["SLOADB"]
        if kind == "lgetb":
            return self.list_expr(depth - 1) + self.index(depth - 1) + ["LGET bytes"]
        if kind == "codehash":
            return self.bytes_expr(depth - 1) + ["CODEHASH"]
        return self.int_expr(depth - 1) + self.bytes_expr(depth - 1) + ['ENCODE "(u64,bytes<=40)"']

    def list_expr(self, depth: int) -> list[str]:
        kind = self.choice(["load", "make", "new", "copy"] if depth > 0 else ["load"])
        if kind == "load":
            return [f"LOAD {self.choice(LIST_LOCALS)}"]
        if kind == "make":
            n = self.draw(st.integers(0, 3))
            lines = []
            for _ in range(n):
                lines += self.expr(self.choice("ib"), depth - 1)
            return lines + [f"LMAKE {n}"]
        if kind == "new":
            return self.int_expr(depth - 1) + [f"LNEW {self.choice(['int', 'bytes'])}"]
        return self.list_expr(depth - 1) + ["LCOPY"]

    # --- statements: each leaves the stack as it found it ----------------------------------

    def block(self, depth: int, count: int) -> list[str]:
        lines = []
        for _ in range(self.draw(st.integers(1, count))):
            lines += self.statement(depth)
        return lines

    def statement(self, depth: int) -> list[str]:
        kinds = ["assign", "assign", "sstore", "log", "lpush", "lset"]
        if depth > 0:
            kinds += ["if", "loop"]
        if self.with_calls:
            kinds += ["icall", "call"]
        kinds.append("revert")
        kind = self.choice(kinds)
        e = 2
        if kind == "assign":
            local_kind = self.choice("iibl")
            local = self.choice({"i": INT_LOCALS, "b": BYTES_LOCALS[1:], "l": LIST_LOCALS}[local_kind])
            return self.expr(local_kind, e) + [f"STORE {local}"]
        if kind == "sstore":
            if self.draw(st.booleans()):
                return self.storage_key(1) + self.int_expr(e) + ["SSTORE"]
            return self.storage_key(1) + self.bytes_expr(e) + ["SSTOREB"]
        if kind == "log":
            topics = self.draw(st.integers(0, 3))
            lines = []
            for _ in range(topics):
                lines += [f"PUSHC {TOPIC}"] if self.draw(st.booleans()) else self.bytes_expr(1) + ["SHA3"]
            return lines + self.bytes_expr(e) + [f"LOG {topics}"]
        if kind == "lpush":
            return self.list_expr(1) + self.expr(self.choice("ib"), e) + [f"LPUSH {self.draw(st.integers(1, 6))}"]
        if kind == "lset":
            return self.list_expr(1) + self.index(1) + self.expr(self.choice("ib"), e) + ["LSET"]
        if kind == "revert":
            if self.draw(st.integers(0, 4)) == 0:
                return self.bytes_expr(1) + ["REVERT"]
            return self.statement(depth)
        if kind == "if":
            else_label, end_label = self.label(), self.label()
            return (self.int_expr(e) + [f"JMPIFNOT {else_label}"] + self.block(depth - 1, 3)
                    + [f"JMP {end_label}", f"{else_label}:"] + self.block(depth - 1, 2) + [f"{end_label}:"])
        if kind == "loop":
            counter = LOOP_COUNTERS[depth % len(LOOP_COUNTERS)]
            head, end = self.label(), self.label()
            return ([f"PUSHI {self.draw(st.integers(0, 4))}", f"STORE {counter}", f"{head}:", f"LOAD {counter}",
                     "PUSHI 0", "GT", f"JMPIFNOT {end}"] + self.block(depth - 1, 3)
                    + [f"LOAD {counter}", "PUSHI 1", "SUB u8", f"STORE {counter}", f"JMP {head}", f"{end}:"])
        if kind == "icall":
            return self.bytes_expr(1) + self.int_expr(1) + ["ICALL helper", "STORE 4", "STORE 1"]
        # An external call to this contract: g is reentrant; f is locked (fails with Reentrancy).
        target = self.choice(["g", "f", "nowhere"])
        sig = {"g": "0x" + G_SELECTOR, "f": "0x" + F_SELECTOR, "nowhere": "0x00000001"}[target]
        address = ["SELF"] if target != "nowhere" else ["PUSHC 0x" + "99" * 20]
        if self.draw(st.booleans()):
            lines = address + [f"PUSHC {sig}"] + self.bytes_expr(1) + self.int_expr(1) + ["PUSHC 200000", "CALL"]
        else:
            lines = address + [f"PUSHC {sig}"] + self.bytes_expr(1) + ["PUSHC 200000", "SCALL"]
        return lines + ["STORE 5", "STORE 2"]


from vm.container import selector  # noqa: E402

F_SELECTOR = selector("f()").hex()
G_SELECTOR = selector("g()").hex()


@st.composite
def programs(draw, with_calls: bool = True) -> str:
    gen = Gen(draw, with_calls)
    body = gen.block(2, 5)
    helper_gen = Gen(draw, with_calls=False)
    helper_body = helper_gen.block(1, 3)
    g_body = Gen(draw, with_calls=False).block(1, 3)
    return "\n".join([
        f'.function f external payable sig="f()" params=b locals={MAIN_LOCALS} returns=b',
        *body,
        "    LOAD 1", "    LOAD 4", '    ENCODE "(i256,bytes<=2000)"', "    RET",
        ".end",
        f'.function g external reentrant sig="g()" params=b locals={MAIN_LOCALS} returns=b',
        *g_body,
        "    LOAD 4", '    ENCODE "(bytes<=2000)"', "    RET",
        ".end",
        f".function helper params=bi locals={MAIN_LOCALS[1:]} returns=ib",
        *["    " + line for line in helper_body],
        "    LOAD 2", "    LOAD 5", "    RET",
        ".end",
    ])
