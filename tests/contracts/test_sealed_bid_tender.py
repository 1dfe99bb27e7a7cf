"""Unit tests of SealedBidTender (contracts/sealed_bid_tender.ht): every function,
every role check and every revert path, each revert checked to change nothing.
The bids are Scenario A1's unless a test says otherwise; amounts are in fen."""

from __future__ import annotations

import hashlib

import pytest

from vm import abi as vm_abi

from contracts.scenarios.escrow_payroll import DAY, doc, fen
from contracts.scenarios.tender import (A1_BID_BOND, A1_CEILING_PRICE, A1_ESTIMATED_PRICE, A1_PRICES, A1_SIGN_WINDOW,
                               A1_TENDER_ID, COMMITMENT_TYPE, SealedBid, commitment, deploy_tender)
from .tender_world import build

BOND = fen(A1_BID_BOND)
CEILING = fen(A1_CEILING_PRICE)
OPEN, REVEAL, AWARDED, SIGNED, FAILED, CANCELLED = range(6)
NONE, HELD, REFUNDABLE, REFUNDED, FORFEITED = range(5)
TOO_FEW_BIDDERS, NO_VALID_BID, ALL_CANDIDATES_LAPSED = range(3)


@pytest.fixture(scope="module")
def base():
    return build()


@pytest.fixture
def w(base):
    with base.chain.isolate():
        yield base


def a1_bids(w) -> dict:
    return {name: w.bid(name, fen(price)) for name, price in A1_PRICES.items()}


def commit_all(w, bids: dict):
    for bid in bids.values():
        w.commit(bid)


def to_opening(w):
    w.travel_to(w.tender.commit_deadline())


def to_evaluation(w):
    w.travel_to(w.tender.reveal_deadline())


def opened_a1(w) -> dict:
    """A1 up to the evaluation: five bids, all but C revealed, the reveal deadline reached."""
    bids = a1_bids(w)
    commit_all(w, bids)
    to_opening(w)
    for name in "ABDE":
        w.reveal(bids[name])
    to_evaluation(w)
    return bids


def awarded_a1(w) -> dict:
    """A1 up to the award: B wins."""
    bids = opened_a1(w)
    w.tender.evaluate()
    return bids


def states(w, names="ABCDE") -> dict:
    return {name: w.tender.bond_state_of(w.bidders[name]) for name in names}


# --- construction ----------------------------------------------------------------------------------

def test_constructor_records_the_parameters(w):
    t, p = w.tender, w.people
    assert t.owner() == p.owner and t.token() == w.token
    assert t.tender_id() == A1_TENDER_ID
    assert (t.estimated_price(), t.ceiling_price(), t.bid_bond()) == (fen(A1_ESTIMATED_PRICE), CEILING, BOND)
    assert t.reveal_deadline() == t.commit_deadline() + 3 * DAY
    assert t.sign_window() == A1_SIGN_WINDOW and t.performance_bond_bps() == 1_000
    assert t.phase() == OPEN and t.bidder_count() == 0 and t.bonds_held() == 0
    assert t.has_role(t.role("TENDER_REGULATOR"), p.regulator)


def test_roles_are_fixed_at_deployment(w):
    t, p = w.tender, w.people
    assert not t.has_role(t.role("ADMIN"), p.platform)
    with w.reverts("Unauthorized"):
        t.grant_role(t.role("TENDER_REGULATOR"), p.stranger, sender=p.platform)


