"""A plain-Python model of contracts/debt_voucher.ht (DOMAIN.md C4).

Each model method returns the name of the error the contract must revert with, or
None after applying the call's effects (and `self.returned` holds what the call
returns). Token movements are delegated to a `TokenModel`, so one model covers the
voucher and the settlement token it pays through.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

PENDING, ACTIVE, OFFERED, SPLIT, REDEEMED, CANCELLED = range(6)
STATUS_NAMES = ("PENDING", "ACTIVE", "OFFERED", "SPLIT", "REDEEMED", "CANCELLED")
LIVE = (PENDING, ACTIVE, OFFERED)
DAY = 86_400
MAX_TENOR = 365 * DAY
MAX_PARTS = 10
MAX_DEPTH = 8
ZERO_ADDRESS = "0x" + "00" * 20
ZERO_HASH = b"\x00" * 32
UINT256_MAX = 2**256 - 1


@dataclass
class VoucherRecord:
    id: int
    issuer: bytes
    holder: bytes
    face: int
    maturity: int
    root: int
    parent: int
    depth: int
    status: int
    trade_hash: bytes
    children: list = field(default_factory=list)
    frozen: bool = False
    financed: bool = False
    offer_bank: bytes = ZERO_ADDRESS
    offer_price: int = 0

    def as_tuple(self) -> list:
        """The fields in the order of the contract's `Voucher` struct."""
        return [self.issuer, self.holder, self.face, self.maturity, self.root, self.parent, self.depth,
                list(self.children), self.status, self.frozen, self.trade_hash, self.financed,
                self.offer_bank, self.offer_price]


