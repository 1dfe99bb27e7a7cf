"""Running a SealedBidTender (C5) with Scenario A1's figures.

Every function works on contract proxies, so it runs the same on the
in-process `Chain` and on a live node through the SDK `Client`. Commitments
are computed here, in Python, as a bidder would compute them on its own
machine: sending the price to a node (even in a read-only call) would
reveal it.

    tender = deploy_tender(chain, token, owner=owner, regulator=treg, deployer=platform,
                           opens_at=chain.next_timestamp)
    bid = SealedBid(bidder_b, fen(10_000_000))
    commit_bid(token, tender, bid)
    ... time passes to the commit deadline ...
    reveal_bid(tender, bid)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from vm import abi as vm_abi

from .escrow_payroll import CONTRACTS, DAY, address_of, doc, fen

TENDER_SOURCE = CONTRACTS / "sealed_bid_tender.ht"

# The commitment's preimage: (tender address, tender id, bidder, price, salt, bid document).
COMMITMENT_TYPE = "(address,u64,address,u256,bytes32,bytes32)"

# --- Scenario A1's figures (DOMAIN.md section 3, in yuan) -------------------------------------

A1_TENDER_ID = 2026_0317
A1_ESTIMATED_PRICE = 10_500_000
A1_CEILING_PRICE = 10_500_000
A1_BID_BOND = 200_000              # within the 2% cap of 210 000
A1_PERFORMANCE_BOND_BPS = 1_000    # 10% of the contract price
A1_PRICES = {"A": 10_280_000, "B": 10_000_000, "C": 9_650_000, "D": 10_600_000, "E": 10_150_000}
A1_NEVER_REVEALS = ("C",)
A1_RANKING = ("B", "E", "A")       # valid bids by price; D is over the ceiling
A1_COMMIT_PERIOD = 20 * DAY        # commitments until the deadline; bids are opened then
A1_REVEAL_PERIOD = 3 * DAY         # the opening: reveals until the reveal deadline
A1_SIGN_WINDOW = 30 * DAY


def commitment(tender, tender_id: int, bidder, price: int, salt: bytes, bid_doc: bytes) -> bytes:
    """sha3_256 of the canonical encoding of the bid, bound to the tender and the bidder."""
    preimage = vm_abi.encode(COMMITMENT_TYPE, [bytes.fromhex(address_of(tender)[2:]), tender_id,
                                               bytes.fromhex(address_of(bidder)[2:]), price, salt, bid_doc])
    return hashlib.sha3_256(preimage).digest()


def salt_for(label: str) -> bytes:
    """A deterministic salt for a label (tests and demos; a real bidder draws 32 random bytes)."""
    return hashlib.sha3_256(b"hutong tender salt:" + label.encode()).digest()


@dataclass
class SealedBid:
    """A bid as its bidder keeps it until the opening."""

    bidder: object
    price: int
    salt: bytes = b""
    bid_doc: bytes = b""

    def __post_init__(self):
        label = f"{address_of(self.bidder)}:{self.price}"
        self.salt = self.salt or salt_for(label)
        self.bid_doc = self.bid_doc or doc(f"bid document {label}")

    def commitment(self, tender, tender_id: int | None = None) -> bytes:
        tender_id = tender.tender_id() if tender_id is None else tender_id
        return commitment(tender, tender_id, self.bidder, self.price, self.salt, self.bid_doc)


def deploy_tender(backend, token, *, owner, regulator, deployer, opens_at: int,
                  tender_id: int = A1_TENDER_ID, tender_doc: bytes | None = None,
                  estimated_price: int = fen(A1_ESTIMATED_PRICE), ceiling_price: int = fen(A1_CEILING_PRICE),
                  bid_bond: int = fen(A1_BID_BOND), performance_bond_bps: int = A1_PERFORMANCE_BOND_BPS,
                  commit_period: int = A1_COMMIT_PERIOD, reveal_period: int = A1_REVEAL_PERIOD,
                  sign_window: int = A1_SIGN_WINDOW):
    """Deploy a tender with A1's parameters unless told otherwise (amounts in fen);
    the commit deadline is `commit_period` after `opens_at`."""
    commit_deadline = opens_at + commit_period
    return backend.deploy(TENDER_SOURCE, token, address_of(owner), address_of(regulator), tender_id,
                          tender_doc or doc(f"tender document {tender_id}"), estimated_price, ceiling_price,
                          bid_bond, performance_bond_bps, commit_deadline, commit_deadline + reveal_period,
                          sign_window, sender=deployer)


def commit_bid(token, tender, bid: SealedBid):
    """The bidder approves the bid bond and commits; returns the commit receipt."""
    token.approve(tender.address, tender.bid_bond(), sender=bid.bidder)
    return tender.commit(bid.commitment(tender), sender=bid.bidder)


def reveal_bid(tender, bid: SealedBid):
    return tender.reveal(bid.price, bid.salt, bid.bid_doc, sender=bid.bidder)