@pytest.mark.parametrize("override, what", [
    ({"owner": "zero"}, "owner"),
    ({"regulator": "zero"}, "regulator"),
    ({"estimated_price": 0}, "estimated_price"),
    ({"ceiling_price": 0}, "ceiling_price"),
    ({"bid_bond": 0}, "bid_bond"),
    ({"bid_bond": fen(210_000) + 1}, "bid_bond above 2%"),
    ({"performance_bond_bps": 0}, "performance_bond_bps"),
    ({"performance_bond_bps": 1_001}, "performance bond above 10%"),
    ({"commit_period": 0}, "commit_deadline"),
    ({"reveal_period": 0}, "reveal_deadline"),
    ({"sign_window": 0}, "sign_window"),
])
def test_constructor_rejects_bad_parameters(w, override, what):
    p = w.people
    zero = "0x" + "00" * 20
    owner = zero if override.pop("owner", None) else p.owner
    regulator = zero if override.pop("regulator", None) else p.regulator
    with w.reverts("BadParameter") as info:
        deploy_tender(w.chain, w.token, owner=owner, regulator=regulator, deployer=p.platform, opens_at=w.now,
                      **override)
    # decoded from the revert data: a failed deployment leaves no ABI at its address
    assert vm_abi.decode("(string<=32)", bytes.fromhex(info.value.data[2:])[4:]) == [what.encode()]


def test_bid_bond_of_exactly_two_percent_is_accepted(w):
    tender = w.deploy_tender(bid_bond=fen(210_000))
    assert tender.bid_bond() == fen(210_000)


# --- commit ---------------------------------------------------------------------------------------------

def test_commit_pulls_the_bond_and_stores_only_the_commitment(w):
    bid = w.bid("A", fen(10_280_000))
    before = w.balance(bid.bidder)
    receipt = w.commit(bid)
    event = receipt.event("Committed")
    assert event.bidder == bid.bidder and event.commitment == bid.commitment(w.tender)
    t = w.tender
    assert w.balance(bid.bidder) == before - BOND and w.balance(t) == BOND == t.bonds_held()
    assert t.commitment_of(bid.bidder) == bid.commitment(t)
    assert t.bond_state_of(bid.bidder) == HELD and t.bidders() == [bid.bidder]
    # T5: nothing about the price is stored or shown before the opening
    assert t.storage("bids", bid.bidder, "price") == 0
    with w.reverts("NotRevealed"):
        t.revealed_price_of(bid.bidder)


def test_commit_closes_at_the_deadline(w):
    bid, late = w.bid("A", 1), w.bid("B", 1)
    for b in (bid, late):
        w.token.approve(w.tender, BOND, sender=b.bidder)
    w.travel_to(w.tender.commit_deadline() - 1)
    w.tender.commit(bid.commitment(w.tender), sender=bid.bidder)
    assert w.now == w.tender.commit_deadline()
    with w.reverts("TooLate", closed_at=w.tender.commit_deadline()):
        w.tender.commit(late.commitment(w.tender), sender=late.bidder)


def test_commit_refuses_an_empty_commitment(w):
    w.token.approve(w.tender, BOND, sender=w.bidders["A"])
    with w.reverts("EmptyCommitment"):
        w.tender.commit(b"\x00" * 32, sender=w.bidders["A"])


@pytest.mark.parametrize("party", ["owner", "regulator"])
def test_owner_and_regulator_may_not_bid(w, party):
    account = getattr(w.people, party)
    w.token.approve(w.tender, BOND, sender=account)
    with w.reverts("ConflictOfInterest"):
        w.tender.commit(SealedBid(account, 1).commitment(w.tender), sender=account)


def test_one_commitment_per_bidder(w):
    w.commit(w.bid("A", 1))
    w.token.approve(w.tender, BOND, sender=w.bidders["A"])
    with w.reverts("AlreadyCommitted"):
        w.tender.commit(w.bid("A", 2).commitment(w.tender), sender=w.bidders["A"])


def test_commit_without_allowance_reverts_in_the_token(w):
    bid = w.bid("A", 1)
    with w.reverts("InsufficientAllowance", needed=BOND, available=0):
        w.tender.commit(bid.commitment(w.tender), sender=bid.bidder)


def test_at_most_fifty_bidders(w):
    extra = [w.chain.new_account(balance=0) for _ in range(45)]
    for account in extra:
        w.token.transfer(account, BOND, sender=w.people.bank)
    for name in "ABCDE":
        w.commit(w.bid(name, 1))
    for account in extra:
        w.commit(SealedBid(account, 2))
    assert w.tender.bidder_count() == 50
    w.token.approve(w.tender, BOND, sender=w.bidders["F"])
    with w.reverts("TooManyBidders"):
        w.tender.commit(w.bid("F", 3).commitment(w.tender), sender=w.bidders["F"])


