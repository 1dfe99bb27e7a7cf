"""A plain-Python model of contracts/sealed_bid_tender.ht (DOMAIN.md C5).

Each model method takes the sender and the time of the transaction and returns
the name of the error the contract must revert with, or None after applying the
call's effects to the model. Addresses are "0x..." text; amounts are fen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MIN_BIDDERS = 3
MAX_BIDDERS = 50
OPEN, REVEAL, AWARDED, SIGNED, FAILED, CANCELLED = range(6)
NONE, HELD, REFUNDABLE, REFUNDED, FORFEITED = range(5)
TOO_FEW_BIDDERS, NO_VALID_BID, ALL_CANDIDATES_LAPSED = range(3)

# T2: every legal move of a bond (withdrawal before the deadline returns it to NONE).
BOND_MOVES = {(NONE, HELD), (HELD, NONE), (HELD, REFUNDABLE), (HELD, FORFEITED), (REFUNDABLE, REFUNDED)}


@dataclass
class BidRecord:
    commitment: bytes
    order: int
    state: int = HELD
    revealed: bool = False
    valid: bool = False
    price: int = 0


@dataclass
class TenderModel:
    owner: str
    regulator: str
    bid_bond: int
    ceiling: int
    commit_deadline: int
    reveal_deadline: int
    sign_window: int
    performance_bond_bps: int
    stage: int = OPEN
    bids: dict = field(default_factory=dict)        # bidder -> BidRecord (HELD .. FORFEITED; withdrawn ones removed)
    bidders: list = field(default_factory=list)     # as the contract keeps them (swap-remove on withdrawal)
    ranking: list = field(default_factory=list)
    next_order: int = 0
    award_index: int = 0
    awarded_at: int = 0
    winner: str | None = None
    contract_price: int = 0
    fail_reason: int = 0
    forfeited_total: int = 0
    refunded_total: int = 0
    transfers: list = field(default_factory=list)   # (to, amount) the tender paid, in order

    # --- views ---------------------------------------------------------------------------------

    def phase(self, now: int) -> int:
        return REVEAL if self.stage == OPEN and now >= self.commit_deadline else self.stage

    def state_of(self, bidder: str) -> int:
        record = self.bids.get(bidder)
        return record.state if record else NONE

    @property
    def bonds_held(self) -> int:
        return self.bid_bond * sum(1 for r in self.bids.values() if r.state in (HELD, REFUNDABLE))

    def _expect_open(self, now: int) -> str | None:
        if self.stage != OPEN:
            return "WrongPhase"
        if now >= self.commit_deadline:
            return "TooLate"
        return None

    # --- bidding -------------------------------------------------------------------------------

    def commit(self, sender: str, now: int, commitment: bytes, allowance: int, balance: int) -> str | None:
        error = self._expect_open(now)
        if error:
            return error
        if commitment == b"\x00" * 32:
            return "EmptyCommitment"
        if sender in (self.owner, self.regulator):
            return "ConflictOfInterest"
        if self.state_of(sender) != NONE:
            return "AlreadyCommitted"
        if len(self.bidders) >= MAX_BIDDERS:
            return "TooManyBidders"
        if allowance < self.bid_bond:
            return "InsufficientAllowance"
        if balance < self.bid_bond:
            return "InsufficientBalance"
        self.bids[sender] = BidRecord(commitment, self.next_order)
        self.next_order += 1
        self.bidders.append(sender)
        return None

    def withdraw(self, sender: str, now: int) -> str | None:
        error = self._expect_open(now)
        if error:
            return error
        if self.state_of(sender) != HELD:
            return "NoBid"
        slot = self.bidders.index(sender)
        self.bidders[slot] = self.bidders[-1]
        self.bidders.pop()
        del self.bids[sender]
        self.refunded_total += self.bid_bond
        self.transfers.append((sender, self.bid_bond))
        return None

    def reveal(self, sender: str, now: int, preimage_commitment: bytes, price: int) -> str | None:
        """`preimage_commitment` is the hash of what the sender reveals, bound to the sender."""
        if self.stage != OPEN:
            return "WrongPhase"
        if now < self.commit_deadline:
            return "TooEarly"
        if now >= self.reveal_deadline:
            return "TooLate"
        if len(self.bidders) < MIN_BIDDERS:
            return "TooFewBidders"
        record = self.bids.get(sender)
        if record is None or record.state != HELD:
            return "NoBid"
        if record.revealed:
            return "AlreadyRevealed"
        if preimage_commitment != record.commitment:
            return "CommitmentMismatch"
        record.revealed, record.price, record.valid = True, price, 0 < price <= self.ceiling
        return None

    # --- evaluation and award ------------------------------------------------------------------

    def evaluate(self, now: int) -> str | None:
        if self.stage != OPEN:
            return "WrongPhase"
        if len(self.bidders) < MIN_BIDDERS:
            if now < self.commit_deadline:
                return "TooEarly"
            for bidder in self.bidders:
                self.bids[bidder].state = REFUNDABLE
            self._fail(TOO_FEW_BIDDERS)
            return None
        if now < self.reveal_deadline:
            return "TooEarly"
        forfeited = 0
        for bidder in self.bidders:
            record = self.bids[bidder]
            if not record.revealed:
                record.state = FORFEITED
                forfeited += self.bid_bond
            elif not record.valid:
                record.state = REFUNDABLE
        valid = [b for b in self.bidders if self.bids[b].revealed and self.bids[b].valid]
        self.ranking = sorted(valid, key=lambda b: (self.bids[b].price, self.bids[b].order))
        if forfeited:
            self.forfeited_total += forfeited
            self.transfers.append((self.owner, forfeited))
        if not self.ranking:
            self._fail(NO_VALID_BID)
        else:
            self._award(0, now)
        return None

    def sign(self, sender: str, now: int, escrow_owner: str, escrow_gc: str, escrow_price: int,
             escrow_bond: int) -> str | None:
        if self.stage != AWARDED:
            return "WrongPhase"
        if sender != self.winner:
            return "NotWinner"
        if now >= self.awarded_at + self.sign_window:
            return "TooLate"
        if (escrow_owner, escrow_gc, escrow_price) != (self.owner, self.winner, self.contract_price):
            return "EscrowMismatch"
        if escrow_bond < self.contract_price * self.performance_bond_bps // 10_000:
            return "BondNotPosted"
        self.stage = SIGNED
        for bidder in self.ranking:
            if self.bids[bidder].state == HELD:
                self.bids[bidder].state = REFUNDABLE
        return None

    def lapse(self, now: int) -> str | None:
        if self.stage != AWARDED:
            return "WrongPhase"
        if now < self.awarded_at + self.sign_window:
            return "TooEarly"
        self.bids[self.winner].state = FORFEITED
        self.forfeited_total += self.bid_bond
        if self.award_index + 1 < len(self.ranking):
            self._award(self.award_index + 1, now)
        else:
            self.winner, self.contract_price = None, 0
            self._fail(ALL_CANDIDATES_LAPSED)
        self.transfers.append((self.owner, self.bid_bond))
        return None

    def claim_refund(self, sender: str) -> str | None:
        if self.state_of(sender) != REFUNDABLE:
            return "NotRefundable"
        self.bids[sender].state = REFUNDED
        self.refunded_total += self.bid_bond
        self.transfers.append((sender, self.bid_bond))
        return None

    def cancel(self, sender: str) -> str | None:
        if sender != self.regulator:
            return "Unauthorized"
        if self.stage not in (OPEN, AWARDED):
            return "WrongPhase"
        self.stage = CANCELLED
        self.winner, self.contract_price = None, 0
        for bidder in self.bidders:
            if self.bids[bidder].state == HELD:
                self.bids[bidder].state = REFUNDABLE
        return None

    # --- internals -----------------------------------------------------------------------------

    def _award(self, index: int, now: int) -> None:
        self.stage, self.award_index, self.awarded_at = AWARDED, index, now
        self.winner = self.ranking[index]
        self.contract_price = self.bids[self.winner].price

    def _fail(self, reason: int) -> None:
        self.stage, self.fail_reason = FAILED, reason
