"""Lowering: typed AST -> VM functions, emitted through vm.asm.Assembler.

Each contract function becomes one VM function. External functions and the
constructor take and return one byte string (the encoded argument and result
tuples): their code starts `LOAD 0; DECODE "(...)"` and ends `ENCODE ...; RET`.
Internal functions take and return typed VM values and are called with ICALL.
Compound storage values are loaded and stored by generated helper functions
(`$load:T`, `$store:T`, `$empty:T`, `$check:T`), one per type.

Code shape: statements leave the stack empty, so every jump target sees the
same stack on every path (the verifier insists), and the translator turns the
LOAD/PUSH/op/STORE sequences and compare+branch pairs into tight Python.
Every instruction carries the span of the expression or statement it came
from (the source map).
"""

from __future__ import annotations

from . import ast
from .declarations import ADMIN_ROLE, BUILTIN_EVENTS, ROLES_VARIABLE, Contract, EventInfo, FunctionInfo
from .errors import CompileError, InternalCompilerError, Span
from .layout import encode_key, field_suffix, variable_id
from .typecheck import FunctionFacts
from .types import (
    ADDRESS, VOID, AddressType, ArrayType, BoolType, BytesType, DynArrayType,
    EnumType, FixedBytesType, HashMapType, IntType, InterfaceType, StringType, StructType, TupleType, Type,
    contains_enum, fixed_bytes_size, int_like,
)
from vm import runtime as vm_runtime
from vm.asm import Assembler
from vm.constants import MAX_LOCALS

# One-byte counts in the container's function table (vm/container.py serialize).
MAX_KIND_COUNT = 255
from vm.container import CONSTRUCTOR, EXTERNAL, PAYABLE, REENTRANT, VIEW, selector as vm_selector
from vm import abi as vm_abi

KIND_NAME = {"i": "int", "b": "bytes", "l": "list"}
ERROR_STRING = "Error(string)"
ASSERTION_FAILED = vm_selector("AssertionFailed()")
UNAUTHORIZED = "Unauthorized(bytes32,address)"
OVERFLOW = vm_runtime.OVERFLOW
LENGTH_EXCEEDED = vm_runtime.LENGTH_EXCEEDED
INDEX_OUT_OF_BOUNDS = vm_runtime.INDEX_OUT_OF_BOUNDS
ABI_DECODE_ERROR = vm_runtime.ABI_DECODE_ERROR
ROLE_EVENTS = {name: EventInfo(name, fields, None) for name, fields in BUILTIN_EVENTS.items()}


def error_string_data(text: str) -> bytes:
    data = text.encode()
    return vm_selector(ERROR_STRING) + vm_abi.encode(f"(string<={max(1, len(data))})", [data])


def tuple_abi(types) -> str:
    return "(" + ",".join(t.abi for t in types) + ")"