def test_commit_after_cancellation_reverts(w):
    w.tender.cancel(doc("collusion"), sender=w.people.regulator)
    w.token.approve(w.tender, BOND, sender=w.bidders["A"])
    with w.reverts("WrongPhase", phase=CANCELLED):
        w.tender.commit(w.bid("A", 1).commitment(w.tender), sender=w.bidders["A"])


# --- withdraw -------------------------------------------------------------------------------------------

def test_withdraw_refunds_at_once_and_keeps_the_bidder_list_dense(w):
    bids = {name: w.bid(name, fen(10_000_000)) for name in "ABC"}
    commit_all(w, bids)
    a = bids["A"].bidder
    before = w.balance(a)
    receipt = w.tender.withdraw(sender=a)
    assert [e.name for e in receipt.events if e.address == w.tender.address] == ["Withdrawn", "BondRefunded"]
    assert w.balance(a) == before + BOND and w.tender.bonds_held() == 2 * BOND == w.balance(w.tender)
    assert w.tender.bond_state_of(a) == NONE and w.tender.commitment_of(a) == b"\x00" * 32
    assert w.tender.bidders() == [bids["C"].bidder, bids["B"].bidder]
    # the last bidder moved into the freed slot, and may withdraw too
    w.tender.withdraw(sender=bids["C"].bidder)
    assert w.tender.bidders() == [bids["B"].bidder]
    # a withdrawn bidder may bid again, with a new commit order
    w.commit(bids["A"])
    assert w.tender.bidders() == [bids["B"].bidder, a]
    assert w.tender.storage("bids", a, "order") == 3


def test_withdraw_without_a_bid_reverts(w):
    with w.reverts("NoBid"):
        w.tender.withdraw(sender=w.people.stranger)


def test_no_withdrawal_after_the_deadline(w):
    w.commit(w.bid("A", 1))
    to_opening(w)
    with w.reverts("TooLate"):
        w.tender.withdraw(sender=w.bidders["A"])


# --- reveal ---------------------------------------------------------------------------------------------

def test_reveal_opens_the_bid_in_the_opening_window(w):
    bids = a1_bids(w)
    commit_all(w, bids)
    to_opening(w)
    assert w.tender.phase() == REVEAL
    event = w.reveal(bids["B"]).event("Revealed")
    assert (event.bidder, event.price, event.valid) == (bids["B"].bidder, fen(10_000_000), True)
    assert w.tender.revealed_price_of(bids["B"].bidder) == (fen(10_000_000), True)


def test_reveal_before_the_deadline_reverts(w):
    bids = a1_bids(w)
    commit_all(w, bids)
    w.travel_to(w.tender.commit_deadline() - 1)
    with w.reverts("TooEarly", opens_at=w.tender.commit_deadline()):
        w.reveal(bids["A"])


def test_reveal_at_the_reveal_deadline_reverts(w):
    bids = a1_bids(w)
    commit_all(w, bids)
    w.travel_to(w.tender.reveal_deadline() - 1)
    w.reveal(bids["A"])
    with w.reverts("TooLate", closed_at=w.tender.reveal_deadline()):
        w.reveal(bids["B"])


def test_with_fewer_than_three_bidders_nothing_is_opened(w):
    bids = {name: w.bid(name, fen(10_000_000)) for name in "AB"}
    commit_all(w, bids)
    to_opening(w)
    with w.reverts("TooFewBidders", count=2):
        w.reveal(bids["A"])


def test_reveal_with_the_wrong_salt_reverts(w):
    """A1: D trying to reveal with the wrong salt."""
    bids = a1_bids(w)
    commit_all(w, bids)
    to_opening(w)
    d = bids["D"]
    with w.reverts("CommitmentMismatch", bidder=d.bidder):
        w.tender.reveal(d.price, b"\x00" * 32, d.bid_doc, sender=d.bidder)
    with w.reverts("CommitmentMismatch"):
        w.tender.reveal(d.price - 1, d.salt, d.bid_doc, sender=d.bidder)
    with w.reverts("CommitmentMismatch"):
        w.tender.reveal(d.price, d.salt, doc("another document"), sender=d.bidder)


