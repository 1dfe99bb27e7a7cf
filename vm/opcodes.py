"""The Hutong VM instruction set: one table, read by everything else.

Value model
-----------
The VM is a stack machine over three kinds of value, checked statically by the
verifier so that no instruction ever sees a kind it does not expect:

  i  integer   A mathematical integer. Arithmetic instructions carry a numeric
               type immediate (u8..u256, i8..i256) and revert with
               `Overflow` when the exact result leaves that type's range, and with
               `DivisionByZero` on a zero divisor. Nothing ever wraps. Signed
               division and modulo use floor semantics (Python's `//`, `%`).
               Booleans are the integers 0 and 1.
  b  bytes     An immutable byte string of at most MAX_BYTES bytes. Addresses
               are 20-byte strings; hashes and `bytes32` are 32-byte strings.
  l  list      A mutable array of values of any kind (structs and arrays of the
               contract language). Reading an element names the kind it expects
               (`LGET kind`); a mismatch is an exceptional halt.

Instruction encoding
--------------------
One opcode byte, then the immediates listed in the row, big-endian:

  i8      signed byte              local   u8 local-slot index
  u8      unsigned byte            const   u16 constant-pool index
  u16     unsigned 16-bit          func    u16 function-table index
  type    numeric type byte:       target  u16 absolute code offset of a jump
          bit 7 = signed,          kind    u8 value kind: 0 int, 1 bytes, 2 list
          bits 0-4 = width/8 - 1   depth   u8 stack depth (DUP/SWAP)

Stack effects are written `pops > pushes` with the top of stack on the right.
`*` is a value of any kind. Rows whose effect depends on an immediate (LOAD,
ICALL, ENCODE, ...) have `pops`/`pushes` of None and describe the rule in `doc`.

Gas
---
`gas` is the static cost. The verifier sums the static costs of each basic
block and the engines charge that sum once, on entry to the block. Rows marked
`dynamic` also charge a data-dependent cost when they run (see vm/constants.py and
docs/gas.md).

This table generates docs/opcodes.md (`python -m vm.docs`); a test fails when
that file is stale or when a row has no implementation in either engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Immediate = Literal["i8", "u8", "u16", "type", "local", "const", "func", "target", "kind", "depth"]
BlockEnd = Literal["jump", "branch", "stop"]

IMMEDIATE_SIZE: dict[str, int] = {
    "i8": 1, "u8": 1, "u16": 2, "type": 1, "local": 1,
    "const": 2, "func": 2, "target": 2, "kind": 1, "depth": 1,
}

KIND_INT, KIND_BYTES, KIND_LIST = 0, 1, 2
KIND_LETTERS = "ibl"


@dataclass(frozen=True, slots=True)
class Op:
    code: int
    name: str
    immediates: tuple[Immediate, ...]
    pops: str | None
    pushes: str | None
    gas: int
    doc: str
    ends_block: BlockEnd | None = None
    dynamic: bool = False

    @property
    def size(self) -> int:
        return 1 + sum(IMMEDIATE_SIZE[kind] for kind in self.immediates)


def _op(code, name, immediates, effect, gas, doc, ends_block=None, dynamic=False) -> Op:
    if effect is None:
        pops = pushes = None
    else:
        pops, _, pushes = effect.partition(">")
        pops, pushes = pops.strip().replace(" ", ""), pushes.strip().replace(" ", "")
    return Op(code, name, tuple(immediates), pops, pushes, gas, doc, ends_block, dynamic)


# fmt: off
OPCODES: tuple[Op, ...] = (
    # constants and stack
    _op(0x00, "NOP",      (),          ">",       1, "Do nothing."),
    _op(0x01, "PUSHI",    ("i8",),     "> i",     1, "Push a small integer (-128..127)."),
    _op(0x02, "PUSHC",    ("const",),  None,      1, "Push constant-pool entry; its kind is the entry's kind (int or bytes)."),
    _op(0x03, "POP",      (),          "* >",     1, "Discard the top of the stack."),
    _op(0x04, "DUP",      ("depth",),  None,      1, "Push a copy of the item `depth` below the top (0 = the top)."),
    _op(0x05, "SWAP",     ("depth",),  None,      1, "Swap the top with the item `depth` below it (depth >= 1)."),
    _op(0x06, "LOAD",     ("local",),  None,      1, "Push local slot `local`; its kind is the slot's declared kind."),
    _op(0x07, "STORE",    ("local",),  None,      1, "Pop into local slot `local`; the value must have the slot's kind."),

    # checked arithmetic (operands are exact integers; the result must fit `type`)
    _op(0x10, "ADD",      ("type",),   "i i > i", 3, "a + b; reverts Overflow outside `type`."),
    _op(0x11, "SUB",      ("type",),   "i i > i", 3, "a - b; reverts Overflow outside `type`."),
    _op(0x12, "MUL",      ("type",),   "i i > i", 6, "a * b; reverts Overflow outside `type`."),
    _op(0x13, "DIV",      ("type",),   "i i > i", 8, "a // b (floor); reverts DivisionByZero or Overflow."),
    _op(0x14, "MOD",      ("type",),   "i i > i", 8, "a % b (floor, sign of b); reverts DivisionByZero."),
    _op(0x15, "EXP",      ("type",),   "i i > i", 30, "a ** b for b >= 0; reverts Overflow (also for b < 0).", dynamic=True),
    _op(0x16, "NEG",      ("type",),   "i > i",   4, "-a; reverts Overflow outside `type` (e.g. -MIN)."),
    _op(0x17, "CAST",     ("type",),   "i > i",   3, "Check that a fits `type` (convert); reverts Overflow otherwise."),
    _op(0x18, "MULDIV",   ("type",),   "i i i > i", 20, "a * b // c with an exact intermediate; reverts DivisionByZero or Overflow."),
    _op(0x19, "MIN",      (),          "i i > i", 3, "The smaller of a and b."),
    _op(0x1A, "MAX",      (),          "i i > i", 3, "The larger of a and b."),

    # comparison and boolean logic
    _op(0x20, "LT",       (),          "i i > i", 2, "1 if a < b else 0."),
    _op(0x21, "GT",       (),          "i i > i", 2, "1 if a > b else 0."),
    _op(0x22, "LE",       (),          "i i > i", 2, "1 if a <= b else 0."),
    _op(0x23, "GE",       (),          "i i > i", 2, "1 if a >= b else 0."),
    _op(0x24, "EQ",       (),          None,      2, "1 if a == b else 0; a and b are both ints or both bytes."),
    _op(0x25, "NE",       (),          None,      2, "1 if a != b else 0; a and b are both ints or both bytes."),
    _op(0x26, "LNOT",     (),          "i > i",   2, "1 if a == 0 else 0."),

    # bitwise
    _op(0x28, "AND",      (),          "i i > i", 3, "Bitwise and (two's complement for negatives)."),
    _op(0x29, "OR",       (),          "i i > i", 3, "Bitwise or."),
    _op(0x2A, "XOR",      (),          "i i > i", 3, "Bitwise exclusive or."),
    _op(0x2B, "NOT",      ("type",),   "i > i",   4, "Bitwise complement within `type` (max - a unsigned, -a - 1 signed)."),
    _op(0x2C, "SHL",      ("type",),   "i i > i", 5, "a << n (0 <= n <= 256); reverts Overflow outside `type` or for n out of range."),
    _op(0x2D, "SHR",      ("type",),   "i i > i", 6, "a >> n, arithmetic (0 <= n <= 256); reverts Overflow for n out of range."),

    # byte strings
    _op(0x30, "BLEN",     (),          "b > i",   2, "Length of a byte string."),
    _op(0x31, "BCAT",     (),          "b b > b", 6, "Concatenate two byte strings.", dynamic=True),
    _op(0x32, "BSLICE",   (),          "b i i > b", 10, "b[start:start+length]; reverts IndexOutOfBounds past the end.", dynamic=True),
    _op(0x33, "BGET",     (),          "b i > i", 3, "The byte at index i as an integer; reverts IndexOutOfBounds."),
    _op(0x34, "BFROMI",   ("type",),   "i > b",   8, "Fixed-width big-endian encoding of a (two's complement if signed); reverts Overflow."),
    _op(0x35, "BTOI",     ("type",),   "b > i",   10, "Big-endian decoding (two's complement if signed) of at most width/8 bytes; reverts Overflow if longer."),

    # hashing
    _op(0x38, "SHA256",   (),          "b > b",   50, "SHA-256 digest (32 bytes).", dynamic=True),
    _op(0x39, "SHA3",     (),          "b > b",   60, "SHA3-256 digest (32 bytes).", dynamic=True),
    _op(0x3A, "SM3",      (),          "b > b",   250, "SM3 digest (32 bytes, GB/T 32905).", dynamic=True),

    # lists
    _op(0x40, "LMAKE",    ("u16",),    None,      4, "Pop u16 values (the first pushed becomes element 0) into a new list.", dynamic=True),
    _op(0x41, "LGET",     ("kind",),   "l i > *", 3, "Element i of a list, which must be of `kind`; reverts IndexOutOfBounds."),
    _op(0x42, "LSET",     (),          "l i * >", 3, "Set element i of a list; reverts IndexOutOfBounds."),
    _op(0x43, "LLEN",     (),          "l > i",   2, "Number of elements of a list."),
    _op(0x44, "LPUSH",    ("u16",),    "l * >",   9, "Append to a list holding fewer than u16 elements; reverts LengthExceeded otherwise.", dynamic=True),
    _op(0x45, "LPOP",     ("kind",),   "l > *",   8, "Remove and push the last element, which must be of `kind`; reverts IndexOutOfBounds if empty."),
    _op(0x46, "LCOPY",    (),          "l > l",   4, "Deep copy of a list (value semantics for structs and arrays); out of gas as soon as the elements counted (over all paths: lists may alias) pass gas_left // COPY_ELEMENT.", dynamic=True),
    _op(0x47, "LNEW",     ("kind",),   "i > l",   4, "A new list of n zero values (0 or empty bytes) of `kind` (int or bytes).", dynamic=True),

    # canonical encoding (vm/abi.py): the constant is a type descriptor such as "(address,u128)"
    _op(0x48, "ENCODE",   ("const",),  None,      10, "Pop the fields of the tuple type named by the constant; push their canonical encoding. Out of gas past gas_left // CODEC_VISIT list elements visited, bytes_too_long past MAX_BYTES of output, each checked as it goes.", dynamic=True),
    _op(0x49, "DECODE",   ("const",),  None,      10, "Pop bytes; push the fields of the tuple type named by the constant; reverts AbiDecodeError.", dynamic=True),

    # storage: keys are byte strings chosen by the compiler's layout, values ints or bytes
    _op(0x50, "SLOAD",    (),          "b > i",   10, "Read an integer from the contract's storage (0 when absent).", dynamic=True),
    _op(0x51, "SLOADB",   (),          "b > b",   16, "Read a byte string from the contract's storage (empty when absent).", dynamic=True),
    _op(0x52, "SSTORE",   (),          "b i >",   20, "Write an integer to storage (0 deletes); halts in a static context.", dynamic=True),
    _op(0x53, "SSTOREB",  (),          "b b >",   20, "Write a byte string to storage (empty deletes); halts in a static context.", dynamic=True),

    # environment
    _op(0x58, "CALLER",   (),          "> b",     2, "Address of the account that sent the current message."),
    _op(0x59, "SELF",     (),          "> b",     2, "Address of the executing contract."),
    _op(0x5A, "CALLVALUE", (),         "> i",     2, "Value sent with the current message."),
    _op(0x5B, "HEIGHT",   (),          "> i",     2, "Height of the block being executed."),
    _op(0x5C, "TIMESTAMP", (),         "> i",     2, "Timestamp of the block being executed (seconds)."),
    _op(0x5D, "CHAINID",  (),          "> i",     2, "Chain id from genesis."),
    _op(0x5E, "GASLEFT",  (),          "> i",     2, "Gas left after this instruction's block was charged."),
    _op(0x5F, "BALANCE",  (),          "b > i",   30, "Native balance of an address; halts (invalid_address) unless it is 20 bytes.", dynamic=True),
    _op(0x60, "CODEHASH", (),          "b > b",   30, "Code hash of an address (empty for an account without code); halts (invalid_address) unless it is 20 bytes.", dynamic=True),

    # logs
    _op(0x68, "LOG",      ("u8",),     None,      30, "Pop data, then u8 (0..4) topics of 32 bytes each; append a log. Halts in a static context, past MAX_LOGS_PER_TX logs in the transaction (too_many_logs) or MAX_LOG_DATA bytes of data (log_data_too_long).", dynamic=True),

    # calls
    _op(0x70, "ICALL",    ("func",),   None,      12, "Call function `func` of this contract: pops its parameters, pushes its results."),
    _op(0x71, "RET",      (),          None,      2, "Return the current function's results (its declared return kinds).", ends_block="stop"),
    _op(0x72, "CALL",     (),          "b b b i i > i b", 300, "Call (address, selector, data, value, gas): push success (0/1) and return or revert data.", dynamic=True),
    _op(0x73, "SCALL",    (),          "b b b i > i b", 300, "Static call (address, selector, data, gas): no writes, logs or value anywhere below.", dynamic=True),
    _op(0x74, "TRANSFER", (),          "b i >",   300, "Move native value to an address; reverts InsufficientBalance. Halts in a static context, or (invalid_address) unless the address is 20 bytes.", dynamic=True),
    _op(0x75, "REVERT",   (),          "b >",     2, "Revert the current message with the given data.", ends_block="stop"),

    # control flow
    _op(0x78, "JMP",      ("target",), ">",       4, "Jump to `target`.", ends_block="jump"),
    _op(0x79, "JMPIF",    ("target",), "i >",     4, "Jump to `target` if the popped value is not 0.", ends_block="branch"),
    _op(0x7A, "JMPIFNOT", ("target",), "i >",     4, "Jump to `target` if the popped value is 0.", ends_block="branch"),
)
# fmt: on

BY_CODE: dict[int, Op] = {op.code: op for op in OPCODES}
BY_NAME: dict[str, Op] = {op.name: op for op in OPCODES}
assert len(BY_CODE) == len(OPCODES) and len(BY_NAME) == len(OPCODES), "duplicate opcode"

# Dense lookup for the decoder: OP_AT[byte] is the Op or None.
OP_AT: tuple[Op | None, ...] = tuple(BY_CODE.get(code) for code in range(256))


# ---------------------------------------------------------------------------
# numeric types
# ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NumType:
    byte: int
    signed: bool
    bits: int

    @property
    def name(self) -> str:
        return f"{'i' if self.signed else 'u'}{self.bits}"

    @property
    def lo(self) -> int:
        return -(1 << (self.bits - 1)) if self.signed else 0

    @property
    def hi(self) -> int:
        return (1 << (self.bits - 1)) - 1 if self.signed else (1 << self.bits) - 1


def numtype_from_byte(byte: int) -> NumType | None:
    """The numeric type encoded by an immediate byte, or None if the byte is invalid."""
    if byte & 0x60:
        return None
    return NumType(byte, bool(byte & 0x80), ((byte & 0x1F) + 1) * 8)


def numtype_byte(name: str) -> int:
    """The immediate byte for a type name such as "u256" or "i8"."""
    if len(name) < 2 or name[0] not in "ui" or not name[1:].isdigit():
        raise ValueError(f"not a numeric type: {name!r}")
    bits = int(name[1:])
    if bits % 8 or not 8 <= bits <= 256:
        raise ValueError(f"numeric type width must be a multiple of 8 in 8..256: {name!r}")
    return (0x80 if name[0] == "i" else 0) | (bits // 8 - 1)


NUMTYPES: dict[int, NumType] = {
    byte: t for byte in range(256) if (t := numtype_from_byte(byte)) is not None
}
