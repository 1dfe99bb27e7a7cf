"""The mempool: admitted transactions waiting for a block.

* Per sender, transactions are kept by nonce. The *ready* ones run
  contiguously from the sender's account nonce; the others wait for the gap
  to close (at most `max_nonce_gap` ahead).
* Caps, in total and per sender, on count and bytes. A transaction that would
  exceed a cap is refused (`mempool_full`): the pool never exceeds its caps and
  what it holds never depends on timing.
* A transaction with the nonce of one already waiting replaces it only at a
  strictly higher gas price.
* After each block, `prune(account_nonce, height)` drops what the block made
  stale (nonces below the account's, expired transactions), and transactions
  that have waited on a nonce gap for more than `max_gap_age` blocks (the gap
  never closed: without this, fresh keys on a chain with a zero gas price
  could park gapped transactions for free until the pool is full).
* `ready(limit)` lists transactions in a deterministic order: senders by the
  arrival of their oldest ready transaction, each sender's run in nonce order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .errors import ALREADY_KNOWN, MEMPOOL_FULL, NONCE_TOO_HIGH, UNDERPRICED, invalid
from .tx import Decoded


@dataclass(frozen=True)
class MempoolLimits:
    max_count: int = 20_000
    max_bytes: int = 64 * 1024 * 1024
    max_per_sender: int = 512
    max_bytes_per_sender: int = 8 * 1024 * 1024
    max_nonce_gap: int = 64
    max_gap_age: int = 64  # blocks a transaction may wait on a nonce gap


@dataclass
class _Entry:
    decoded: Decoded
    arrival: int
    height: int = 0  # the height of the next block when it was admitted


@dataclass
class _Sender:
    by_nonce: dict[int, _Entry] = field(default_factory=dict)
    bytes: int = 0


class Mempool:
    def __init__(self, limits: MempoolLimits = MempoolLimits()):
        self.limits = limits
        self.senders: dict[bytes, _Sender] = {}
        self.by_hash: dict[bytes, Decoded] = {}
        self.total_bytes = 0
        self._expiring = 0  # transactions with an expiry height
        self._arrivals = itertools.count()

    def __len__(self) -> int:
        return len(self.by_hash)

    def __contains__(self, tx_hash: bytes) -> bool:
        return tx_hash in self.by_hash

    def add(self, decoded: Decoded, account_nonce: int, height: int = 0) -> Decoded | None:
        """Admit a transaction (already checked). Returns the one it replaced, if any.
        `height`: the height of the next block (the age of a gapped transaction counts from it)."""
        if decoded.hash in self.by_hash:
            raise invalid(ALREADY_KNOWN, "transaction already in the mempool")
        tx = decoded.tx
        if tx.nonce > account_nonce + self.limits.max_nonce_gap:
            raise invalid(NONCE_TOO_HIGH, f"nonce {tx.nonce} is more than {self.limits.max_nonce_gap} ahead "
                                          f"of the account nonce {account_nonce}")
        sender = self.senders.get(decoded.sender)
        size = len(decoded.raw)
        old = sender.by_nonce.get(tx.nonce) if sender else None
        if old is not None and tx.gas_price <= old.decoded.tx.gas_price:
            raise invalid(UNDERPRICED, "a transaction with this nonce is waiting; a replacement must pay "
                                       f"a higher gas price than {old.decoded.tx.gas_price}")
        freed = len(old.decoded.raw) if old else 0
        count_after = len(self.by_hash) + (0 if old else 1)
        sender_count = (len(sender.by_nonce) if sender else 0) + (0 if old else 1)
        sender_bytes = (sender.bytes if sender else 0) - freed + size
        if (count_after > self.limits.max_count or self.total_bytes - freed + size > self.limits.max_bytes
                or sender_count > self.limits.max_per_sender or sender_bytes > self.limits.max_bytes_per_sender):
            raise invalid(MEMPOOL_FULL, "mempool is full (or this sender's share of it is)")
        if sender is None:
            sender = self.senders[decoded.sender] = _Sender()
        if old is not None:
            # Keep the sender even when `old` was its only transaction: the
            # replacement goes into this same _Sender.
            self._remove(decoded.sender, sender, tx.nonce, keep_sender=True)
        sender.by_nonce[tx.nonce] = _Entry(decoded, next(self._arrivals), height)
        self._expiring += bool(tx.expiry)
        sender.bytes += size
        self.total_bytes += size
        self.by_hash[decoded.hash] = decoded
        return old.decoded if old else None

    def _remove(self, address: bytes, sender: _Sender, nonce: int, keep_sender: bool = False) -> None:
        entry = sender.by_nonce.pop(nonce)
        self._expiring -= bool(entry.decoded.tx.expiry)
        size = len(entry.decoded.raw)
        sender.bytes -= size
        self.total_bytes -= size
        del self.by_hash[entry.decoded.hash]
        if not sender.by_nonce and not keep_sender:
            del self.senders[address]

    def ready(self, account_nonce: Callable[[bytes], int], limit: int) -> list[Decoded]:
        """Transactions that can run now, in block order."""
        runs = []
        for address, sender in self.senders.items():
            nonce = account_nonce(address)
            run = []
            while nonce in sender.by_nonce and len(run) < limit:
                run.append(sender.by_nonce[nonce])
                nonce += 1
            if run:
                runs.append((run[0].arrival, run))
        runs.sort(key=lambda item: item[0])
        out: list[Decoded] = []
        for _, run in runs:
            for entry in run:
                if len(out) >= limit:
                    return out
                out.append(entry.decoded)
        return out

    def prune(self, account_nonce: Callable[[bytes], int], height: int,
              senders: Iterable[bytes] | None = None) -> int:
        """Drop stale (nonce below the account's) and expired transactions.
        `senders`: the only senders whose account nonce may have moved (those
        of the block just committed); None checks every sender. Expiry needs
        no lookup and is checked for everyone, when anything can expire."""
        dropped = 0
        for address in list(self.senders) if senders is None else set(senders):
            sender = self.senders.get(address)
            if sender is None:
                continue
            nonce = account_nonce(address)
            for tx_nonce in sorted(sender.by_nonce):
                if tx_nonce >= nonce:
                    break
                self._remove(address, sender, tx_nonce)
                dropped += 1
        max_age = self.limits.max_gap_age
        if self.senders and height > max_age:
            for address in list(self.senders):
                sender = self.senders[address]
                if min(entry.height for entry in sender.by_nonce.values()) + max_age >= height:
                    continue  # nothing of this sender is old enough
                ready = account_nonce(address)
                while ready in sender.by_nonce:
                    ready += 1
                for tx_nonce in sorted(sender.by_nonce):
                    if tx_nonce > ready and sender.by_nonce[tx_nonce].height + max_age < height:
                        self._remove(address, sender, tx_nonce)
                        dropped += 1
                        if address not in self.senders:
                            break
        if self._expiring:
            for address in list(self.senders):
                sender = self.senders[address]
                for tx_nonce in sorted(sender.by_nonce):
                    expiry = sender.by_nonce[tx_nonce].decoded.tx.expiry
                    if expiry and expiry < height:
                        self._remove(address, sender, tx_nonce)
                        dropped += 1
                        if address not in self.senders:
                            break
        return dropped

    def remove(self, decoded: Decoded) -> None:
        sender = self.senders.get(decoded.sender)
        if sender and decoded.tx.nonce in sender.by_nonce and \
                sender.by_nonce[decoded.tx.nonce].decoded.hash == decoded.hash:
            self._remove(decoded.sender, sender, decoded.tx.nonce)

    def pending_nonce(self, address: bytes, account_nonce: int) -> int:
        """The next nonce a sender should use, counting its ready transactions."""
        sender = self.senders.get(address)
        nonce = account_nonce
        while sender and nonce in sender.by_nonce:
            nonce += 1
        return nonce