def test_nobody_can_open_another_bidders_commitment(w):
    """A1: E trying to reveal B's commitment (RELIABILITY.md test 34)."""
    bids = a1_bids(w)
    commit_all(w, bids)
    to_opening(w)
    b, e = bids["B"], bids["E"]
    with w.reverts("CommitmentMismatch", bidder=e.bidder):
        w.tender.reveal(b.price, b.salt, b.bid_doc, sender=e.bidder)
    with w.reverts("NoBid"):
        w.tender.reveal(b.price, b.salt, b.bid_doc, sender=w.people.stranger)
    w.reveal(b)  # B itself still can


def test_a_copied_commitment_gains_nothing(w):
    """RELIABILITY.md test 34: F copies B's commitment before the deadline. The copy
    is accepted (refusing duplicates would let anyone block a bid by copying it
    first), but F can never open it: the hash holds B's address. F forfeits."""
    bids = a1_bids(w)
    commit_all(w, bids)
    copier = w.bidders["F"]
    w.token.approve(w.tender, BOND, sender=copier)
    w.tender.commit(bids["B"].commitment(w.tender), sender=copier)
    to_opening(w)
    b = bids["B"]
    with w.reverts("CommitmentMismatch"):
        w.tender.reveal(b.price, b.salt, b.bid_doc, sender=copier)
    for name in "ABDE":
        w.reveal(bids[name])
    to_evaluation(w)
    w.tender.evaluate()
    assert w.tender.winner() == b.bidder
    assert w.tender.bond_state_of(copier) == FORFEITED


def test_a_commitment_cannot_be_replayed_in_another_tender(w):
    bids = a1_bids(w)
    commit_all(w, bids)
    other = w.deploy_tender(tender_id=A1_TENDER_ID + 1, opens_at=w.now)
    b = bids["B"]
    w.token.approve(other, BOND, sender=b.bidder)
    other.commit(b.commitment(w.tender), sender=b.bidder)  # the first tender's commitment
    for name in "AC":
        w.token.approve(other, BOND, sender=bids[name].bidder)
        other.commit(bids[name].commitment(other), sender=bids[name].bidder)
    w.travel_to(other.commit_deadline())
    with w.reverts("CommitmentMismatch"):
        other.reveal(b.price, b.salt, b.bid_doc, sender=b.bidder)


def test_reveal_twice_reverts(w):
    bids = a1_bids(w)
    commit_all(w, bids)
    to_opening(w)
    w.reveal(bids["A"])
    with w.reverts("AlreadyRevealed"):
        w.reveal(bids["A"])


@pytest.mark.parametrize("price, valid", [(0, False), (1, True), (CEILING, True), (CEILING + 1, False)])
def test_validity_is_a_positive_price_at_most_the_ceiling(w, price, valid):
    bids = {name: w.bid(name, fen(10_000_000)) for name in "AB"}
    bids["C"] = w.bid("C", price)
    commit_all(w, bids)
    to_opening(w)
    assert w.reveal(bids["C"]).event("Revealed").valid is valid


def test_the_commitment_is_the_documented_hash(w):
    """The preimage is the canonical encoding of (tender, tender_id, bidder, price, salt, doc)."""
    bid = w.bid("A", 123)
    expected = hashlib.sha3_256(vm_abi.encode(COMMITMENT_TYPE, [
        bytes.fromhex(w.tender.address[2:]), A1_TENDER_ID, bytes.fromhex(str(bid.bidder)[2:]), 123, bid.salt,
        bid.bid_doc])).digest()
    assert commitment(w.tender, A1_TENDER_ID, bid.bidder, 123, bid.salt, bid.bid_doc) == expected
    w.commit(bid)
    assert w.tender.commitment_of(bid.bidder) == expected


# --- evaluate ---------------------------------------------------------------------------------------------

