"""How state reaches the VM: a five-method protocol, the key layout, and an
in-memory implementation.

The VM sees state as a map from byte-string keys to byte-string values (absent
and empty are the same thing). The node's authenticated tree (node/state/)
implements the same protocol; the VM never imports it.

Key layout (shared with the state tree, documented in docs/state.md):

  0x00 || address(20)               account: nonce u64 || balance u128 || code hash (32, or none)
  0x01 || address(20) || path       contract storage; `path` is chosen by the compiler's
                                    name-keyed layout (see compiler/layout.py)
  0x02 || code_hash(32)             container bytes of deployed code

Storage values: integers are stored as minimal two's-complement big-endian
bytes and zero deletes the key; byte strings are stored as they are and the
empty string deletes the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

ACCOUNT_PREFIX = b"\x00"
STORAGE_PREFIX = b"\x01"
CODE_PREFIX = b"\x02"
ADDRESS_SIZE = 20


class State(Protocol):
    def get(self, key: bytes) -> bytes | None: ...
    def set(self, key: bytes, value: bytes | None) -> None: ...
    def snapshot(self) -> int: ...
    def rollback(self, snapshot: int) -> None: ...
    def commit(self, snapshot: int) -> None: ...


def account_key(address: bytes) -> bytes:
    return ACCOUNT_PREFIX + address


def storage_key(address: bytes, path: bytes) -> bytes:
    return STORAGE_PREFIX + address + path


def code_key(code_hash: bytes) -> bytes:
    return CODE_PREFIX + code_hash


@dataclass(frozen=True)
class Account:
    nonce: int = 0
    balance: int = 0
    code_hash: bytes = b""

    def encode(self) -> bytes | None:
        if not self.nonce and not self.balance and not self.code_hash:
            return None
        return self.nonce.to_bytes(8, "big") + self.balance.to_bytes(16, "big") + self.code_hash

    @classmethod
    def decode(cls, raw: bytes | None) -> "Account":
        if not raw:
            return EMPTY_ACCOUNT
        return cls(int.from_bytes(raw[:8], "big"), int.from_bytes(raw[8:24], "big"), raw[24:])


EMPTY_ACCOUNT = Account()


def read_account(state: State, address: bytes) -> Account:
    return Account.decode(state.get(ACCOUNT_PREFIX + address))


def write_account(state: State, address: bytes, account: Account) -> None:
    state.set(ACCOUNT_PREFIX + address, account.encode())


def int_to_storage(value: int) -> bytes | None:
    if not value:
        return None
    return value.to_bytes((value.bit_length() + 8) // 8, "big", signed=True)


def int_from_storage(raw: bytes | None) -> int:
    return int.from_bytes(raw, "big", signed=True) if raw else 0


class MemoryState:
    """A dict with an undo journal: the reference implementation of `State`.

    `snapshot()` returns a journal position; `rollback(s)` undoes every write
    made after it; `commit(s)` keeps them (the journal stays, so an outer
    snapshot can still roll them back).
    """

    def __init__(self, data: dict[bytes, bytes] | None = None):
        self.data: dict[bytes, bytes] = dict(data or {})
        self.journal: list[tuple[bytes, bytes | None]] = []

    def get(self, key: bytes) -> bytes | None:
        return self.data.get(key)

    def set(self, key: bytes, value: bytes | None) -> None:
        data = self.data
        self.journal.append((key, data.get(key)))
        if value:
            data[key] = value
        else:
            data.pop(key, None)

    def snapshot(self) -> int:
        return len(self.journal)

    def rollback(self, snapshot: int) -> None:
        journal, data = self.journal, self.data
        while len(journal) > snapshot:
            key, old = journal.pop()
            if old is None:
                data.pop(key, None)
            else:
                data[key] = old

    def commit(self, snapshot: int) -> None:
        if snapshot == 0:
            self.journal.clear()

    def copy(self) -> "MemoryState":
        return MemoryState(self.data)