@dataclass
class VoucherModel:
    contract: bytes            # the voucher contract's address (it spends allowances)
    token: object              # a TokenModel
    registrar: bytes
    regulator: bytes
    vouchers: dict = field(default_factory=dict)
    credit_line: defaultdict = field(default_factory=lambda: defaultdict(int))
    outstanding: defaultdict = field(default_factory=lambda: defaultdict(int))
    trade_used: dict = field(default_factory=dict)
    next_id: int = 1
    returned: object = None

    # --- credit and issue --------------------------------------------------------------

    def set_credit_line(self, sender, issuer, limit) -> str | None:
        if sender != self.registrar:
            return "Unauthorized"
        if limit < self.outstanding[issuer]:
            return "LimitBelowOutstanding"
        self.credit_line[issuer] = limit
        return None

    def issue(self, sender, now, to, face, maturity, trade_hash) -> str | None:
        if face == 0:
            return "ZeroAmount"
        if to in (ZERO_ADDRESS, sender):
            return "BadRecipient"
        if not now < maturity <= now + MAX_TENOR:
            return "BadMaturity"
        if trade_hash == ZERO_HASH or trade_hash in self.trade_used:
            return "TradeDocumentUsed"
        if self.outstanding[sender] + face > UINT256_MAX:
            return "Overflow"
        if self.outstanding[sender] + face > self.credit_line[sender]:
            return "CreditExceeded"
        id = self._new_id()
        self.vouchers[id] = VoucherRecord(id, sender, to, face, maturity, id, 0, 0, PENDING, trade_hash)
        self.outstanding[sender] += face
        self.trade_used[trade_hash] = id
        self.returned = id
        return None

    def accept(self, sender, id) -> str | None:
        error = self._holder_error(sender, id, PENDING)
        if error is None:
            self.vouchers[id].status = ACTIVE
        return error

    def decline(self, sender, id) -> str | None:
        error = self._holder_error(sender, id, PENDING)
        if error is None:
            v = self.vouchers[id]
            v.status = CANCELLED
            self.outstanding[v.issuer] -= v.face
        return error

    # --- trading ------------------------------------------------------------------------

    def split(self, sender, now, id, parts) -> str | None:
        error = self._tradable_error(sender, now, id) or self._split_error(id, parts)
        if error is None:
            self.returned = self._split(id, parts)
        return error

    def transfer(self, sender, now, id, to) -> str | None:
        error = self._tradable_error(sender, now, id) or self._recipient_error(id, to)
        if error is None:
            self.vouchers[id].holder = to
        return error

    def transfer_partial(self, sender, now, id, to, amount) -> str | None:
        error = self._tradable_error(sender, now, id)
        if error:
            return error
        face = self.vouchers[id].face
        if amount == 0:
            return "ZeroAmount"
        if amount >= face:
            return "BadParts"
        error = self._split_error(id, [amount, face - amount]) or self._recipient_error(id, to)
        if error:
            return error
        first, second = self._split(id, [amount, face - amount])
        self.vouchers[first].holder = to
        self.returned = [first, second]
        return None

    def offer_discount(self, sender, now, id, bank, price) -> str | None:
        error = self._tradable_error(sender, now, id)
        if error:
            return error
        v = self.vouchers[id]
        if price == 0:
            return "ZeroAmount"
        if price > v.face:
            return "PriceAboveFace"
        error = self._recipient_error(id, bank)
        if error:
            return error
        v.status, v.offer_bank, v.offer_price = OFFERED, bank, price
        return None

    def cancel_offer(self, sender, id) -> str | None:
        error = self._holder_error(sender, id, OFFERED)
        if error is None:
            self._clear_offer(self.vouchers[id])
        return error

    def accept_discount(self, sender, now, id) -> str | None:
        error = self._exists_error(id)
        if error:
            return error
        v = self.vouchers[id]
        if v.status != OFFERED:
            return "WrongStatus"
        if v.offer_bank != sender:
            return "NotOfferedTo"
        if now >= v.maturity:
            return "Matured"
        if v.frozen:
            return "IsFrozen"
        error = self.token.transfer_from(self.contract, sender, v.holder, v.offer_price)
        if error:
            return error
        v.holder, v.financed = sender, True
        self._clear_offer(v)
        return None

    # --- maturity ---------------------------------------------------------------------------

    def redeem(self, sender, now, id) -> str | None:
        return self.redeem_many(sender, now, [id])

    def redeem_many(self, sender, now, ids) -> str | None:
        """All or nothing: the first failing id reverts the whole call."""
        saved = self._save()
        for id in ids:
            error = self._redeem(sender, now, id)
            if error:
                self._restore(saved)
                return error
        return None

    def _redeem(self, sender, now, id) -> str | None:
        error = self._exists_error(id)
        if error:
            return error
        v = self.vouchers[id]
        if v.issuer != sender:
            return "NotIssuer"
        if v.status not in (ACTIVE, OFFERED):
            return "WrongStatus"
        if now < v.maturity:
            return "NotMatured"
        error = self.token.transfer_from(self.contract, v.issuer, v.holder, v.face)
        if error:
            return error
        self._clear_offer(v)
        v.status = REDEEMED
        self.outstanding[v.issuer] -= v.face
        return None

    # --- regulation ---------------------------------------------------------------------------

    def freeze_voucher(self, sender, id, case_hash) -> str | None:
        if sender != self.regulator:
            return "Unauthorized"
        error = self._exists_error(id)
        if error:
            return error
        v = self.vouchers[id]
        if v.status not in LIVE:
            return "WrongStatus"
        if v.frozen:
            return "IsFrozen"
        v.frozen = True
        return None

    def unfreeze_voucher(self, sender, id, case_hash) -> str | None:
        if sender != self.regulator:
            return "Unauthorized"
        error = self._exists_error(id)
        if error:
            return error
        if not self.vouchers[id].frozen:
            return "NotFrozen"
        self.vouchers[id].frozen = False
        return None

    # --- derived views --------------------------------------------------------------------------

    def leaves_of(self, root) -> list[int]:
        """Depth first, children in id order (the contract's walk)."""
        out, stack = [], [root]
        while stack:
            id = stack.pop()
            children = self.vouchers[id].children
            if not children:
                out.append(id)
            else:
                stack.extend(reversed(children))
        return out

    # --- internals ---------------------------------------------------------------------------------

    def _new_id(self) -> int:
        id, self.next_id = self.next_id, self.next_id + 1
        return id

    def _exists_error(self, id) -> str | None:
        return None if 1 <= id < self.next_id else "NoSuchVoucher"

    def _holder_error(self, sender, id, status) -> str | None:
        error = self._exists_error(id)
        if error:
            return error
        v = self.vouchers[id]
        if v.status != status:
            return "WrongStatus"
        if v.holder != sender:
            return "NotHolder"
        return None

    def _tradable_error(self, sender, now, id) -> str | None:
        error = self._holder_error(sender, id, ACTIVE)
        if error:
            return error
        v = self.vouchers[id]
        if now >= v.maturity:
            return "Matured"
        if v.frozen:
            return "IsFrozen"
        return None

    def _recipient_error(self, id, to) -> str | None:
        v = self.vouchers[id]
        return "BadRecipient" if to in (ZERO_ADDRESS, v.holder, v.issuer) else None

    def _split_error(self, id, parts) -> str | None:
        total = 0
        for part in parts:  # the contract's loop: the first zero or overflow wins
            if part == 0:
                return "ZeroAmount"
            total += part
            if total > UINT256_MAX:
                return "Overflow"
        v = self.vouchers[id]
        if len(parts) < 2 or total != v.face:
            return "BadParts"
        if v.depth >= MAX_DEPTH:
            return "TooDeep"
        return None

    def _split(self, id, parts) -> list[int]:
        parent = self.vouchers[id]
        children = []
        for part in parts:
            child = self._new_id()
            self.vouchers[child] = VoucherRecord(child, parent.issuer, parent.holder, part, parent.maturity,
                                                 parent.root, id, parent.depth + 1, ACTIVE, ZERO_HASH,
                                                 financed=parent.financed)
            children.append(child)
        parent.children = children
        parent.status = SPLIT
        return children

    @staticmethod
    def _clear_offer(v: VoucherRecord) -> None:
        if v.status == OFFERED:
            v.status = ACTIVE
        v.offer_bank, v.offer_price = ZERO_ADDRESS, 0

    def _save(self):
        import copy
        return copy.deepcopy((self.vouchers, self.outstanding, self.token.balances, self.token.allowances))

    def _restore(self, saved) -> None:
        self.vouchers, self.outstanding, self.token.balances, self.token.allowances = saved