def test_a1_evaluation_ranks_forfeits_and_awards(w):
    bids = opened_a1(w)
    owner_before = w.balance(w.people.owner)
    receipt = w.tender.evaluate()
    t = w.tender
    assert t.ranking() == [bids[n].bidder for n in "BEA"]
    assert t.phase() == AWARDED and t.winner() == bids["B"].bidder and t.contract_price() == fen(10_000_000)
    assert t.awarded_at() == w.chain.timestamp
    assert w.balance(w.people.owner) == owner_before + BOND and t.forfeited_total() == BOND
    assert states(w) == {"A": HELD, "B": HELD, "C": FORFEITED, "D": REFUNDABLE, "E": HELD}
    assert t.bonds_held() == 4 * BOND == w.balance(t)
    names = [e.name for e in receipt.events if e.address == t.address]
    assert names == ["BondForfeited", "BondRefundable", "Awarded"]
    assert receipt.event("BondForfeited").bidder == bids["C"].bidder


def test_evaluate_before_the_reveal_deadline_reverts(w):
    commit_all(w, a1_bids(w))
    w.travel_to(w.tender.reveal_deadline() - 1)
    with w.reverts("TooEarly", opens_at=w.tender.reveal_deadline()):
        w.tender.evaluate()


def test_fewer_than_three_bidders_fail_at_the_commit_deadline(w):
    """A1's second run: only two commitments, the tender fails and every bond is refundable."""
    bids = {name: w.bid(name, fen(A1_PRICES[name])) for name in "AB"}
    commit_all(w, bids)
    w.travel_to(w.tender.commit_deadline() - 1)
    with w.reverts("TooEarly", opens_at=w.tender.commit_deadline()):
        w.tender.evaluate()
    receipt = w.tender.evaluate(sender=w.people.stranger)  # anyone, at the deadline
    assert receipt.event("TenderFailed").reason == TOO_FEW_BIDDERS
    assert w.tender.phase() == FAILED and w.tender.fail_reason() == TOO_FEW_BIDDERS
    assert states(w, "AB") == {"A": REFUNDABLE, "B": REFUNDABLE}
    assert w.tender.winner() == "0x" + "00" * 20
    for bid in bids.values():
        w.tender.claim_refund(sender=bid.bidder)
    assert w.balance(w.tender) == 0 == w.tender.bonds_held()


def test_no_valid_bid_fails_the_tender(w):
    bids = {"A": w.bid("A", CEILING + 1), "B": w.bid("B", 0), "C": w.bid("C", 5)}
    commit_all(w, bids)
    to_opening(w)
    w.reveal(bids["A"])
    w.reveal(bids["B"])
    to_evaluation(w)
    receipt = w.tender.evaluate()
    assert receipt.event("TenderFailed").reason == NO_VALID_BID
    assert states(w, "ABC") == {"A": REFUNDABLE, "B": REFUNDABLE, "C": FORFEITED}
    assert w.tender.ranking() == []


def test_ties_go_to_the_earlier_commitment(w):
    price = fen(9_000_000)
    order = ["C", "A", "B"]
    for name in order:
        w.commit(w.bid(name, price))
    to_opening(w)
    for name in "ABC":
        w.reveal(w.bid(name, price))
    to_evaluation(w)
    w.tender.evaluate()
    assert w.tender.ranking() == [w.bidders[n] for n in order]


def test_evaluate_twice_reverts(w):
    awarded_a1(w)
    with w.reverts("WrongPhase", phase=AWARDED):
        w.tender.evaluate()


def test_fifty_bids_in_reverse_order_are_ranked_within_the_gas_limit(w):
    """The worst case of the insertion sort: 50 valid bids, each lower than the last."""
    accounts = [w.chain.new_account(balance=0) for _ in range(50)]
    bids = [SealedBid(a, fen(9_000_000) - i) for i, a in enumerate(accounts)]
    for bid in bids:
        w.token.transfer(bid.bidder, BOND, sender=w.people.bank)
        w.commit(bid)
    to_opening(w)
    for bid in bids:
        w.reveal(bid)
    to_evaluation(w)
    receipt = w.tender.evaluate()
    assert w.tender.ranking() == [b.bidder for b in reversed(bids)]
    assert receipt.gas_used < w.chain.block_gas_limit // 10


