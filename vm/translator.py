"""The translating engine: each verified function becomes one Python generator.

Why this is fast. The verifier already knows the stack height and kinds at
every instruction, so the translator gives each stack depth its own Python
local variable (`s0`, `s1`, ...) and each local slot one too (`l0`, ...).
No list, no dispatch per instruction, no runtime kind checks the verifier
proved unnecessary: `LOAD 0; PUSHI 1; ADD u256; STORE 0` becomes

    s0 = l0 + 1
    if s0 >> 256: raise Revert(OVERFLOW, pc)
    l0 = s0

Values that are only a local, a constant or a comparison of those stay
symbolic until used (so `LOAD`/`PUSHI` cost nothing and `LT; JMPIFNOT`
becomes one `if`). Static gas is charged once per basic block, as the
reference engine does.

Control flow. Blocks are grouped into segments, one per jump target: a
segment runs from its target through every block reached only by falling
through. A dispatch loop (`while True: if b == ...`) picks the segment;
a segment that jumps back to its own start is wrapped in its own
`while True`, so a simple loop never goes through the dispatcher.

Safety. Generated source contains only names we make and literals of ints
and byte strings (via repr), never text from the container. Functions are
translated lazily, on first call, and cached on the verified program.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import abi
from . import constants as C
from . import runtime as R
from .errors import (
    HALT_BYTES_TOO_LONG, HALT_LIST_KIND, HALT_STATIC_WRITE, HALT_STORAGE_KEY, HALT_STORAGE_VALUE,
    ExceptionalHalt, OutOfGas,
    Revert,
)
from .machine import CALL, ICALL, RET, Frame
from .opcodes import NUMTYPES, NumType
from .verifier import Instr, Program, VerifiedFunction

MAX_INLINE_BYTES = 64
DEFAULT_LOCAL = {"i": "0", "b": "b''", "l": "[]"}


@dataclass
class Entry:
    """One stack slot during translation: canonical (value in s<depth>) or a
    pending expression over locals and literals only."""

    expr: str | None = None       # None: the value is in s<depth>
    refs: frozenset = frozenset()  # local names the expression reads
    is_cmp: bool = False           # a Python bool expression (materialized as 1/0)


CANONICAL = Entry()


def _is_literal(expr: str) -> bool:
    return expr.lstrip("-").isdigit() or expr.startswith(("b'", 'b"'))


def _literal_value(expr: str):
    import ast
    return ast.literal_eval(expr)


def _range_check(t: NumType, var: str, pc: int) -> str:
    if t.signed:
        return f"if ({var} + {1 << (t.bits - 1)}) >> {t.bits}: raise _Revert(_OVF, {pc})"
    return f"if {var} >> {t.bits}: raise _Revert(_OVF, {pc})"


class _LeafStub:
    """Translates a leaf function on its first call, then replaces itself."""

    __slots__ = ("program", "index", "fn")

    def __init__(self, program: Program, index: int):
        self.program, self.index, self.fn = program, index, None

    def __call__(self, ctx, gas, *args):
        fn = self.fn
        if fn is None:
            fn = self.fn = leaf_function(self.program, self.index)
        return fn(ctx, gas, *args)


def leaf_function(program: Program, index: int):
    key = ("leaf", index)
    fn = program.cache.get(key)
    if fn is None:
        fn = program.cache[key] = translate_function(program, index, leaf=True)[1]
    return fn


class FunctionTranslator:
    def __init__(self, program: Program, vf: VerifiedFunction, leaf: bool = False):
        self.program = program
        self.vf = vf
        self.leaf = leaf
        self.constants = program.container.constants
        self.lines: list[str] = []
        self.indent = 0
        self.sym: list[Entry] = []
        self.globals: dict[str, object] = {}
        self.segment_start = -1
        self.segment_loops = False
        self.uses_storage = False

    # --- emission helpers -------------------------------------------------------

    def emit(self, line: str) -> None:
        self.lines.append("    " * self.indent + line)

    def slot(self, depth: int) -> str:
        return f"s{depth}"

    def materialize(self, depth: int) -> None:
        entry = self.sym[depth]
        if entry.expr is None:
            return
        if entry.is_cmp:
            self.emit(f"s{depth} = 1 if {entry.expr} else 0")
        else:
            self.emit(f"s{depth} = {entry.expr}")
        self.sym[depth] = CANONICAL

    def flush(self) -> None:
        for depth in range(len(self.sym)):
            self.materialize(depth)

    def operand(self, entry: Entry, depth: int) -> str:
        if entry.expr is None:
            return f"s{depth}"
        if entry.is_cmp:
            return f"(1 if {entry.expr} else 0)"
        return entry.expr

    def pop(self) -> tuple[str, Entry, int]:
        depth = len(self.sym) - 1
        entry = self.sym.pop()
        return self.operand(entry, depth), entry, depth

    def pop_n(self, n: int) -> list[str]:
        values = [self.pop()[0] for _ in range(n)]
        values.reverse()
        return values

    def push_pending(self, expr: str, refs=frozenset(), is_cmp=False) -> None:
        self.sym.append(Entry(expr, frozenset(refs), is_cmp))

    def push_result(self) -> str:
        """Reserve the next depth for a value computed now; returns its variable."""
        depth = len(self.sym)
        self.sym.append(CANONICAL)
        return f"s{depth}"

    def literal(self, value) -> str:
        if isinstance(value, int) or len(value) <= MAX_INLINE_BYTES:
            return repr(value)
        return f"_K[{self.constants.index(value)}]"

    def gas_charge(self, expr: str, pc: int) -> None:
        self.emit(f"gas -= {expr}")
        self.emit(f"if gas < 0: raise _OOG({pc})")

    def charge_words(self, words: str, pc: int, extra: str | None = None, max_bytes: str | None = None) -> None:
        """Inline memory gas (runtime.memory_words/memory_cost, same formula):
        charge for `words` more words, then grow the transaction's allocation
        (only once the charge has succeeded)."""
        if max_bytes is not None:
            self.emit(f"if {max_bytes} > {C.MAX_BYTES}: raise _Halt(_TOO_LONG, {pc})")
        self.emit(f"_w = {words}")
        self.emit("_a = tx.mem; _b = _a + _w")
        extra = f"{extra} + " if extra else ""
        self.emit(f"gas -= {extra}{C.MEMORY_LINEAR} * _w + _b * _b // {C.MEMORY_QUADRATIC_DIVISOR}"
                  f" - _a * _a // {C.MEMORY_QUADRATIC_DIVISOR}")
        self.emit(f"if gas < 0: raise _OOG({pc})")
        self.emit("tx.mem = _b")

    def bind(self, name: str, value) -> str:
        self.globals[name] = value
        return name

    # --- control flow --------------------------------------------------------------

    def transition(self, target: int) -> None:
        if target == self.segment_start and self.segment_loops:
            self.emit("continue")
        elif self.segment_loops:
            self.emit(f"b = {target}; break")
        else:
            self.emit(f"b = {target}; continue")

    # --- translation -------------------------------------------------------------------

    def translate(self):
        vf = self.vf
        fn = vf.function
        params = [f"l{i}" for i in range(len(fn.params))]
        name = f"f{vf.index}"
        targets = {fn.entry}
        for instr in vf.instrs.values():
            if instr.op.ends_block in ("jump", "branch") and instr.pc in vf.stack_in:
                targets.add(instr.args[0])
        leaders = sorted(vf.blocks)
        segments: list[list[int]] = []
        for leader in leaders:
            if leader in targets or not segments:
                segments.append([leader])
            else:
                segments[-1].append(leader)

        self.emit(f"def {name}(ctx, gas{''.join(', ' + p for p in params)}):")
        self.indent += 1
        for i, kind in enumerate(fn.locals, start=len(fn.params)):
            self.emit(f"l{i} = {DEFAULT_LOCAL[kind]}")
        self.emit("tx = ctx.tx")
        if not self.leaf:
            self.emit("if False: yield  # a generator even when every path reverts")
        prologue = len(self.lines)
        self.emit("try:")
        self.indent += 1
        if len(segments) == 1:
            self.emit_segment(segments[0], dispatched=False)
        else:
            self.emit(f"b = {fn.entry}")
            self.emit("while True:")
            self.indent += 1
            self.emit_dispatch(segments)
            self.indent -= 1
        self.indent -= 1
        self.emit("except _Revert as _e:")
        self.emit("    if _e.gas_left is None: _e.gas_left = gas")
        self.emit("    raise")
        self.indent -= 1
        if self.uses_storage:
            self.lines.insert(prologue, "    warm = tx.warm; sget = tx.state.get; sset = tx.state.set; "
                                        "orig = tx.original; sprefix = ctx.storage_prefix")
        return name, "\n".join(self.lines)

    def emit_dispatch(self, segments: list[list[int]]) -> None:
        if len(segments) <= 6:
            for i, segment in enumerate(segments):
                self.emit(f"{'if' if i == 0 else 'elif'} b == {segment[0]}:")
                self.indent += 1
                self.emit_segment(segment, dispatched=True)
                self.indent -= 1
            return
        middle = len(segments) // 2
        self.emit(f"if b < {segments[middle][0]}:")
        self.indent += 1
        self.emit_dispatch(segments[:middle])
        self.indent -= 1
        self.emit("else:")
        self.indent += 1
        self.emit_dispatch(segments[middle:])
        self.indent -= 1

    def emit_segment(self, blocks: list[int], dispatched: bool) -> None:
        vf = self.vf
        start = blocks[0]
        self.segment_start = start
        loops = any(
            vf.instrs[pc].op.ends_block in ("jump", "branch") and vf.instrs[pc].args[0] == start
            for block in blocks for pc in vf.blocks[block]
        )
        self.segment_loops = loops or not dispatched
        if self.segment_loops:
            self.emit("while True:")
            self.indent += 1
        self.sym = [CANONICAL] * len(vf.stack_in[start])
        for index, leader in enumerate(blocks):
            self.gas_charge(str(vf.block_gas[leader]), leader)
            pcs = vf.blocks[leader]
            for pc in pcs:
                self.translate_instr(vf.instrs[pc])
            last = vf.instrs[pcs[-1]]
            if last.op.ends_block is None:
                # Falls into the next leader.
                following = last.next_pc
                if index + 1 < len(blocks) and blocks[index + 1] == following:
                    continue
                self.flush()
                self.transition(following)
            elif last.op.ends_block == "branch" and not (index + 1 < len(blocks) and blocks[index + 1] == last.next_pc):
                self.flush()
                self.transition(last.next_pc)
        if self.segment_loops:
            self.indent -= 1

    def translate_instr(self, ins: Instr) -> None:
        getattr(self, f"t_{ins.op.name}")(ins)

    # --- constants, stack, locals ----------------------------------------------------

    def t_NOP(self, ins):
        pass

    def t_PUSHI(self, ins):
        self.push_pending(repr(ins.args[0]))

    def t_PUSHC(self, ins):
        self.push_pending(self.literal(self.constants[ins.args[0]]))

    def t_POP(self, ins):
        self.sym.pop()

    def t_DUP(self, ins):
        depth = len(self.sym) - 1 - ins.args[0]
        entry = self.sym[depth]
        if entry.expr is None:
            self.emit(f"{self.push_result()} = s{depth}")
        else:
            self.sym.append(entry)

    def t_SWAP(self, ins):
        top = len(self.sym) - 1
        other = top - ins.args[0]
        a, b = self.sym[top], self.sym[other]
        if a.expr is not None and b.expr is not None:
            self.sym[top], self.sym[other] = b, a
            return
        self.materialize(top)
        self.materialize(other)
        self.emit(f"s{top}, s{other} = s{other}, s{top}")

    def t_LOAD(self, ins):
        name = f"l{ins.args[0]}"
        self.push_pending(name, {name})

    def t_STORE(self, ins):
        name = f"l{ins.args[0]}"
        value, _, _ = self.pop()
        for depth, entry in enumerate(self.sym):
            if name in entry.refs:
                self.materialize(depth)
        self.emit(f"{name} = {value}")

    # --- arithmetic --------------------------------------------------------------------------

    def _arith(self, ins, template: str, check: bool = True):
        t = NUMTYPES[ins.args[0]]
        b = self.pop()[0]
        a = self.pop()[0]
        var = self.push_result()
        self.emit(f"{var} = {template.format(a=a, b=b)}")
        if check:
            self.emit(_range_check(t, var, ins.pc))

    def t_ADD(self, ins):
        self._arith(ins, "{a} + {b}")

    def t_SUB(self, ins):
        self._arith(ins, "{a} - {b}")

    def t_MUL(self, ins):
        self._arith(ins, "{a} * {b}")

    def _divisor(self, ins, template: str, always_in_range: bool):
        t = NUMTYPES[ins.args[0]]
        b_expr, b_entry, _ = self.pop()
        a = self.pop()[0]
        literal_divisor = b_entry.expr is not None and not b_entry.refs and not b_entry.is_cmp \
            and b_entry.expr.lstrip("-").isdigit()
        if literal_divisor and int(b_expr) == 0:
            self.emit(f"raise _Revert(_DIV0, {ins.pc})")
            self.push_result()
            return
        if not literal_divisor:
            self.emit(f"if {b_expr} == 0: raise _Revert(_DIV0, {ins.pc})")
        var = self.push_result()
        self.emit(f"{var} = {template.format(a=a, b=b_expr)}")
        divisor_ok = literal_divisor and 0 < int(b_expr) <= t.hi + 1
        if not (always_in_range and divisor_ok and not t.signed):
            self.emit(_range_check(t, var, ins.pc))

    def t_DIV(self, ins):
        self._divisor(ins, "{a} // {b}", always_in_range=False)

    def t_MOD(self, ins):
        self._divisor(ins, "{a} % {b}", always_in_range=True)

    def t_EXP(self, ins):
        t = self.bind(f"_T{ins.args[0]}", NUMTYPES[ins.args[0]])
        b, a = self.pop()[0], self.pop()[0]
        var = self.push_result()
        self.emit(f"_x = {b}")
        self.gas_charge("_exp_cost(_x)", ins.pc)
        self.emit(f"{var} = _exp({t}, {a}, _x, {ins.pc})")

    def t_NEG(self, ins):
        a = self.pop()[0]
        var = self.push_result()
        self.emit(f"{var} = -{a}")
        self.emit(_range_check(NUMTYPES[ins.args[0]], var, ins.pc))

    def t_CAST(self, ins):
        a = self.pop()[0]
        var = self.push_result()
        self.emit(f"{var} = {a}")
        self.emit(_range_check(NUMTYPES[ins.args[0]], var, ins.pc))

    def t_MULDIV(self, ins):
        t = NUMTYPES[ins.args[0]]
        c, b, a = self.pop()[0], self.pop()[0], self.pop()[0]
        var = self.push_result()
        self.emit(f"_x = {a}; _y = {b}; _z = {c}")
        self.emit(f"if _z == 0: raise _Revert(_DIV0, {ins.pc})")
        self.emit(f"{var} = _x * _y // _z")
        self.emit(_range_check(t, var, ins.pc))

    def t_NOT(self, ins):
        t = NUMTYPES[ins.args[0]]
        a = self.pop()[0]
        var = self.push_result()
        self.emit(f"{var} = ~{a}" if t.signed else f"{var} = {t.hi} - {a}")
        self.emit(_range_check(t, var, ins.pc))

    def _shift(self, ins, op: str):
        t = NUMTYPES[ins.args[0]]
        b, a = self.pop()[0], self.pop()[0]
        var = self.push_result()
        self.emit(f"_x = {a}; _n = {b}")
        self.emit(f"if not 0 <= _n <= 256: raise _Revert(_OVF, {ins.pc})")
        self.emit(f"{var} = _x {op} _n")
        self.emit(_range_check(t, var, ins.pc))

    def t_SHL(self, ins):
        self._shift(ins, "<<")

    def t_SHR(self, ins):
        self._shift(ins, ">>")

    def _select(self, op: str):
        b, a = self.pop()[0], self.pop()[0]
        var = self.push_result()
        self.emit(f"_x = {a}; _y = {b}")
        self.emit(f"{var} = _x if _x {op} _y else _y")

    def t_MIN(self, ins):
        self._select("<=")

    def t_MAX(self, ins):
        self._select(">=")

    # --- comparison and logic ------------------------------------------------------------------

    def _compare(self, op: str):
        b_expr, b_entry, _ = self.pop()
        a_expr, a_entry, _ = self.pop()
        if a_entry.expr is not None and b_entry.expr is not None and not a_entry.is_cmp and not b_entry.is_cmp:
            self.push_pending(f"({a_expr} {op} {b_expr})", a_entry.refs | b_entry.refs, is_cmp=True)
        else:
            self.emit(f"{self.push_result()} = 1 if {a_expr} {op} {b_expr} else 0")

    def t_LT(self, ins):
        self._compare("<")

    def t_GT(self, ins):
        self._compare(">")

    def t_LE(self, ins):
        self._compare("<=")

    def t_GE(self, ins):
        self._compare(">=")

    def t_EQ(self, ins):
        self._compare("==")

    def t_NE(self, ins):
        self._compare("!=")

    def t_LNOT(self, ins):
        depth = len(self.sym) - 1
        entry = self.sym[depth]
        if entry.expr is not None and entry.is_cmp:
            self.sym[depth] = Entry(f"(not {entry.expr})", entry.refs, True)
            return
        if entry.expr is not None:
            self.sym[depth] = Entry(f"({entry.expr} == 0)", entry.refs, True)
            return
        self.sym.pop()
        self.emit(f"{self.push_result()} = 1 if s{depth} == 0 else 0")

    def _bitwise(self, op: str):
        b, a = self.pop()[0], self.pop()[0]
        self.emit(f"{self.push_result()} = {a} {op} {b}")

    def t_AND(self, ins):
        self._bitwise("&")

    def t_OR(self, ins):
        self._bitwise("|")

    def t_XOR(self, ins):
        self._bitwise("^")

    # --- byte strings and hashing -----------------------------------------------------------------

    def t_BLEN(self, ins):
        a = self.pop()[0]
        self.emit(f"{self.push_result()} = len({a})")

    def t_BCAT(self, ins):
        b, a = self.pop()[0], self.pop()[0]
        var = self.push_result()
        self.emit(f"_x = {a}; _y = {b}; _n = len(_x) + len(_y)")
        self.charge_words("(_n + 31) >> 5", ins.pc, max_bytes="_n")
        self.emit(f"{var} = _x + _y")

    def t_BSLICE(self, ins):
        length, start, b = self.pop()[0], self.pop()[0], self.pop()[0]
        var = self.push_result()
        self.emit(f"_x = {b}; _i = {start}; _n = {length}")
        self.emit(f"if _i < 0 or _n < 0 or _i + _n > len(_x): raise _Revert(_IOOB, {ins.pc})")
        self.emit(f"{var} = _x[_i:_i + _n]")
        self.charge_words(f"(_n + 31) >> 5", ins.pc)

    def t_BGET(self, ins):
        i, b = self.pop()[0], self.pop()[0]
        var = self.push_result()
        self.emit(f"_x = {b}; _i = {i}")
        self.emit(f"if not 0 <= _i < len(_x): raise _Revert(_IOOB, {ins.pc})")
        self.emit(f"{var} = _x[_i]")

    def t_BFROMI(self, ins):
        t = NUMTYPES[ins.args[0]]
        a = self.pop()[0]
        var = self.push_result()
        self.emit(f"_x = {a}")
        self.emit(_range_check(t, "_x", ins.pc))
        self.emit(f"{var} = _x.to_bytes({t.bits // 8}, 'big'{', signed=True' if t.signed else ''})")

    def t_BTOI(self, ins):
        t = NUMTYPES[ins.args[0]]
        a = self.pop()[0]
        var = self.push_result()
        self.emit(f"_x = {a}")
        self.emit(f"if len(_x) > {t.bits // 8}: raise _Revert(_OVF, {ins.pc})")
        if t.signed:
            self.emit(f"{var} = int.from_bytes(_x.rjust({t.bits // 8}, b'\\x00'), 'big', signed=True)")
        else:
            self.emit(f"{var} = int.from_bytes(_x, 'big')")

    def _hash(self, ins, name: str, fn: str):
        a = self.pop()[0]
        var = self.push_result()
        self.emit(f"_x = {a}")
        self.gas_charge(f"{C.HASH_WORD[name]} * ((len(_x) + 31) >> 5)", ins.pc)
        self.emit(f"{var} = {fn}(_x)")

    def t_SHA256(self, ins):
        self._hash(ins, "SHA256", "_sha256")

    def t_SHA3(self, ins):
        self._hash(ins, "SHA3", "_sha3")

    def t_SM3(self, ins):
        self._hash(ins, "SM3", "_sm3")

    # --- lists -----------------------------------------------------------------------------------------

    def t_LMAKE(self, ins):
        n = ins.args[0]
        values = self.pop_n(n)
        var = self.push_result()
        self.charge_words(str(n), ins.pc)
        self.emit(f"{var} = [{', '.join(values)}]")

    def t_LGET(self, ins):
        i, lst = self.pop()[0], self.pop()[0]
        var = self.push_result()
        kind = ("int", "bytes", "list")[ins.args[0]]
        self.emit(f"_x = {lst}; _i = {i}")
        self.emit(f"if not 0 <= _i < len(_x): raise _Revert(_IOOB, {ins.pc})")
        self.emit(f"{var} = _x[_i]")
        self.emit(f"if {var}.__class__ is not {kind}: raise _Halt(_KIND, {ins.pc})")

    def t_LSET(self, ins):
        value, i, lst = self.pop()[0], self.pop()[0], self.pop()[0]
        self.emit(f"_lset({lst}, {i}, {value}, {ins.pc})")

    def t_LLEN(self, ins):
        a = self.pop()[0]
        self.emit(f"{self.push_result()} = len({a})")

    def t_LPUSH(self, ins):
        value, lst = self.pop()[0], self.pop()[0]
        self.emit(f"_x = {lst}; _y = {value}")
        self.charge_words("1", ins.pc)
        self.emit(f"_lpush(_x, _y, {ins.args[0]}, {ins.pc})")

    def t_LPOP(self, ins):
        a = self.pop()[0]
        self.emit(f"{self.push_result()} = _lpop({a}, {ins.args[0]}, {ins.pc})")

    def t_LCOPY(self, ins):
        a = self.pop()[0]
        var = self.push_result()
        self.emit(f"_x = {a}; _n = _count(_x, gas // {C.COPY_ELEMENT}, {ins.pc})")
        self.charge_words("_n", ins.pc, extra=f"{C.COPY_ELEMENT} * _n")
        self.emit(f"{var} = _deep_copy(_x)")

    def t_LNEW(self, ins):
        a = self.pop()[0]
        var = self.push_result()
        self.emit(f"_n = _list_count({a}, {ins.pc})")
        self.charge_words("_n", ins.pc)
        self.emit(f"{var} = _lnew(_n, {ins.args[0]})")

    # --- canonical encoding ------------------------------------------------------------------------------

    def t_ENCODE(self, ins):
        codec = abi.codec(self.constants[ins.args[0]].decode("ascii"))
        encoder = self.bind(f"_enc{ins.args[0]}", codec.encode_fields)
        n = len(codec.type.fields)
        entries = self.sym[len(self.sym) - n:] if n else []
        folded = None
        if all(e.expr is not None and not e.refs and not e.is_cmp and _is_literal(e.expr) for e in entries):
            try:
                folded = codec.encode_fields(*[_literal_value(e.expr) for e in entries])
            except abi.AbiError:
                folded = None
        values = self.pop_n(n)
        var = self.push_result()
        if folded is not None and len(folded) <= MAX_INLINE_BYTES:
            self.emit(f"_x = {folded!r}")
        else:
            visits = "gas" if C.CODEC_VISIT == 1 else f"gas // {C.CODEC_VISIT}"
            self.emit(f"try: _x = {encoder}({''.join(v + ', ' for v in values)}visits={visits}, size={C.MAX_BYTES})")
            self.emit(f"except _AbiError: raise _Revert(_ABI_ENC, {ins.pc}) from None")
            self.emit(f"except _EncVisits: raise _OOG({ins.pc}) from None")
            self.emit(f"except _EncSize: raise _Halt(_TOO_LONG, {ins.pc}) from None")
        self.emit("_n = len(_x)")
        self.charge_words("(_n + 31) >> 5", ins.pc, extra=f"{C.CODEC_WORD} * ((_n + 31) >> 5)", max_bytes="_n")
        self.emit(f"{var} = _x")

    def t_DECODE(self, ins):
        codec = abi.codec(self.constants[ins.args[0]].decode("ascii"))
        decoder = self.bind(f"_dec{ins.args[0]}", codec.decode_fields)
        a = self.pop()[0]
        self.emit(f"_x = {a}")
        self.emit(f"try: _f, _n = {decoder}(_x)")
        self.emit(f"except _AbiError: raise _Revert(_ABI_DEC, {ins.pc}) from None")
        self.emit("_m = (len(_x) + 31) >> 5")
        self.charge_words("_m + _n", ins.pc, extra=f"{C.CODEC_WORD} * _m", max_bytes="len(_x)")
        names = [self.push_result() for _ in codec.type.fields]
        if names:
            self.emit(f"{', '.join(names)}, = _f")

    # --- storage and environment --------------------------------------------------------------------------

    def _load(self, ins, fn: str):
        key = self.pop()[0]
        var = self.push_result()
        self.emit(f"{var}, _c = {fn}(ctx, {key}, {ins.pc})")
        self.gas_charge("_c", ins.pc)

    def _storage_key(self, ins, charge: bool = True) -> None:
        """Inline runtime.storage_access: the full key in _k and its warm/cold
        gas charged (or, with charge=False, left in _c)."""
        self.uses_storage = True
        key = self.pop()[0]
        self.emit(f"_k = {key}")
        self.emit(f"if len(_k) > {C.MAX_STORAGE_KEY}: raise _Halt(_SKEY, {ins.pc})")
        self.emit("_k = sprefix + _k")
        target = "gas -=" if charge else "_c ="
        self.emit(f"if _k in warm: {target} {C.STORAGE_WARM}")
        self.emit(f"else: warm.add(_k); {target} {C.STORAGE_COLD}")
        if charge:
            self.emit(f"if gas < 0: raise _OOG({ins.pc})")

    def t_SLOAD(self, ins):
        self._storage_key(ins)
        var = self.push_result()
        self.emit("_v = sget(_k)")
        self.emit(f"if not _v: {var} = 0")
        self.emit(f"elif len(_v) > {C.MAX_STORAGE_INT_BYTES}: raise _Halt(_SVAL, {ins.pc})")
        self.emit(f"else: {var} = int.from_bytes(_v, 'big', signed=True)")

    def t_SLOADB(self, ins):
        self._storage_key(ins)
        var = self.push_result()
        self.emit(f"{var} = sget(_k) or b''")
        self.charge_words(f"(len({var}) + 31) >> 5", ins.pc, max_bytes=f"len({var})")

    def _sstore(self, ins, encode: str):
        """Inline runtime.sstore (same checks, same order, same gas)."""
        self.uses_storage = True
        value = self.pop()[0]
        self.emit(f"if ctx.static: raise _Halt(_STATIC, {ins.pc})")
        self._storage_key(ins, charge=False)
        self.emit(f"_v = {value}")
        self.emit(f"_v = {encode}")
        self.emit("_o = sget(_k)")
        self.emit("if _k not in orig: orig[_k] = _o")
        self.emit("sset(_k, _v)")
        self.emit(f"if _v is None: gas -= _c + {C.STORAGE_WRITE}")
        self.emit(f"elif _o is None: gas -= _c + {C.STORAGE_WRITE + C.STORAGE_CREATE} + len(_v) * {C.STORAGE_PER_BYTE}")
        self.emit(f"else: gas -= _c + {C.STORAGE_WRITE} + len(_v) * {C.STORAGE_PER_BYTE}")
        self.emit(f"if gas < 0: raise _OOG({ins.pc})")

    def t_SSTORE(self, ins):
        self._sstore(ins, "_v.to_bytes((_v.bit_length() + 8) // 8, 'big', signed=True) if _v else None")

    def t_SSTOREB(self, ins):
        self._sstore(ins, "_v or None")

    def t_CALLER(self, ins):
        self.push_pending("ctx.caller")

    def t_SELF(self, ins):
        self.push_pending("ctx.address")

    def t_CALLVALUE(self, ins):
        self.push_pending("ctx.value")

    def t_HEIGHT(self, ins):
        self.push_pending("ctx.height")

    def t_TIMESTAMP(self, ins):
        self.push_pending("ctx.timestamp")

    def t_CHAINID(self, ins):
        self.push_pending("ctx.chain_id")

    def t_GASLEFT(self, ins):
        self.emit(f"{self.push_result()} = gas")

    def t_BALANCE(self, ins):
        self._load(ins, "_balance_of")

    def t_CODEHASH(self, ins):
        self._load(ins, "_codehash")

    def t_LOG(self, ins):
        values = self.pop_n(ins.args[0] + 1)
        topics = values[:-1]
        topic_tuple = "(" + "".join(f"{t}, " for t in topics) + ")"
        self.gas_charge(f"_log(ctx, {topic_tuple}, {values[-1]}, {ins.pc})", ins.pc)

    # --- calls and control flow -------------------------------------------------------------------------------

    def t_ICALL(self, ins):
        index = ins.args[0]
        callee = self.program.container.functions[index]
        args = self.pop_n(len(callee.params))
        if self.program.leaf[index]:
            # A function that makes no calls runs as a plain Python call.
            fn = self.bind(f"_leaf{index}", _LeafStub(self.program, index))
            self.emit(f"gas, _r = {fn}(ctx, gas{''.join(', ' + a for a in args)})")
        else:
            self.gas_charge(str(C.ICALL_FRAME), ins.pc)
            arg_tuple = "(" + "".join(f"{a}, " for a in args) + ")"
            self.emit(f"gas, _r = yield ({ICALL}, {index}, gas, {arg_tuple})")
        names = [self.push_result() for _ in callee.returns]
        if names:
            self.emit(f"{', '.join(names)}, = _r")

    def t_RET(self, ins):
        values = self.pop_n(len(self.vf.function.returns))
        value_tuple = "(" + "".join(f"{v}, " for v in values) + ")"
        if self.leaf:
            self.emit(f"return (gas, {value_tuple})")
        else:
            self.emit(f"yield ({RET}, gas, {value_tuple})")
            self.emit("return")

    def t_CALL(self, ins):
        gas_req, value, data, sel, address = (self.pop()[0] for _ in range(5))
        ok, out = self.push_result(), self.push_result()
        self.emit(f"gas, {ok}, {out} = yield ({CALL}, gas, {address}, {sel}, {data}, {value}, {gas_req}, False, {ins.pc})")

    def t_SCALL(self, ins):
        gas_req, data, sel, address = (self.pop()[0] for _ in range(4))
        ok, out = self.push_result(), self.push_result()
        self.emit(f"gas, {ok}, {out} = yield ({CALL}, gas, {address}, {sel}, {data}, 0, {gas_req}, True, {ins.pc})")

    def t_TRANSFER(self, ins):
        amount, address = self.pop()[0], self.pop()[0]
        self.gas_charge(f"_transfer(ctx, {address}, {amount}, {ins.pc})", ins.pc)

    def t_REVERT(self, ins):
        data = self.pop()[0]
        self.emit(f"raise _Revert({data}, {ins.pc})")

    def t_JMP(self, ins):
        self.flush()
        self.transition(ins.args[0])

    def _branch(self, ins, negate: bool):
        _, entry, depth = self.pop()
        if entry.expr is None:
            cond = f"s{depth}"
        else:
            cond = entry.expr
        self.flush()
        self.emit(f"if {'not ' if negate else ''}{cond}:")
        self.indent += 1
        self.transition(ins.args[0])
        self.indent -= 1

    def t_JMPIF(self, ins):
        self._branch(ins, negate=False)

    def t_JMPIFNOT(self, ins):
        self._branch(ins, negate=True)


RUNTIME_GLOBALS = {
    "_Revert": Revert, "_OOG": OutOfGas, "_Halt": ExceptionalHalt, "_AbiError": abi.AbiError,
    "_EncVisits": abi.EncodeVisitLimit, "_EncSize": abi.EncodeSizeLimit,
    "_OVF": R.OVERFLOW, "_DIV0": R.DIVISION_BY_ZERO, "_IOOB": R.INDEX_OUT_OF_BOUNDS,
    "_ABI_ENC": R.ABI_ENCODE_ERROR, "_ABI_DEC": R.ABI_DECODE_ERROR, "_KIND": HALT_LIST_KIND,
    "_TOO_LONG": HALT_BYTES_TOO_LONG, "_SKEY": HALT_STORAGE_KEY, "_SVAL": HALT_STORAGE_VALUE,
    "_STATIC": HALT_STATIC_WRITE,
    "_exp": R.exp, "_exp_cost": R.exp_cost, "_muldiv": R.muldiv, "_bitnot": R.bitnot,
    "_shl": R.shl, "_shr": R.shr,
    "_bslice": R.bslice, "_bget": R.bget, "_bfromi": R.bfromi, "_btoi": R.btoi,
    "_sha256": R.sha256, "_sha3": R.sha3, "_sm3": R.sm3,
    "_lset": R.lset, "_lpush": R.lpush, "_lpop": R.lpop, "_count": R.count_elements,
    "_deep_copy": R.deep_copy, "_list_count": R.list_count, "_lnew": R.lnew,
    "_balance_of": R.balance,
    "_codehash": R.codehash, "_log": R.log, "_transfer": R.transfer,
}


def translate_function(program: Program, index: int, leaf: bool = False):
    """Python source and the function for one verified function: a generator,
    or with leaf=True (only for functions that make no calls) a plain function
    returning (gas, results)."""
    translator = FunctionTranslator(program, program.functions[index], leaf)
    name, source = translator.translate()
    namespace = dict(RUNTIME_GLOBALS)
    namespace["_K"] = program.container.constants
    namespace.update(translator.globals)
    code_id = program.code_hash.hex()[:12]
    exec(compile(source, f"<hutong {code_id} f{index}>", "exec"), namespace)
    return source, namespace[name]


class TranslatingEngine:
    name = "translator"

    def direct(self, program: Program, index: int):
        """A plain function for a leaf entry point, else None."""
        return leaf_function(program, index) if program.leaf[index] else None

    def start(self, frame: Frame, index: int, gas: int, args: tuple):
        cache = frame.program.cache
        fn = cache.get(index)
        if fn is None:
            fn = cache[index] = translate_function(frame.program, index)[1]
        return fn(frame, gas, *args)


TRANSLATOR = TranslatingEngine()


def source_of(program: Program, index: int) -> str:
    """The generated Python for one function (for `hutong disasm --python` and debugging)."""
    return translate_function(program, index)[0]

