"""Semantics shared by both engines: checked arithmetic, byte strings, memory
gas, storage, logs and value transfer.

The reference interpreter (vm/reference.py) calls these for every instruction;
the translator (vm/translator.py) inlines the simple ones and calls these for
the rest, so the two engines cannot disagree on anything defined here.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from cryptography.hazmat.primitives import hashes

from . import abi
from . import constants as C
from .container import selector
from .errors import (
    HALT_ADDRESS, HALT_BYTES_TOO_LONG, HALT_LIST_KIND, HALT_LOG_TOO_LONG, HALT_STATIC_WRITE, HALT_STORAGE_KEY,
    HALT_STORAGE_VALUE, HALT_TOO_MANY_LOGS,
    ExceptionalHalt, OutOfGas, Revert,
)
from .opcodes import NumType
from .state import ACCOUNT_PREFIX, Account

# --- built-in errors ----------------------------------------------------------

BUILTIN_ERRORS = (
    "Overflow()", "DivisionByZero()", "IndexOutOfBounds()", "LengthExceeded()",
    "AbiDecodeError()", "AbiEncodeError()", "Reentrancy()", "UnknownFunction()",
    "NotPayable()", "InsufficientBalance()", "NoCode()", "CallDepthExceeded()",
)
ERROR_DATA = {sig[:-2]: selector(sig) for sig in BUILTIN_ERRORS}
ERROR_BY_SELECTOR = {data: name for name, data in ERROR_DATA.items()}

OVERFLOW = ERROR_DATA["Overflow"]
DIVISION_BY_ZERO = ERROR_DATA["DivisionByZero"]
INDEX_OUT_OF_BOUNDS = ERROR_DATA["IndexOutOfBounds"]
LENGTH_EXCEEDED = ERROR_DATA["LengthExceeded"]
ABI_DECODE_ERROR = ERROR_DATA["AbiDecodeError"]
ABI_ENCODE_ERROR = ERROR_DATA["AbiEncodeError"]
REENTRANCY = ERROR_DATA["Reentrancy"]
UNKNOWN_FUNCTION = ERROR_DATA["UnknownFunction"]
NOT_PAYABLE = ERROR_DATA["NotPayable"]
INSUFFICIENT_BALANCE = ERROR_DATA["InsufficientBalance"]
NO_CODE = ERROR_DATA["NoCode"]
CALL_DEPTH_EXCEEDED = ERROR_DATA["CallDepthExceeded"]


def revert(data: bytes, pc: int):
    raise Revert(data, pc)


# --- checked integer arithmetic -------------------------------------------

def check(t: NumType, value: int, pc: int) -> int:
    if t.lo <= value <= t.hi:
        return value
    raise Revert(OVERFLOW, pc)


def div(t: NumType, a: int, b: int, pc: int) -> int:
    if b == 0:
        raise Revert(DIVISION_BY_ZERO, pc)
    return check(t, a // b, pc)


def mod(t: NumType, a: int, b: int, pc: int) -> int:
    if b == 0:
        raise Revert(DIVISION_BY_ZERO, pc)
    return check(t, a % b, pc)


def exp_cost(b: int) -> int:
    return C.EXP_BIT * min(b.bit_length(), 512) if b > 0 else 0


def exp(t: NumType, a: int, b: int, pc: int) -> int:
    """a ** b checked against t. A power certain to overflow is refused before
    it is computed, so no huge integer is ever built (at most ~2 * t.bits bits)."""
    if b < 0:
        raise Revert(OVERFLOW, pc)
    if a in (0, 1) or b == 0:
        result = 1 if b == 0 else a
    elif a == -1:
        result = -1 if b & 1 else 1
    elif (abs(a).bit_length() - 1) * b > t.bits:
        # |a| >= 2**(bits(a)-1), so |a**b| >= 2**((bits(a)-1)*b): beyond every type.
        raise Revert(OVERFLOW, pc)
    else:
        result = a ** b
    return check(t, result, pc)


def muldiv(t: NumType, a: int, b: int, c: int, pc: int) -> int:
    if c == 0:
        raise Revert(DIVISION_BY_ZERO, pc)
    return check(t, a * b // c, pc)


def bitnot(t: NumType, a: int, pc: int) -> int:
    return check(t, ~a if t.signed else t.hi - a, pc)


def shl(t: NumType, a: int, n: int, pc: int) -> int:
    if not 0 <= n <= 256:
        raise Revert(OVERFLOW, pc)
    return check(t, a << n, pc)


def shr(t: NumType, a: int, n: int, pc: int) -> int:
    if not 0 <= n <= 256:
        raise Revert(OVERFLOW, pc)
    return check(t, a >> n, pc)


# --- byte strings --------------------------------------------------------------

def memory_words(nbytes: int, pc: int = -1) -> int:
    """The words a byte string of `nbytes` occupies. Halts before anything is
    allocated if one string would exceed MAX_BYTES."""
    if nbytes > C.MAX_BYTES:
        raise ExceptionalHalt(HALT_BYTES_TOO_LONG, pc)
    return (nbytes + 31) >> 5


def memory_cost(mem: int, words: int) -> int:
    """Memory gas for growing the transaction's allocation from `mem` to `mem + words`.

    Memory is metered per transaction, not per frame: with G gas a whole
    transaction, every frame included, allocates at most a words where
    3a + a^2/512 <= G (docs/gas.md). The caller commits `tx.mem += words` only
    after the charge succeeded, so an unaffordable allocation leaves no trace."""
    after = mem + words
    return C.MEMORY_LINEAR * words + (after * after) // C.MEMORY_QUADRATIC_DIVISOR - (mem * mem) // C.MEMORY_QUADRATIC_DIVISOR


def bslice(b: bytes, start: int, length: int, pc: int) -> bytes:
    if start < 0 or length < 0 or start + length > len(b):
        raise Revert(INDEX_OUT_OF_BOUNDS, pc)
    return b[start:start + length]


def bget(b: bytes, index: int, pc: int) -> int:
    if not 0 <= index < len(b):
        raise Revert(INDEX_OUT_OF_BOUNDS, pc)
    return b[index]


def bfromi(t: NumType, value: int, pc: int) -> bytes:
    if not t.lo <= value <= t.hi:
        raise Revert(OVERFLOW, pc)
    return value.to_bytes(t.bits // 8, "big", signed=t.signed)


def btoi(t: NumType, b: bytes, pc: int) -> int:
    if len(b) > t.bits // 8:
        raise Revert(OVERFLOW, pc)
    if not t.signed:
        return int.from_bytes(b, "big")
    return int.from_bytes(b.rjust(t.bits // 8, b"\x00"), "big", signed=True)


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def sha3(data: bytes) -> bytes:
    return hashlib.sha3_256(data).digest()


def sm3(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


HASHES = {"SHA256": sha256, "SHA3": sha3, "SM3": sm3}


def hash_cost(name: str, data: bytes) -> int:
    return C.HASH_WORD[name] * ((len(data) + 31) >> 5)


# --- lists -----------------------------------------------------------------------

KIND_CLASSES = (int, bytes, list)


def lget(lst: list, index: int, kind: int, pc: int):
    if not 0 <= index < len(lst):
        raise Revert(INDEX_OUT_OF_BOUNDS, pc)
    value = lst[index]
    if value.__class__ is not KIND_CLASSES[kind]:
        raise ExceptionalHalt(HALT_LIST_KIND, pc)
    return value


def lset(lst: list, index: int, value, pc: int) -> None:
    if not 0 <= index < len(lst):
        raise Revert(INDEX_OUT_OF_BOUNDS, pc)
    lst[index] = value


def lpush(lst: list, value, cap: int, pc: int) -> None:
    if len(lst) >= cap:
        raise Revert(LENGTH_EXCEEDED, pc)
    lst.append(value)


def lpop(lst: list, kind: int, pc: int):
    if not lst:
        raise Revert(INDEX_OUT_OF_BOUNDS, pc)
    if lst[-1].__class__ is not KIND_CLASSES[kind]:
        raise ExceptionalHalt(HALT_LIST_KIND, pc)
    return lst.pop()


def count_elements(lst: list, limit: int, pc: int = -1) -> int:
    """Elements a deep copy visits (iterative: lists may nest deeply).

    Lists are references, so one list may appear many times inside another
    (LMAKE over DUPs) or even inside itself (LPUSH of a list onto itself): the
    count is over paths, like the copy, and may be exponential or infinite.
    The walk stops with out of gas as soon as it passes `limit`, the number of
    elements the caller could pay for, so it never does unpaid work."""
    total = 0
    work = [lst]
    while work:
        current = work.pop()
        total += len(current)
        if total > limit:
            raise OutOfGas(pc)
        for item in current:
            if item.__class__ is list:
                work.append(item)
    return total


def deep_copy(lst: list) -> list:
    """Deep copy without recursion."""
    root = list(lst)
    work = [root]
    while work:
        current = work.pop()
        for i, item in enumerate(current):
            if item.__class__ is list:
                copy = list(item)
                current[i] = copy
                work.append(copy)
    return root


def list_count(count: int, pc: int) -> int:
    """A list length LNEW may allocate (checked before any gas or memory is spent)."""
    if count < 0 or count > C.MAX_BYTES:
        raise Revert(LENGTH_EXCEEDED, pc)
    return count


def encode(codec, fields, gas: int, pc: int) -> bytes:
    """ENCODE's encoding of `fields`, stopped at the limits that keep it paid for
    (constants.CODEC_VISIT): out of gas past gas // CODEC_VISIT list elements
    visited, bytes_too_long past MAX_BYTES of output, each before the work."""
    try:
        return codec.encode_fields(*fields, visits=gas // C.CODEC_VISIT, size=C.MAX_BYTES)
    except abi.AbiError:
        raise Revert(ABI_ENCODE_ERROR, pc) from None
    except abi.EncodeVisitLimit:
        raise OutOfGas(pc) from None
    except abi.EncodeSizeLimit:
        raise ExceptionalHalt(HALT_BYTES_TOO_LONG, pc) from None


def lnew(count: int, kind: int) -> list:
    return [0 if kind == 0 else b""] * count


# --- storage, accounts, logs ----------------------------------------------------------

class Log(NamedTuple):
    address: bytes
    topics: tuple[bytes, ...]
    data: bytes


def write(tx, key: bytes, value: bytes | None) -> None:
    """Every state write goes through here so the transaction knows what changed."""
    original = tx.original
    if key not in original:
        original[key] = tx.state.get(key)
    tx.state.set(key, value)


def storage_access(frame, key: bytes, pc: int) -> tuple[bytes, int]:
    """The full state key for a storage path and the gas to touch it."""
    if len(key) > C.MAX_STORAGE_KEY:
        raise ExceptionalHalt(HALT_STORAGE_KEY, pc)
    full = frame.storage_prefix + key
    warm = frame.tx.warm
    if full in warm:
        return full, C.STORAGE_WARM
    warm.add(full)
    return full, C.STORAGE_COLD


def read_int(state, full: bytes, pc: int) -> int:
    raw = state.get(full)
    if not raw:
        return 0
    if len(raw) > C.MAX_STORAGE_INT_BYTES:
        raise ExceptionalHalt(HALT_STORAGE_VALUE, pc)
    return int.from_bytes(raw, "big", signed=True)


def sstore(frame, key: bytes, value, pc: int) -> int:
    """Store an int or bytes value; returns the gas it costs."""
    if frame.static:
        raise ExceptionalHalt(HALT_STATIC_WRITE, pc)
    full, cost = storage_access(frame, key, pc)
    if value.__class__ is int:
        raw = value.to_bytes((value.bit_length() + 8) // 8, "big", signed=True) if value else None
    else:
        raw = value or None
    tx = frame.tx
    state = tx.state
    old = state.get(full)
    original = tx.original
    if full not in original:
        original[full] = old
    state.set(full, raw)
    if raw is None:
        return cost + C.STORAGE_WRITE
    if old is None:
        cost += C.STORAGE_CREATE
    return cost + C.STORAGE_WRITE + len(raw) * C.STORAGE_PER_BYTE


def check_address(address: bytes, pc: int) -> None:
    """An account operand must be a 20-byte address; anything else is an
    exceptional halt, before any state access or warm-set insert."""
    if len(address) != 20:
        raise ExceptionalHalt(HALT_ADDRESS, pc)


def account_cost(tx, address: bytes) -> int:
    if address in tx.warm_accounts:
        return C.ACCOUNT_WARM
    tx.warm_accounts.add(address)
    return C.ACCOUNT_COLD


def read_account(tx, address: bytes) -> Account:
    return Account.decode(tx.state.get(ACCOUNT_PREFIX + address))


def _balance_of_raw(raw: bytes | None) -> int:
    return int.from_bytes(raw[8:24], "big") if raw else 0


def balance(frame, address: bytes, pc: int = -1) -> tuple[int, int]:
    check_address(address, pc)
    tx = frame.tx
    return _balance_of_raw(tx.state.get(ACCOUNT_PREFIX + address)), account_cost(tx, address)


def codehash(frame, address: bytes, pc: int = -1) -> tuple[bytes, int]:
    check_address(address, pc)
    tx = frame.tx
    raw = tx.state.get(ACCOUNT_PREFIX + address)
    return (raw[24:] if raw else b""), account_cost(tx, address)


def _with_balance(raw: bytes | None, balance: int) -> bytes | None:
    """The account record `raw` with a new balance (nonce and code hash kept)."""
    if not raw:
        raw = b"\x00" * 24
    if not balance and raw[:8] == b"\x00" * 8 and len(raw) == 24:
        return None
    return raw[:8] + balance.to_bytes(16, "big") + raw[24:]


def move_value(tx, source: bytes, target: bytes, amount: int) -> bool:
    """Move native value; False (and no change) if the source cannot pay."""
    if amount == 0:
        return True
    if amount < 0:
        return False
    get = tx.state.get
    source_key, target_key = ACCOUNT_PREFIX + source, ACCOUNT_PREFIX + target
    src = get(source_key)
    src_balance = _balance_of_raw(src)
    if src_balance < amount:
        return False
    write(tx, source_key, _with_balance(src, src_balance - amount))
    dst = get(target_key)
    write(tx, target_key, _with_balance(dst, _balance_of_raw(dst) + amount))
    return True


def transfer(frame, target: bytes, amount: int, pc: int) -> int:
    if frame.static:
        raise ExceptionalHalt(HALT_STATIC_WRITE, pc)
    check_address(target, pc)
    tx = frame.tx
    cost = account_cost(tx, target)
    if amount > 0 and not tx.state.get(ACCOUNT_PREFIX + target):
        cost += C.TRANSFER_NEW_ACCOUNT
    if not move_value(tx, frame.address, target, amount):
        raise Revert(INSUFFICIENT_BALANCE, pc)
    return cost


def log(frame, topics: tuple[bytes, ...], data: bytes, pc: int) -> int:
    """Append a log; returns its gas. A transaction keeps at most MAX_LOGS_PER_TX
    logs of at most MAX_LOG_DATA bytes each (what a receipt can hold): one more
    is an exceptional halt of the frame."""
    if frame.static:
        raise ExceptionalHalt(HALT_STATIC_WRITE, pc)
    for topic in topics:
        if len(topic) != 32:
            raise Revert(LENGTH_EXCEEDED, pc)
    logs = frame.tx.logs
    if len(logs) >= C.MAX_LOGS_PER_TX or len(data) > C.MAX_LOG_DATA:
        raise ExceptionalHalt(HALT_TOO_MANY_LOGS if len(logs) >= C.MAX_LOGS_PER_TX else HALT_LOG_TOO_LONG, pc)
    logs.append(Log(frame.address, topics, data))
    return C.LOG_TOPIC * len(topics) + C.LOG_BYTE * len(data)


def out_of_gas(pc: int):
    raise OutOfGas(pc)