# --- sign_and_bond ---------------------------------------------------------------------------------------

def test_the_winner_signs_with_its_escrow_and_the_candidates_become_refundable(w):
    bids = awarded_a1(w)
    b = bids["B"].bidder
    escrow = w.escrow(b, fen(10_000_000), fen(1_000_000))
    receipt = w.tender.sign_and_bond(escrow, sender=b)
    event = receipt.event("Signed")
    assert (event.bidder, event.price, event.escrow) == (b, fen(10_000_000), escrow.address)
    assert w.tender.phase() == SIGNED and w.tender.contract_escrow() == escrow.address
    assert states(w) == {"A": REFUNDABLE, "B": REFUNDABLE, "C": FORFEITED, "D": REFUNDABLE, "E": REFUNDABLE}
    owner_before = w.balance(w.people.owner)
    for name in "ABDE":
        before = w.balance(bids[name].bidder)
        assert w.tender.claim_refund(sender=bids[name].bidder).event("BondRefunded").amount == BOND
        assert w.balance(bids[name].bidder) == before + BOND
    # T1 at the end of A1: 1 000 000 in, 800 000 refunded, 200 000 forfeited
    assert w.balance(w.tender) == 0 == w.tender.bonds_held()
    assert (w.tender.refunded_total(), w.tender.forfeited_total()) == (4 * BOND, BOND)
    assert w.balance(w.people.owner) == owner_before


def test_only_the_winner_signs(w):
    bids = awarded_a1(w)
    escrow = w.escrow(bids["E"].bidder, fen(10_000_000), fen(1_000_000))
    with w.reverts("NotWinner", caller=bids["E"].bidder, winner=bids["B"].bidder):
        w.tender.sign_and_bond(escrow, sender=bids["E"].bidder)


@pytest.mark.parametrize("mismatch", ["owner", "gc", "price"])
def test_the_escrow_must_match_the_award(w, mismatch):
    bids = awarded_a1(w)
    b = bids["B"].bidder
    escrow = w.escrow(bids["E"].bidder if mismatch == "gc" else b,
                      fen(10_000_001) if mismatch == "price" else fen(10_000_000), fen(1_000_000),
                      owner=w.people.stranger if mismatch == "owner" else None)
    with w.reverts("EscrowMismatch"):
        w.tender.sign_and_bond(escrow, sender=b)


def test_the_performance_bond_must_be_held(w):
    bids = awarded_a1(w)
    b = bids["B"].bidder
    short = w.escrow(b, fen(10_000_000), fen(1_000_000) - 1)
    with w.reverts("BondNotPosted", required=fen(1_000_000), held=fen(1_000_000) - 1):
        w.tender.sign_and_bond(short, sender=b)


def test_signing_closes_with_the_sign_window(w):
    bids = awarded_a1(w)
    b = bids["B"].bidder
    escrow = w.escrow(b, fen(10_000_000), fen(1_000_000))
    w.travel_to(w.tender.awarded_at() + A1_SIGN_WINDOW)
    with w.reverts("TooLate"):
        w.tender.sign_and_bond(escrow, sender=b)


def test_sign_before_the_award_reverts(w):
    escrow = w.escrow(w.bidders["B"], 1, 1)
    with w.reverts("WrongPhase", phase=OPEN):
        w.tender.sign_and_bond(escrow, sender=w.bidders["B"])


# --- lapse_award ---------------------------------------------------------------------------------------------