class FunctionGen:
    """Code for one function body."""

    def __init__(self, gen: "Codegen", builder, facts: FunctionFacts | None, info: FunctionInfo | None):
        self.g = gen
        self.b = builder
        self.facts = facts
        self.info = info
        self.kinds: list[str] = []
        self.labels = 0
        self.notes: list[Span] = []
        self.loop_labels: list[tuple[str, str]] = []
        self.free_temps: dict[str, list[int]] = {"i": [], "b": [], "l": []}

    # --- emission ---------------------------------------------------------------------------
    @property
    def note(self):
        return self.notes[-1] if self.notes else None

    def emit(self, op: str, *args) -> None:
        if op in ("ENCODE", "DECODE"):
            args = (args[0].encode("ascii"),)
        self.b.emit(op, *args, note=self.note)

    def label(self, stem: str = "L") -> str:
        self.labels += 1
        return f"{stem}{self.labels}"

    def place(self, name: str) -> None:
        self.b.label(name)

    def push_int(self, value: int) -> None:
        if -128 <= value <= 127:
            self.emit("PUSHI", value)
        else:
            self.emit("PUSHC", int(value))

    def push_bytes(self, value: bytes) -> None:
        self.emit("PUSHC", bytes(value))

    def new_slot(self, kind: str) -> int:
        self.kinds.append(kind)
        if len(self.kinds) > MAX_LOCALS:
            span = self.info.node.name_span if self.info and self.info.node else None
            raise CompileError("E0313", f"function needs more than {MAX_LOCALS} local slots", span,
                               "split it into smaller @internal functions")
        return len(self.kinds) - 1

    def temp(self, kind: str) -> int:
        free = self.free_temps[kind]
        return free.pop() if free else self.new_slot(kind)

    def release(self, slot: int) -> None:
        self.free_temps[self.kinds[slot]].append(slot)

    def encode_tuple(self, types) -> None:
        """ENCODE the top len(types) values (the empty tuple encodes as b"")."""
        self.emit("ENCODE", tuple_abi(types))

    def decode_tuple(self, types) -> None:
        """DECODE bytes into len(types) values (the empty tuple accepts only b"")."""
        self.emit("DECODE", tuple_abi(types))

    def revert_const(self, data: bytes) -> None:
        self.push_bytes(data)
        self.emit("REVERT")

    # --- functions ---------------------------------------------------------------------------
    def function(self) -> None:
        info, facts, b = self.info, self.facts, self.b
        self.notes.append(info.node.name_span if info.node else None)
        entry = info.is_external or info.is_constructor
        if entry:
            self.kinds.append("b")
        for var in facts.locals:
            if var.kind == "param":
                var.slot = self.new_slot(var.type.kind)
        nparams = 1 if entry else len(self.kinds)
        if entry:
            if info.roles:
                only = next((d for d in info.node.decorators if d.name == "only"), None)
                self.notes.append(only.span if only is not None else self.note)
                self.role_check(info.roles)
                self.notes.pop()
            if info.is_constructor and self.g.contract.uses_roles:
                self.grant_role_const(ADMIN_ROLE)
            params = [v for v in facts.locals if v.kind == "param"]
            self.emit("LOAD", 0)
            self.decode_tuple([v.type for v in params])
            for var in reversed(params):
                self.emit("STORE", var.slot)
            for var in params:
                if contains_enum(var.type):
                    self.emit("LOAD", var.slot)
                    self.validate(var.type)
        self.block(info.node.body)
        if not self.ends(info.node.body):
            self.notes.append(info.node.span)
            self.return_values([])
            self.notes.pop()
        b.params = "".join(self.kinds[:nparams])
        b.locals = "".join(self.kinds[nparams:])
        if entry:
            b.returns = "b"
        else:
            b.returns = "".join(t.kind for t in _flatten(info.returns))
        self.check_counts(b)

    def check_counts(self, b) -> None:
        """The container stores each of a function's parameter, local and return
        kind lists with a one-byte count: more than 255 of any cannot be encoded."""
        span = self.info.node.name_span if self.info.node else None
        name = self.info.node.name if self.info.node else "function"
        for what, kinds in (("parameters", b.params), ("return values", b.returns)):
            if len(kinds) > MAX_KIND_COUNT:
                raise CompileError(
                    "E0317", f"`{name}` has {len(kinds)} {what}; the VM allows at most {MAX_KIND_COUNT}",
                    span, "split it into smaller @internal functions, or group the values "
                    "in a struct or a fixed-size array")
        if len(b.locals) > MAX_KIND_COUNT:
            raise CompileError("E0313", f"`{name}` needs {len(b.locals)} local slots besides its "
                               f"parameters; the VM allows at most {MAX_KIND_COUNT}", span,
                               "split it into smaller @internal functions")

    def ends(self, body) -> bool:
        return bool(body) and isinstance(body[-1], (ast.Return, ast.Raise))

    def return_values(self, exprs) -> None:
        """Values for `exprs` are already pushed; finish the function."""
        info = self.info
        if info.is_external or info.is_constructor:
            types = _flatten(info.returns) if exprs else []
            self.encode_tuple(types)
        self.emit("RET")

    def role_check(self, roles) -> None:
        ok = self.label("authorized")
        for role in roles:
            self.push_bytes(variable_id(ROLES_VARIABLE) + self.g.contract.role_id(role))
            self.emit("CALLER")
            self.emit("BCAT")
            self.emit("SLOAD")
            self.emit("JMPIF", ok)
        self.push_bytes(vm_selector(UNAUTHORIZED))
        self.push_bytes(self.g.contract.role_id(roles[0]))
        self.emit("CALLER")
        self.emit("ENCODE", "(bytes32,address)")
        self.emit("BCAT")
        self.emit("REVERT")
        self.place(ok)

    def grant_role_const(self, role: str) -> None:
        rid = self.g.contract.role_id(role)
        self.push_bytes(variable_id(ROLES_VARIABLE) + rid)
        self.emit("CALLER")
        self.emit("BCAT")
        self.push_int(1)
        self.emit("SSTORE")
        self.push_bytes(ROLE_EVENTS["RoleGranted"].topic0)
        self.push_bytes(rid)
        self.emit("CALLER")
        self.pad_topic(ADDRESS)
        self.emit("CALLER")
        self.pad_topic(ADDRESS)
        self.push_bytes(b"")
        self.emit("LOG", 4)

    # --- statements ----------------------------------------------------------------------------
    def block(self, stmts) -> None:
        for s in stmts:
            self.notes.append(s.span)
            getattr(self, "s_" + type(s).__name__)(s)
            self.notes.pop()

    def s_Pass(self, s):
        pass

    def s_Break(self, s):
        self.emit("JMP", self.loop_labels[-1][1])

    def s_Continue(self, s):
        self.emit("JMP", self.loop_labels[-1][0])

    def s_Return(self, s):
        if s.value is None:
            self.return_values([])
            return
        # An external function encodes its result (no copy needed); an internal one
        # hands it to the caller, which must not share lists with this frame's values.
        push = self.expr if self.info.is_external else self.value
        if isinstance(s.value, ast.Tuple) and isinstance(self.info.returns, TupleType):
            for e in s.value.elements:
                push(e)
        else:
            push(s.value)
        self.return_values([s.value])

    def s_Raise(self, s):
        self.revert_with(s.exc)

    def revert_with(self, exc) -> None:
        if exc is None:
            self.revert_const(ASSERTION_FAILED)
            return
        if isinstance(exc, ast.Str):
            self.revert_const(error_string_data(exc.value))
            return
        _, info = self.facts.calls[exc]
        self.notes.append(exc.span)
        self.push_bytes(info.selector)
        if info.fields:
            self.field_values(exc, info.fields)
            self.emit("ENCODE", tuple_abi([t for _, t in info.fields]))
            self.emit("BCAT")
        self.notes.pop()
        self.emit("REVERT")

    def field_values(self, call: ast.Call, fields) -> None:
        """Push the field values of a struct/event/error constructor, in field order."""
        if call.keywords:
            given = {kw.name: kw.value for kw in call.keywords}
            if any(self.has_call(kw.value) for kw in call.keywords) and [kw.name for kw in call.keywords] != [n for n, _ in fields]:
                # Evaluate in source order, then push in field order.
                slots = {}
                for kw in call.keywords:
                    self.value(kw.value)
                    slot = self.temp(self.facts.types[kw.value].kind)
                    self.emit("STORE", slot)
                    slots[kw.name] = slot
                for n, _ in fields:
                    self.emit("LOAD", slots[n])
                    self.release(slots[n])
                return
            for n, _ in fields:
                self.value(given[n])
        else:
            for arg in call.args:
                self.value(arg)

    def has_call(self, e) -> bool:
        """Whether evaluating e can have side effects (so evaluation order matters)."""
        work = [e]
        calls = self.facts.calls
        while work:
            x = work.pop()
            if isinstance(x, ast.ExtCall):
                return True
            if isinstance(x, ast.Call):
                kind = calls.get(x, ("?",))
                if kind[0] not in ("struct", "interface_cast", "builtin") or kind[1] in ("grant_role", "revoke_role"):
                    return True
                work.extend(x.args)
                work.extend(kw.value for kw in x.keywords)
                continue
            for attr in ("left", "right", "operand", "value", "test"):
                child = getattr(x, attr, None)
                if isinstance(child, ast.Expr):
                    work.append(child)
            for attr in ("elements", "args", "index"):
                for child in getattr(x, attr, ()) or ():
                    work.append(child)
        return False

    def s_Assert(self, s):
        value = self.facts.consts.get(s.test)
        if value == 1:
            return
        ok = self.label("assert_ok")
        if value is None:
            self.cond(s.test)
            self.emit("JMPIF", ok)
        self.revert_with(s.msg)
        if value is None:
            self.place(ok)

    def s_Emit(self, s):
        _, info = self.facts.calls[s.call]
        self.emit_event(info, s.call)

    def emit_event(self, info: EventInfo, call: ast.Call) -> None:
        fields = info.fields
        if call.keywords:
            given = {kw.name: kw.value for kw in call.keywords}
            values = [given[n] for n, _, _ in fields]
        else:
            values = list(call.args)
        slots = None
        if any(self.has_call(v) for v in values):
            slots = []
            for v in values:
                self.value(v)
                slot = self.temp(self.facts.types[v].kind)
                self.emit("STORE", slot)
                slots.append(slot)

        def push(i):
            if slots is None:
                self.value(values[i])
            else:
                self.emit("LOAD", slots[i])

        self.push_bytes(info.topic0)
        for i, (_, t, indexed) in enumerate(fields):
            if indexed:
                push(i)
                self.topic(t)
        data = [(i, t) for i, (_, t, indexed) in enumerate(fields) if not indexed]
        for i, _ in data:
            push(i)
        self.encode_tuple([t for _, t in data])
        self.emit("LOG", 1 + sum(1 for f in fields if f[2]))
        if slots:
            for slot in slots:
                self.release(slot)

    def topic(self, t: Type) -> None:
        if isinstance(t, IntType) and not t.signed or isinstance(t, (BoolType, EnumType)):
            self.emit("BFROMI", "u256")
        elif isinstance(t, IntType):
            self.emit("ENCODE", f"({t.abi})")
            self.pad_topic_width(t.bits // 8)
        elif isinstance(t, (AddressType, InterfaceType)):
            self.pad_topic(t)
        elif isinstance(t, FixedBytesType):
            if t.size != 32:
                self.pad_topic_width(t.size)
        else:
            self.emit("ENCODE", f"({t.abi})")
            self.emit("SHA3")

    def pad_topic(self, t) -> None:
        self.pad_topic_width(20)

    def pad_topic_width(self, width: int) -> None:
        self.push_bytes(bytes(32 - width))
        self.emit("SWAP", 1)
        self.emit("BCAT")

    def s_AnnAssign(self, s):
        var = self.facts.decls[s]
        var.slot = self.new_slot(var.type.kind)
        self.value(s.value)
        self.emit("STORE", var.slot)

    def s_Assign(self, s):
        if len(s.targets) > 1:
            self.expr(s.value)
            for target in reversed(s.targets):
                self.assign_top(target)
            return
        target = s.targets[0]
        facts = self.facts
        if isinstance(target, ast.Name):
            self.value(s.value)
            self.assign_top(target)
        elif facts.is_storage(target):
            # Storing reads the value's leaves into storage: no copy of a list is needed.
            if self.has_call(s.value):
                self.expr(s.value)
                self.storage_key(target)
                self.emit("SWAP", 1)
            else:
                self.storage_key(target)
                self.expr(s.value)
            self.store(facts.types[target])
        else:
            self.memory_container(target)
            self.value(s.value)
            self.emit("LSET")

    def assign_top(self, target) -> None:
        """Pop the top of the stack into `target`."""
        facts = self.facts
        if isinstance(target, ast.Name):
            ref = facts.refs[target]
            if ref[0] == "local":
                self.emit("STORE", ref[1].slot)
            else:  # immutable, in the constructor
                var = ref[1]
                self.push_bytes(variable_id(var.name))
                self.emit("SWAP", 1)
                self.store(var.type)
            return
        if facts.is_storage(target):
            self.storage_key(target)
            self.emit("SWAP", 1)
            self.store(facts.types[target])
            return
        t = facts.types[target]
        slot = self.temp(t.kind)
        self.emit("STORE", slot)
        self.memory_container(target)
        self.emit("LOAD", slot)
        self.emit("LSET")
        self.release(slot)

    def memory_container(self, target) -> None:
        """Push (list, index) for an element or field of a memory value."""
        if isinstance(target, ast.Attribute):
            st = self.facts.types[target.value]
            index, _ = st.field(target.attr)
            self.expr(target.value)
            self.push_int(index)
        elif isinstance(target, ast.Subscript):
            self.expr(target.value)
            self.expr(target.index[0])
        else:
            raise InternalCompilerError(f"not a memory place: {type(target).__name__}")

    def s_AugAssign(self, s):
        facts = self.facts
        target = s.target
        t = facts.types[target]
        if isinstance(target, ast.Name):
            self.expr(target)
            self.expr(s.value)
            self.arith(s.op, t)
            self.assign_top(target)
        elif facts.is_storage(target):
            self.storage_key(target)
            self.emit("DUP", 0)
            self.load(t)
            self.expr(s.value)
            self.arith(s.op, t)
            self.store(t)
        else:
            self.memory_container(target)
            index_slot = self.temp("i")
            self.emit("STORE", index_slot)
            list_slot = self.temp("l")
            self.emit("STORE", list_slot)
            self.emit("LOAD", list_slot)
            self.emit("LOAD", index_slot)
            self.emit("LOAD", list_slot)
            self.emit("LOAD", index_slot)
            self.emit("LGET", "int")
            self.expr(s.value)
            self.arith(s.op, t)
            self.emit("LSET")
            self.release(index_slot)
            self.release(list_slot)

    def s_ExprStmt(self, s):
        e = s.value
        if isinstance(e, ast.Str):
            return
        t = self.facts.types.get(e, VOID)
        self.expr(e)
        for _ in _flatten(t):
            self.emit("POP")

    def s_If(self, s):
        value = self.facts.consts.get(s.test)
        if value is not None:
            self.block(s.body if value else s.orelse)
            return
        else_label, end = self.label("else"), self.label("endif")
        self.cond(s.test)
        self.emit("JMPIFNOT", else_label if s.orelse else end)
        self.block(s.body)
        if s.orelse:
            if not self.ends(s.body):
                self.emit("JMP", end)
            self.place(else_label)
            self.block(s.orelse)
        self.place(end)

    def s_For(self, s):
        facts = self.facts
        var = facts.decls[s]
        var.slot = self.new_slot(var.type.kind)
        loop = facts.loops[s]
        body, step, check, end = self.label("body"), self.label("next"), self.label("check"), self.label("endfor")
        counter_type = "i256" if isinstance(var.type, IntType) and var.type.signed else "u256"
        if loop[0] == "range":
            _, start, stop = loop
            if stop <= start:
                return
            self.push_int(start)
            self.emit("STORE", var.slot)
            self.counted_loop(s, var, counter_type, lambda: self.push_int(stop), labels=(body, step, check, end))
            return
        if loop[0] == "range_bound":
            bound = loop[1]
            limit = self.new_slot("i")
            self.expr(s.iter.args[0])
            self.emit("DUP", 0)
            self.emit("STORE", limit)
            self.push_int(bound)
            self.emit("LE")
            ok = self.label("bound_ok")
            self.emit("JMPIF", ok)
            self.revert_const(LENGTH_EXCEEDED)
            self.place(ok)
            self.push_int(0)
            self.emit("STORE", var.slot)
            self.emit("JMP", check)
            self.counted_loop(s, var, counter_type, lambda: self.emit("LOAD", limit), labels=(body, step, check, end))
            return
        # for x in array
        array, index, count = self.new_slot("l"), self.new_slot("i"), self.new_slot("i")
        self.expr(s.iter)
        self.emit("DUP", 0)
        self.emit("STORE", array)
        self.emit("LLEN")
        self.emit("STORE", count)
        self.push_int(0)
        self.emit("STORE", index)
        self.emit("JMP", check)
        self.place(body)
        self.emit("LOAD", array)
        self.emit("LOAD", index)
        self.emit("LGET", KIND_NAME[var.type.kind])
        self.emit("STORE", var.slot)
        self.loop_labels.append((step, end))
        self.block(s.body)
        self.loop_labels.pop()
        self.place(step)
        self.emit("LOAD", index)
        self.emit("PUSHI", 1)
        self.emit("ADD", "u32")
        self.emit("STORE", index)
        self.place(check)
        self.emit("LOAD", index)
        self.emit("LOAD", count)
        self.emit("LT")
        self.emit("JMPIF", body)
        self.place(end)

    def counted_loop(self, s, var, counter_type: str, push_stop, labels) -> None:
        """body; var += 1; loop while var < stop (the test sits at the bottom, so an
        iteration costs one conditional jump)."""
        body, step, check, end = labels
        self.place(body)
        self.loop_labels.append((step, end))
        self.block(s.body)
        self.loop_labels.pop()
        self.place(step)
        self.emit("LOAD", var.slot)
        self.emit("PUSHI", 1)
        self.emit("ADD", counter_type)
        self.emit("STORE", var.slot)
        self.place(check)
        self.emit("LOAD", var.slot)
        push_stop()
        self.emit("LT")
        self.emit("JMPIF", body)
        self.place(end)

    # --- expressions ----------------------------------------------------------------------------
    def cond(self, e) -> None:
        self.expr(e)

    def value(self, e) -> None:
        """Push e as a value to be stored somewhere new: lists read from a memory
        place are copied, so two variables never share one list."""
        self.expr(e)
        t = self.facts.types.get(e)
        if t is not None and t.kind == "l" and self.is_memory_place(e):
            self.emit("LCOPY")

    def is_memory_place(self, e) -> bool:
        facts = self.facts
        if isinstance(e, ast.Name):
            return facts.refs.get(e, ("?",))[0] == "local"
        if isinstance(e, (ast.Attribute, ast.Subscript)):
            return not facts.is_storage(e) and self.is_memory_place(e.value)
        return False

    def expr(self, e) -> None:
        facts = self.facts
        value = facts.consts.get(e)
        if value is not None:
            self.notes.append(e.span)
            if isinstance(value, bool):
                value = int(value)
            if isinstance(value, int):
                self.push_int(value)
            else:
                self.push_bytes(value)
            self.notes.pop()
            return
        self.notes.append(e.span)
        getattr(self, "e_" + type(e).__name__)(e)
        self.notes.pop()

    def e_Name(self, e):
        ref = self.facts.refs[e]
        if ref[0] == "local":
            self.emit("LOAD", ref[1].slot)
        elif ref[0] == "immutable":
            self.push_bytes(variable_id(ref[1].name))
            self.load(ref[1].type)
        elif ref[0] == "self":
            self.emit("SELF")
        else:
            raise InternalCompilerError(f"unexpected name reference {ref[0]}")

    def e_Attribute(self, e):
        facts = self.facts
        if facts.is_storage(e):
            self.storage_key(e)
            self.load(facts.types[e])
            return
        base = e.value
        if isinstance(base, ast.Name) and base.id in ("msg", "block", "chain") and facts.refs.get(base) is None:
            self.emit({("msg", "sender"): "CALLER", ("msg", "value"): "CALLVALUE", ("block", "timestamp"): "TIMESTAMP",
                       ("block", "number"): "HEIGHT", ("chain", "id"): "CHAINID"}[(base.id, e.attr)])
            return
        bt = facts.types[base]
        if isinstance(bt, InterfaceType):
            self.expr(base)
            return
        index, ft = bt.field(e.attr)
        self.expr(base)
        self.push_int(index)
        self.emit("LGET", KIND_NAME[ft.kind])

    def e_Subscript(self, e):
        facts = self.facts
        if facts.is_storage(e):
            self.storage_key(e)
            self.load(facts.types[e])
            return
        self.expr(e.value)
        self.expr(e.index[0])
        self.emit("LGET", KIND_NAME[facts.types[e].kind])

    def e_Tuple(self, e):
        for x in e.elements:
            self.value(x)

    def e_List(self, e):
        for x in e.elements:
            self.value(x)
        self.emit("LMAKE", len(e.elements))

    def e_Str(self, e):
        self.push_bytes(e.value.encode())

    def e_BytesLit(self, e):
        self.push_bytes(e.value)

    def e_UnaryOp(self, e):
        t = self.facts.types[e]
        self.expr(e.operand)
        if e.op == "not":
            self.emit("LNOT")
        elif e.op == "-":
            self.emit("NEG", t.abi)
        else:
            self.emit("NOT", t.abi)

    def arith(self, op: str, t: IntType) -> None:
        name = {"+": "ADD", "-": "SUB", "*": "MUL", "//": "DIV", "%": "MOD", "**": "EXP",
                "<<": "SHL", ">>": "SHR"}.get(op)
        if name is not None:
            self.emit(name, t.abi)
        else:
            self.emit({"&": "AND", "|": "OR", "^": "XOR"}[op])

    def e_BinOp(self, e):
        self.expr(e.left)
        self.expr(e.right)
        self.arith(e.op, self.facts.types[e])

    def e_BoolOp(self, e):
        end = self.label("short")
        self.expr(e.left)
        self.emit("DUP", 0)
        self.emit("JMPIFNOT" if e.op == "and" else "JMPIF", end)
        self.emit("POP")
        self.expr(e.right)
        self.place(end)

    def e_Compare(self, e):
        facts = self.facts
        op = e.op
        if op in ("in", "not in"):
            self.membership(e)
            return
        lt = facts.types[e.left]
        self.expr(e.left)
        if lt.kind == "l":
            self.emit("ENCODE", f"({lt.abi})")
        self.expr(e.right)
        if lt.kind == "l":
            self.emit("ENCODE", f"({facts.types[e.right].abi})")
        self.emit({"<": "LT", ">": "GT", "<=": "LE", ">=": "GE", "==": "EQ", "!=": "NE"}[op])

    def membership(self, e) -> None:
        ct = self.facts.types[e.right]
        item, array, index = self.temp(ct.elem.kind), self.temp("l"), self.temp("i")
        found, missing, loop, done = self.label("found"), self.label("missing"), self.label("scan"), self.label("done")
        self.expr(e.left)
        self.emit("STORE", item)
        self.expr(e.right)
        self.emit("STORE", array)
        self.push_int(0)
        self.emit("STORE", index)
        self.place(loop)
        self.emit("LOAD", index)
        self.emit("LOAD", array)
        self.emit("LLEN")
        self.emit("LT")
        self.emit("JMPIFNOT", missing)
        self.emit("LOAD", array)
        self.emit("LOAD", index)
        self.emit("LGET", KIND_NAME[ct.elem.kind])
        self.emit("LOAD", item)
        self.emit("EQ")
        self.emit("JMPIF", found)
        self.emit("LOAD", index)
        self.emit("PUSHI", 1)
        self.emit("ADD", "u32")
        self.emit("STORE", index)
        self.emit("JMP", loop)
        self.place(found)
        self.push_int(0 if e.op == "not in" else 1)
        self.emit("JMP", done)
        self.place(missing)
        self.push_int(1 if e.op == "not in" else 0)
        self.place(done)
        for slot in (item, array, index):
            self.release(slot)

    def e_ExtCall(self, e):
        _, _, method, kwargs = self.facts.calls[e]
        call = e.call
        self.expr(call.func.value)
        self.push_bytes(method.selector)
        for arg in call.args:
            self.expr(arg)
        self.encode_tuple([t for _, t in method.params])
        self.call_options(kwargs, with_value=not e.static)
        self.emit("SCALL" if e.static else "CALL")
        self.reraise()
        results = _flatten(method.returns)
        self.decode_tuple(results)
        self.validate_results(results)

    def validate_results(self, results) -> None:
        if not any(contains_enum(t) for t in results):
            return
        slots = []
        for t in reversed(results):
            slot = self.temp(t.kind)
            self.emit("STORE", slot)
            slots.append((slot, t))
        slots.reverse()
        for slot, t in slots:
            if contains_enum(t):
                self.emit("LOAD", slot)
                self.validate(t)
        for slot, _ in slots:
            self.emit("LOAD", slot)
            self.release(slot)

    def call_options(self, options: dict, with_value: bool) -> None:
        """Push the value (default 0) and gas (default -1: all that may be forwarded)."""
        if with_value:
            if "value" in options:
                self.expr(options["value"])
            else:
                self.push_int(0)
        if "gas" in options:
            self.expr(options["gas"])
        else:
            self.push_int(-1)

    def reraise(self) -> None:
        """After CALL/SCALL: [ok, data] -> [data], re-reverting with the callee's data on failure."""
        ok = self.label("call_ok")
        self.emit("SWAP", 1)
        self.emit("JMPIF", ok)
        self.emit("REVERT")
        self.place(ok)

    def e_Call(self, e):
        facts = self.facts
        kind = facts.calls[e]
        k = kind[0]
        if k == "internal":
            for arg in e.args:
                self.expr(arg)
            self.emit("ICALL", self.g.function_name(kind[1]))
        elif k == "struct":
            self.field_values(e, kind[1].fields)
            self.emit("LMAKE", len(kind[1].fields))
        elif k == "interface_cast":
            self.expr(e.args[0])
        elif k == "append":
            self.append(e, kind[1])
        elif k == "pop":
            self.pop(e, kind[1])
        elif k == "raw_call":
            self.raw_call(e, kind[1])
        elif k == "builtin":
            self.builtin(e, kind[1], kind[2])
        else:
            raise InternalCompilerError(f"unexpected call kind {k}")

    def append(self, e, at: DynArrayType) -> None:
        base = e.func.value
        if self.facts.is_storage(base):
            self.expr(e.args[0])
            self.storage_key(base)
            self.emit("DUP", 0)
            self.emit("SLOAD")  # [v key len]
            self.emit("DUP", 0)
            self.push_int(at.max)
            self.emit("LT")
            ok = self.label("append_ok")
            self.emit("JMPIF", ok)
            self.revert_const(LENGTH_EXCEEDED)
            self.place(ok)
            # key' = key ++ u32(len); storage[key] = len + 1
            self.emit("DUP", 1)
            self.emit("DUP", 1)
            self.emit("PUSHI", 1)
            self.emit("ADD", "u32")
            self.emit("SSTORE")  # [v key len]
            self.emit("BFROMI", "u32")
            self.emit("BCAT")  # [v elemkey]
            self.emit("SWAP", 1)
            self.store(at.elem)
            return
        self.expr(base)
        self.value(e.args[0])
        self.emit("LPUSH", at.max)

    def pop(self, e, at: DynArrayType) -> None:
        base = e.func.value
        if self.facts.is_storage(base):
            self.storage_key(base)
            self.emit("DUP", 0)
            self.emit("SLOAD")  # [key len]
            self.emit("DUP", 0)
            ok = self.label("pop_ok")
            self.emit("JMPIF", ok)
            self.revert_const(INDEX_OUT_OF_BOUNDS)
            self.place(ok)
            self.emit("PUSHI", 1)
            self.emit("SUB", "u32")  # [key n]
            self.emit("DUP", 1)
            self.emit("DUP", 1)
            self.emit("SSTORE")  # [key n]
            self.emit("BFROMI", "u32")
            self.emit("BCAT")
            self.load(at.elem)
            return
        self.expr(base)
        self.emit("LPOP", KIND_NAME[at.elem.kind])

    def raw_call(self, e, options) -> None:
        target, signature, args = e.args
        self.expr(target)
        self.expr(signature)
        self.emit("SHA3")
        self.push_int(0)
        self.push_int(4)
        self.emit("BSLICE")
        self.expr(args)
        self.call_options(options, with_value=True)
        self.emit("CALL")
        self.reraise()
        if "max_outsize" in options:
            self.check_length(options["max_outsize"])
        else:
            self.emit("POP")

    def check_length(self, bound: int) -> None:
        ok = self.label("length_ok")
        self.emit("DUP", 0)
        self.emit("BLEN")
        self.push_int(bound)
        self.emit("LE")
        self.emit("JMPIF", ok)
        self.revert_const(LENGTH_EXCEEDED)
        self.place(ok)

    def builtin(self, e, name: str, detail) -> None:
        facts = self.facts
        args = e.args
        if name == "len":
            t = facts.types[args[0]]
            if isinstance(t, ArrayType):
                self.push_int(t.length)
            elif facts.is_storage(args[0]):
                self.storage_key(args[0])
                self.emit("SLOAD")
            else:
                self.expr(args[0])
                self.emit("LLEN" if t.kind == "l" else "BLEN")
        elif name == "concat":
            self.expr(args[0])
            for a in args[1:]:
                self.expr(a)
                self.emit("BCAT")
        elif name == "slice":
            for a in args:
                self.expr(a)
            self.emit("BSLICE")
        elif name == "convert":
            self.expr(args[0])
            self.convert(facts.types[args[0]], detail)
        elif name == "empty":
            self.empty(detail)
        elif name in ("min", "max"):
            self.expr(args[0])
            self.expr(args[1])
            self.emit(name.upper())
        elif name == "mul_div":
            for a in args:
                self.expr(a)
            self.emit("MULDIV", detail.abi)
        elif name in ("sha256", "sha3_256", "sm3"):
            self.expr(args[0])
            self.emit({"sha256": "SHA256", "sha3_256": "SHA3", "sm3": "SM3"}[name])
        elif name == "abi_encode":
            for a in args:
                self.expr(a)
            self.emit("ENCODE", tuple_abi(detail.elems))
        elif name == "abi_decode":
            self.expr(args[0])
            self.emit("DECODE", f"({detail.abi})")
            if contains_enum(detail):
                self.emit("DUP", 0)
                self.validate(detail)
        elif name == "has_role":
            self.role_key(args)
            self.emit("SLOAD")
        elif name in ("grant_role", "revoke_role"):
            self.change_role(args, grant=name == "grant_role")
        else:
            raise InternalCompilerError(f"no code for builtin {name}")

    def role_key(self, args) -> None:
        self.push_bytes(variable_id(ROLES_VARIABLE))
        self.expr(args[0])
        self.emit("BCAT")
        self.expr(args[1])
        self.emit("BCAT")

    def change_role(self, args, grant: bool) -> None:
        role, account = self.temp("b"), self.temp("b")
        self.expr(args[0])
        self.emit("STORE", role)
        self.expr(args[1])
        self.emit("STORE", account)
        self.push_bytes(variable_id(ROLES_VARIABLE))
        self.emit("LOAD", role)
        self.emit("BCAT")
        self.emit("LOAD", account)
        self.emit("BCAT")
        self.emit("DUP", 0)
        self.emit("SLOAD")
        skip, done = self.label("role_unchanged"), self.label("role_done")
        self.emit("JMPIF" if grant else "JMPIFNOT", skip)
        self.push_int(1 if grant else 0)
        self.emit("SSTORE")
        event = ROLE_EVENTS["RoleGranted" if grant else "RoleRevoked"]
        self.push_bytes(event.topic0)
        self.emit("LOAD", role)
        self.emit("LOAD", account)
        self.pad_topic(ADDRESS)
        self.emit("CALLER")
        self.pad_topic(ADDRESS)
        self.push_bytes(b"")
        self.emit("LOG", 4)
        self.emit("JMP", done)
        self.place(skip)
        self.emit("POP")
        self.place(done)
        self.release(role)
        self.release(account)

    def convert(self, source: Type, target: Type) -> None:
        s, t = source, target
        if s == t:
            return
        if isinstance(t, IntType):
            if isinstance(s, IntType):
                if not t.contains(s):
                    self.emit("CAST", t.abi)
            elif isinstance(s, BoolType):
                pass
            elif isinstance(s, EnumType):
                if t.hi < len(s.members) - 1 or t.lo > 0:
                    self.emit("CAST", t.abi)
            else:
                width = fixed_bytes_size(s)
                self.emit("BTOI", f"{'i' if t.signed else 'u'}{width * 8}")
                inner = IntType(width * 8, t.signed)
                if not t.contains(inner):
                    self.emit("CAST", t.abi)
        elif isinstance(t, BoolType):
            self.push_int(0)
            self.emit("NE")
        elif isinstance(t, EnumType):
            self.emit("CAST", "u8")
            ok = self.label("enum_ok")
            self.emit("DUP", 0)
            self.push_int(len(t.members))
            self.emit("LT")
            self.emit("JMPIF", ok)
            self.revert_const(OVERFLOW)
            self.place(ok)
        elif isinstance(t, (FixedBytesType, AddressType, InterfaceType)):
            width = fixed_bytes_size(t)
            if isinstance(s, IntType):
                self.emit("BFROMI", f"{'i' if s.signed else 'u'}{width * 8}")
            elif isinstance(s, BytesType):
                ok = self.label("size_ok")
                self.emit("DUP", 0)
                self.emit("BLEN")
                self.push_int(width)
                self.emit("EQ")
                self.emit("JMPIF", ok)
                self.revert_const(LENGTH_EXCEEDED)
                self.place(ok)
        elif isinstance(t, (BytesType, StringType)):
            smax = s.max if isinstance(s, (BytesType, StringType)) else fixed_bytes_size(s)
            if smax > t.max:
                self.check_length(t.max)
            if isinstance(t, StringType) and not isinstance(s, StringType):
                self.emit("ENCODE", f"(bytes<={t.max})")
                self.emit("DECODE", f"(string<={t.max})")
        else:
            raise InternalCompilerError(f"no conversion from {s.name} to {t.name}")

    # --- storage -----------------------------------------------------------------------------------
    def storage_key(self, e) -> None:
        """Push the storage path of a storage expression."""
        parts: list = []
        chain = []
        x = e
        while not (isinstance(x, ast.Attribute) and isinstance(x.value, ast.Name) and x.value.id == "self"):
            chain.append(x)
            x = x.value
        parts.append(variable_id(x.attr))
        facts = self.facts
        pushed = False

        def flush():
            nonlocal pushed
            if parts and isinstance(parts[-1], bytes):
                data = parts.pop()
                self.push_bytes(data)
                if pushed:
                    self.emit("BCAT")
                pushed = True

        for node in reversed(chain):
            base_type = facts.types[node.value]
            if isinstance(node, ast.Attribute):
                suffix = field_suffix(node.attr)
                if parts and isinstance(parts[-1], bytes):
                    parts[-1] = parts[-1] + suffix
                else:
                    parts.append(suffix)
                continue
            index = node.index[0]
            if isinstance(base_type, HashMapType):
                const = facts.consts.get(index)
                if const is not None:
                    part = encode_key(base_type.key, const)
                    if parts and isinstance(parts[-1], bytes):
                        parts[-1] = parts[-1] + part
                    else:
                        parts.append(part)
                    continue
                flush()
                self.notes.append(index.span)
                self.expr(index)
                self.map_key(base_type.key)
                self.emit("BCAT")
                self.notes.pop()
                continue
            # array element
            const = facts.consts.get(index)
            if isinstance(base_type, ArrayType) and const is not None:
                part = int(const).to_bytes(4, "big")
                if parts and isinstance(parts[-1], bytes):
                    parts[-1] = parts[-1] + part
                else:
                    parts.append(part)
                continue
            flush()
            self.notes.append(index.span)
            if isinstance(base_type, ArrayType):
                self.expr(index)
                self.bounds_check_const(base_type.length, facts.types[index])
            else:
                self.emit("DUP", 0)
                self.emit("SLOAD")
                self.expr(index)
                self.bounds_check_dynamic(facts.types[index])
            self.emit("BFROMI", "u32")
            self.emit("BCAT")
            self.notes.pop()
        flush()

    def bounds_check_const(self, length: int, index_type: Type) -> None:
        """[i] -> [i], reverting unless 0 <= i < length."""
        self.emit("DUP", 0)
        self.push_int(length)
        self.emit("LT")
        self.finish_bounds_check(index_type)

    def bounds_check_dynamic(self, index_type: Type) -> None:
        """[len i] -> [i], reverting unless 0 <= i < len."""
        self.emit("SWAP", 1)
        self.emit("DUP", 1)
        self.emit("GT")
        self.finish_bounds_check(index_type)

    def finish_bounds_check(self, index_type: Type) -> None:
        """[i below] -> [i]: revert IndexOutOfBounds unless `below` (and i >= 0 if signed)."""
        ok = self.label("index_ok")
        if isinstance(index_type, IntType) and index_type.signed:
            self.emit("DUP", 1)
            self.push_int(0)
            self.emit("GE")
            self.emit("AND")
        self.emit("JMPIF", ok)
        self.revert_const(INDEX_OUT_OF_BOUNDS)
        self.place(ok)

    def map_key(self, t: Type) -> None:
        if isinstance(t, IntType):
            self.emit("BFROMI", t.abi)
        elif isinstance(t, (BoolType, EnumType)):
            self.emit("BFROMI", "u8")
        elif isinstance(t, (BytesType, StringType)):
            self.emit("SHA3")

    def load(self, t: Type) -> None:
        """[key] -> [value]"""
        if int_like(t):
            self.emit("SLOAD")
        elif fixed_bytes_size(t) is not None:
            self.emit("SLOAD")
            self.emit("BFROMI", f"u{fixed_bytes_size(t) * 8}")
        elif isinstance(t, (BytesType, StringType)):
            self.emit("SLOADB")
        else:
            self.emit("ICALL", self.g.helper("load", t))

    def store(self, t: Type) -> None:
        """[key value] -> []"""
        if int_like(t):
            self.emit("SSTORE")
        elif fixed_bytes_size(t) is not None:
            self.emit("BTOI", f"u{fixed_bytes_size(t) * 8}")
            self.emit("SSTORE")
        elif isinstance(t, (BytesType, StringType)):
            self.emit("SSTOREB")
        else:
            self.emit("ICALL", self.g.helper("store", t))

    def empty(self, t: Type) -> None:
        if int_like(t):
            self.push_int(0)
        elif fixed_bytes_size(t) is not None:
            self.push_bytes(bytes(fixed_bytes_size(t)))
        elif isinstance(t, (BytesType, StringType)):
            self.push_bytes(b"")
        elif isinstance(t, DynArrayType):
            self.emit("LMAKE", 0)
        else:
            self.emit("ICALL", self.g.helper("empty", t))

    def validate(self, t: Type) -> None:
        """[value] -> [], reverting AbiDecodeError if an enum is out of range."""
        if isinstance(t, EnumType):
            ok = self.label("enum_ok")
            self.push_int(len(t.members))
            self.emit("LT")
            self.emit("JMPIF", ok)
            self.revert_const(ABI_DECODE_ERROR)
            self.place(ok)
        else:
            self.emit("ICALL", self.g.helper("check", t))


def _flatten(t: Type) -> list:
    if t is VOID or t is None:
        return []
    if isinstance(t, TupleType):
        return list(t.elems)
    return [t]


class Codegen:
    def __init__(self, contract: Contract, facts: dict):
        self.contract = contract
        self.facts = facts
        self.asm = Assembler()
        self.helpers: dict[str, str] = {}
        self.pending: list = []

    def function_name(self, info: FunctionInfo) -> str:
        return info.name

    def helper(self, what: str, t: Type) -> str:
        name = f"${what}:{t.name}"
        if name not in self.helpers:
            self.helpers[name] = name
            self.pending.append((what, t, name))
        return name

    def run(self):
        c = self.contract
        order = [f for f in c.functions.values() if f.is_constructor]
        order += [f for f in c.functions.values() if not f.is_constructor]
        builders = []
        for info in order:
            flags = 0
            if info.is_external:
                flags |= EXTERNAL
            if info.is_constructor:
                flags |= CONSTRUCTOR
            if info.is_external and info.mutability in ("view", "pure"):
                flags |= VIEW
            if (info.is_external or info.is_constructor) and info.mutability == "payable":
                flags |= PAYABLE
            if info.is_external and info.reentrant:
                flags |= REENTRANT
            sel = info.selector if info.is_external else b"\x00\x00\x00\x00"
            builder = self.asm.function(info.name, flags=flags, selector=sel)
            builders.append((info, builder))
        if not any(f.is_constructor for f in order) and (c.uses_roles or not order):
            builder = self.asm.function("__init__", flags=CONSTRUCTOR)
            gen = FunctionGen(self, builder, None, None)
            gen.kinds = ["b"]
            if c.uses_roles:
                gen.grant_role_const(ADMIN_ROLE)
            gen.push_bytes(b"")
            gen.emit("RET")
            builder.params, builder.returns = "b", "b"
        for info, builder in builders:
            gen = FunctionGen(self, builder, self.facts[info.name], info)
            gen.function()
        while self.pending:
            what, t, name = self.pending.pop(0)
            builder = self.asm.function(name)
            HelperGen(self, builder).build(what, t)
        return self.asm


class HelperGen(FunctionGen):
    """Generated functions for compound storage values, empties and decode checks."""

    def __init__(self, gen: Codegen, builder):
        super().__init__(gen, builder, None, None)

    def build(self, what: str, t: Type) -> None:
        b = self.b
        if what == "load":
            self.kinds = ["b"]
            b.params, b.returns = "b", "l"
            self.load_body(t)
        elif what == "store":
            self.kinds = ["b", "l"]
            b.params, b.returns = "bl", ""
            self.store_body(t)
        elif what == "empty":
            self.kinds = []
            b.params, b.returns = "", "l"
            self.empty_body(t)
        elif what == "check":
            self.kinds = ["l"]
            b.params, b.returns = "l", ""
            self.check_body(t)
        b.locals = "".join(self.kinds[len(b.params):])

    def elem_key(self, index_slot: int) -> None:
        self.emit("LOAD", 0)
        self.emit("LOAD", index_slot)
        self.emit("BFROMI", "u32")
        self.emit("BCAT")

    def loop(self, count_slot_or_const, body) -> None:
        i = self.new_slot("i")
        start, check = self.label("loop"), self.label("check")
        self.emit("JMP", check)
        self.place(start)
        body(i)
        self.emit("LOAD", i)
        self.emit("PUSHI", 1)
        self.emit("ADD", "u32")
        self.emit("STORE", i)
        self.place(check)
        self.emit("LOAD", i)
        if isinstance(count_slot_or_const, tuple):
            self.emit("LOAD", count_slot_or_const[0])
        else:
            self.push_int(count_slot_or_const)
        self.emit("LT")
        self.emit("JMPIF", start)

    def load_body(self, t: Type) -> None:
        if isinstance(t, StructType):
            for name, ft in t.fields:
                self.emit("LOAD", 0)
                self.push_bytes(field_suffix(name))
                self.emit("BCAT")
                self.load(ft)
            self.emit("LMAKE", len(t.fields))
            self.emit("RET")
            return
        out = self.new_slot("l")
        self.emit("LMAKE", 0)
        self.emit("STORE", out)
        cap = t.length if isinstance(t, ArrayType) else t.max

        def body(i):
            self.emit("LOAD", out)
            self.elem_key(i)
            self.load(t.elem)
            self.emit("LPUSH", cap)

        if isinstance(t, ArrayType):
            self.loop(t.length, body)
        else:
            n = self.new_slot("i")
            self.emit("LOAD", 0)
            self.emit("SLOAD")
            self.emit("STORE", n)
            self.loop((n,), body)
        self.emit("LOAD", out)
        self.emit("RET")

    def store_body(self, t: Type) -> None:
        if isinstance(t, StructType):
            for index, (name, ft) in enumerate(t.fields):
                self.emit("LOAD", 0)
                self.push_bytes(field_suffix(name))
                self.emit("BCAT")
                self.emit("LOAD", 1)
                self.push_int(index)
                self.emit("LGET", KIND_NAME[ft.kind])
                self.store(ft)
            self.emit("RET")
            return

        def body(i):
            self.elem_key(i)
            self.emit("LOAD", 1)
            self.emit("LOAD", i)
            self.emit("LGET", KIND_NAME[t.elem.kind])
            self.store(t.elem)

        if isinstance(t, ArrayType):
            self.loop(t.length, body)
        else:
            n = self.new_slot("i")
            self.emit("LOAD", 1)
            self.emit("LLEN")
            self.emit("DUP", 0)
            self.emit("STORE", n)
            self.emit("LOAD", 0)
            self.emit("SWAP", 1)
            self.emit("SSTORE")
            self.loop((n,), body)
        self.emit("RET")

    def empty_body(self, t: Type) -> None:
        if isinstance(t, StructType):
            for _, ft in t.fields:
                self.empty(ft)
            self.emit("LMAKE", len(t.fields))
            self.emit("RET")
            return
        if isinstance(t, ArrayType) and int_like(t.elem):
            self.push_int(t.length)
            self.emit("LNEW", "int")
            self.emit("RET")
            return
        out = self.new_slot("l")
        self.emit("LMAKE", 0)
        self.emit("STORE", out)

        def body(i):
            self.emit("LOAD", out)
            self.empty(t.elem)
            self.emit("LPUSH", t.length)

        self.loop(t.length, body)
        self.emit("LOAD", out)
        self.emit("RET")

    def check_body(self, t: Type) -> None:
        if isinstance(t, StructType):
            for index, (_, ft) in enumerate(t.fields):
                if contains_enum(ft):
                    self.emit("LOAD", 0)
                    self.push_int(index)
                    self.emit("LGET", KIND_NAME[ft.kind])
                    self.validate(ft)
            self.emit("RET")
            return
        n = self.new_slot("i")
        self.emit("LOAD", 0)
        self.emit("LLEN")
        self.emit("STORE", n)

        def body(i):
            self.emit("LOAD", 0)
            self.emit("LOAD", i)
            self.emit("LGET", KIND_NAME[t.elem.kind])
            self.validate(t.elem)

        self.loop((n,), body)
        self.emit("RET")