def test_a_lapsed_award_falls_to_the_next_bidder(w):
    bids = awarded_a1(w)
    t = w.tender
    early = t.awarded_at() + A1_SIGN_WINDOW - 1
    w.travel_to(early)
    with w.reverts("TooEarly"):
        t.lapse_award(sender=w.people.stranger)
    owner_before = w.balance(w.people.owner)
    receipt = t.lapse_award(sender=w.people.stranger)
    names = [e.name for e in receipt.events if e.address == t.address]
    assert names == ["AwardLapsed", "BondForfeited", "Awarded"]
    assert t.winner() == bids["E"].bidder and t.contract_price() == fen(10_150_000) and t.award_index() == 1
    assert t.bond_state_of(bids["B"].bidder) == FORFEITED
    assert w.balance(w.people.owner) == owner_before + BOND
    # E signs within its own window
    e = bids["E"].bidder
    escrow = w.escrow(e, fen(10_150_000), fen(1_015_000))
    w.travel_to(t.awarded_at() + A1_SIGN_WINDOW - 1)
    t.sign_and_bond(escrow, sender=e)
    assert states(w) == {"A": REFUNDABLE, "B": FORFEITED, "C": FORFEITED, "D": REFUNDABLE, "E": REFUNDABLE}


def test_when_every_candidate_lapses_the_tender_fails(w):
    awarded_a1(w)
    t = w.tender
    for _ in "BEA":
        w.travel_to(t.awarded_at() + A1_SIGN_WINDOW)
        receipt = t.lapse_award()
    assert receipt.event("TenderFailed").reason == ALL_CANDIDATES_LAPSED
    assert t.phase() == FAILED and t.winner() == "0x" + "00" * 20 and t.contract_price() == 0
    assert states(w) == {"A": FORFEITED, "B": FORFEITED, "C": FORFEITED, "D": REFUNDABLE, "E": FORFEITED}
    assert t.bonds_held() == BOND == w.balance(t)
    with w.reverts("WrongPhase", phase=FAILED):
        t.lapse_award()


def test_lapse_before_the_award_reverts(w):
    with w.reverts("WrongPhase", phase=OPEN):
        w.tender.lapse_award()


# --- claim_refund -------------------------------------------------------------------------------------------

def test_refunds_only_from_refundable(w):
    bids = awarded_a1(w)
    t = w.tender
    with w.reverts("NotRefundable", state=NONE):
        t.claim_refund(sender=w.people.stranger)
    with w.reverts("NotRefundable", state=HELD):
        t.claim_refund(sender=bids["A"].bidder)
    with w.reverts("NotRefundable", state=FORFEITED):
        t.claim_refund(sender=bids["C"].bidder)
    t.claim_refund(sender=bids["D"].bidder)
    with w.reverts("NotRefundable", state=REFUNDED):
        t.claim_refund(sender=bids["D"].bidder)


# --- cancel ---------------------------------------------------------------------------------------------

def test_only_the_tender_regulator_cancels(w):
    for account in (w.people.owner, w.people.stranger, w.bidders["A"]):
        with w.reverts("Unauthorized"):
            w.tender.cancel(doc("collusion"), sender=account)


@pytest.mark.parametrize("when", ["open", "reveal", "awarded"])
def test_cancel_before_signing_makes_held_bonds_refundable(w, when):
    bids = a1_bids(w)
    commit_all(w, bids)
    if when != "open":
        to_opening(w)
        w.reveal(bids["B"])
    expected_forfeits = {}
    if when == "awarded":
        for name in "ADE":
            w.reveal(bids[name])
        to_evaluation(w)
        w.tender.evaluate()
        expected_forfeits = {"C": FORFEITED}
    receipt = w.tender.cancel(doc("collusion found"), sender=w.people.regulator)
    assert receipt.event("TenderCancelled").doc == doc("collusion found")
    assert w.tender.phase() == CANCELLED and w.tender.winner() == "0x" + "00" * 20
    assert states(w) == {name: expected_forfeits.get(name, REFUNDABLE) for name in "ABCDE"}
    for name in "ABCDE":
        if name not in expected_forfeits:
            w.tender.claim_refund(sender=bids[name].bidder)
    assert w.balance(w.tender) == 0


def test_no_cancel_after_signing_or_failure(w):
    bids = awarded_a1(w)
    b = bids["B"].bidder
    w.tender.sign_and_bond(w.escrow(b, fen(10_000_000), fen(1_000_000)), sender=b)
    with w.reverts("WrongPhase", phase=SIGNED):
        w.tender.cancel(doc("too late"), sender=w.people.regulator)
