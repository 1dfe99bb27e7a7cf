"""Scenario A (DOMAIN.md section 3): the full lifecycle of "Xiong'an demo: East Ring
Road Lot 3" — token, tender, escrow, payroll, completion and retention.

Written once over contract proxies, so it runs on the in-process `Chain` and on a
live node through the SDK `Client`. `run(backend)` asserts every figure of the
scenario as it goes (the negative checks included) and returns a `Result`: the gas
of every transaction by step, and a summary (balances, milestones, retention,
wages, conservation) for the demo. `contracts/scenarios/golden/scenario_a_gas.json`
holds the expected gas; regenerate it (and review the diff) with

    .venv/bin/python -m contracts.scenarios.scenario_a --update-gas

The backend needs `deploy(...)`, `timestamp` (the latest block's) and
`set_time(t)` (the next block's) besides what the proxies use, as Scenario B.

The owner is a 2-of-3 multisig of the construction unit, the finance payment
centre and the reform and development bureau: each of its calls is a proposal,
a second signer's approval and an execution, so a milestone approval runs
multisig -> escrow -> payroll -> token.
"""

from __future__ import annotations

import json
import pathlib
from dataclasses import dataclass, field
from typing import Callable

from node.crypto import Key
from node.sdk.contract import abi_index
from node.sdk.errors import TransactionFailed

from .escrow_payroll import (A2_BOND, A2_PLANNED, A2_PRICE, A3_EXPECTED, A3_MILESTONES, A4_CONTRACT_VALUES,
                             A4_CREWS, A4_DEPOSITS, A4_FREE_AFTER_MONTH, A4_LABOUR_MONTHS, A4_MONTHLY_BILL, A4_POOL,
                             CLOSURE_NOTICE, DAY, RELEASE_SILENCE, Calendar, Crew, a3_payees, act, address_of,
                             activate, approve_payment, certify, claim_milestone, connect, deploy_escrow,
                             deploy_payroll, doc, fen, fund_escrow, fund_pool, hire, post_bond, register_party,
                             submit_payroll)
from .tender import (A1_BID_BOND, A1_NEVER_REVEALS, A1_PRICES, A1_RANKING, A1_SIGN_WINDOW, A1_TENDER_ID,
                     SealedBid, commit_bid, deploy_tender, reveal_bid)

ROOT = pathlib.Path(__file__).resolve().parents[2]
TOKEN_SOURCE = ROOT / "contracts" / "settlement_token.ht"
MULTISIG_SOURCE = ROOT / "contracts" / "multisig.ht"
GAS_GOLDEN = pathlib.Path(__file__).resolve().parent / "golden" / "scenario_a_gas.json"

SUPPLY = 30_000_000
A0_TRANSFERS = {"owner": 10_000_000, **{b: 1_300_000 for b in "ABCDE"}, "guarantor": 10_000_000,
                "SA": 100_000, "SB": 100_000, "SC": 100_000}
A0_BANK_KEEPS = 3_200_000
A5_REFUND_UNUSED = 100_000          # M1's planned 2 500 000 less its certified 2 400 000
A5_DEFECT_CLAIM = 50_000
A5_RETENTION_TO_GC = 247_000
A5_DEPOSITS_BACK = 92_500
# Every party's balance at the end (yuan). Bonds and deposits come back in full to all
# but C; the owner keeps C's forfeited bid bond, the unused 100 000 and the defect
# claim; B (the GC) gets the milestones' "to GC" parts, the retention and the wage
# account's free 600; S and the subcontractors their direct payments.
A_FINAL_BALANCES = {
    "owner": 10_000_000 + A1_BID_BOND - A2_PRICE + A5_REFUND_UNUSED + A5_DEFECT_CLAIM,     # 350 000
    "A": 1_300_000, "C": 1_300_000 - A1_BID_BOND, "D": 1_300_000, "E": 1_300_000,
    "B": 1_300_000 + 2_182_400 + A5_RETENTION_TO_GC + 600,                                  # 3 730 000
    "S": 800_000 + 1_000_000 + 1_500_000,
    "SA": 100_000 + 500_000, "SB": 100_000 + 600_000 + 700_000, "SC": 100_000 + 400_000,
    "guarantor": 10_000_000, "bank": A0_BANK_KEEPS,
}


def key(label: str) -> Key:
    return Key.deterministic(f"xiongan-scenario-a-{label}")


@dataclass
class Cast:
    """Every party of the scenario as deterministic keys (the same on any backend)."""

    issuer: Key = field(default_factory=lambda: key("issuer"))
    regulator: Key = field(default_factory=lambda: key("regulator"))
    bank: Key = field(default_factory=lambda: key("bank1"))
    # the owner's three signers: construction unit, finance payment centre, reform & development bureau
    signers: tuple = field(default_factory=lambda: (key("construction-unit"), key("finance-centre"),
                                                    key("reform-bureau")))
    bidders: dict = field(default_factory=lambda: {name: key(f"bidder-{name}") for name in "ABCDE"})
    tender_regulator: Key = field(default_factory=lambda: key("public-resource-trading"))
    platform: Key = field(default_factory=lambda: key("platform"))
    supervisor: Key = field(default_factory=lambda: key("supervisor"))
    auditor: Key = field(default_factory=lambda: key("auditor"))
    guarantor: Key = field(default_factory=lambda: key("guarantor"))
    inspector: Key = field(default_factory=lambda: key("inspector"))
    supplier: Key = field(default_factory=lambda: key("S"))
    subs: dict = field(default_factory=lambda: {name: key(name) for name in ("SA", "SB", "SC")})

    @property
    def gc(self) -> Key:
        return self.bidders["B"]


# --- recording every transaction ------------------------------------------------------------

class Recorder:
    """The scenario's backend: passes everything to the real one (`Chain` or
    `Client`) and records the gas of every transaction, by step, in the order
    sent (reverted ones included). Contracts deployed through it send their
    transactions through it too. `listener(step, label, gas, ok)` sees each."""

    def __init__(self, backend, listener: Callable | None = None):
        self.backend = backend
        self.listener = listener
        self.step_name = "setup"
        self.steps: dict[str, list[tuple[str, int, bool]]] = {}
        self.contracts: dict[str, object] = {}

    # the scenario's own interface
    def step(self, name: str):
        self.step_name = name
        self.steps.setdefault(name, [])
        if self.listener:
            self.listener(name, None, None, True)

    def deploy(self, source, *args, sender=None, **options):
        contract = self.backend.deploy(source, *args, sender=sender, **options)
        contract.backend = self
        self.contracts[contract.address] = contract
        self._record(f"deploy {contract.name}", contract.deploy_receipt.gas_used, True)
        return contract

    @property
    def timestamp(self) -> int:
        return self.backend.timestamp

    def set_time(self, timestamp: int):
        self.backend.set_time(timestamp)

    # the proxies' backend interface
    def transact(self, sender, to, data: bytes, value: int = 0, gas: int | None = None) -> dict:
        record = self.backend.transact(sender, to, data, value, gas)
        contract = self.contracts.get(to)
        entry = abi_index(contract.abi).by_selector.get(data[:4]) if contract else None
        label = f"{contract.name if contract else to}.{entry['name'] if entry else data[:4].hex()}"
        self._record(label, record["gas_used"], record["status"] == "success")
        return record

    def __getattr__(self, item):  # call, abi_of, get_logs, layout_of, storage, estimate_gas ...
        return getattr(self.backend, item)

    def _record(self, label: str, gas: int, ok: bool):
        self.steps.setdefault(self.step_name, []).append((label if ok else f"{label} (reverted)", gas, ok))
        if self.listener:
            self.listener(self.step_name, label, gas, ok)

    def gas_table(self) -> dict:
        """Per step, per function: the gas of a single call, or calls/total/min/max."""
        table = {}
        for step, entries in self.steps.items():
            grouped: dict[str, list[int]] = {}
            for label, gas, _ in entries:
                grouped.setdefault(label, []).append(gas)
            table[step] = {label: gases[0] if len(gases) == 1 else
                           {"calls": len(gases), "total": sum(gases), "min": min(gases), "max": max(gases)}
                           for label, gases in grouped.items()}
        return table

    @property
    def transaction_count(self) -> int:
        return sum(len(entries) for entries in self.steps.values())


def expect_revert(error: str, sender, contract, function: str, *args) -> TransactionFailed:
    """Send a transaction (as `sender`, an account or an executor) that must fail with `error`."""
    try:
        act(sender, contract, function, *args)
    except TransactionFailed as failure:
        assert failure.error == error, f"{contract.name}.{function}: expected {error}, got {failure}"
        return failure
    raise AssertionError(f"{contract.name}.{function}: expected a revert with {error}, but it succeeded")


# --- the owner: a 2-of-3 multisig --------------------------------------------------------------

class MultisigOwner:
    """Acts for the owner role held by a multisig: a call is proposed by one signer,
    approved by a second and executed (by the proposer). Usable as a `sender` of the
    escrow_payroll helpers: callable, and without an `.address`."""

    def __init__(self, multisig, proposer: Key, approver: Key, ttl: int = 30 * DAY):
        self.multisig, self.proposer, self.approver, self.ttl = multisig, proposer, approver, ttl
        self.last_proposal: int | None = None

    def propose(self, contract, function: str, *args) -> int:
        fn = contract.functions[function]
        receipt = self.multisig.propose(contract.address, fn.signature, fn.encode_arguments(args, {}), self.ttl,
                                        sender=self.proposer)
        self.last_proposal = receipt.return_value
        self.multisig.approve(self.last_proposal, sender=self.approver)
        return self.last_proposal

    def execute(self, proposal: int):
        return self.multisig.execute(proposal, sender=self.proposer)

    def __call__(self, contract, function: str, *args):
        return self.execute(self.propose(contract, function, *args))


# --- the world ------------------------------------------------------------------------------

@dataclass
class World:
    rec: Recorder
    cast: Cast
    token: object
    multisig: object
    owner: MultisigOwner
    tender: object = None
    payroll: object = None
    escrow: object = None
    crews: dict = field(default_factory=dict)
    calendar: Calendar | None = None
    accounts: dict = field(default_factory=dict)   # name -> address, every holder of tokens

    def balance(self, party) -> int:
        return self.token.balance_of(address_of(party))

    def check_supply(self):
        """K1: the balances of every known address add up to the supply, 30 000 000."""
        total = sum(self.token.balance_of(a) for a in self.accounts.values())
        assert total == self.token.total_supply() == fen(SUPPLY), f"K1: {total} != {fen(SUPPLY)}"

    def subs_never_gain(self, action):
        """W1: a subcontractor's token balance never rises inside a payroll transaction."""
        before = {name: self.balance(sub) for name, sub in self.cast.subs.items()}
        result = action()
        for name, sub in self.cast.subs.items():
            assert self.balance(sub) <= before[name], f"{name}'s balance rose in a payroll transaction"
        return result

    def check_payroll(self):
        """W4 conservation and W5 partition of the wage account, exactly."""
        t = self.payroll.totals()
        refunds = t.deposits_refunded + t.pool_refunded + t.free_refunded
        assert t.balance == self.balance(self.payroll)
        assert t.balance == t.labour_received + t.pool_funded + t.deposits_posted - t.wages_paid - t.held_claimed \
            - refunds, "W4"
        assert t.balance == t.free + t.pool_balance + t.deposits_total + (t.held_total - t.held_claimed), "W5"
        return t

    def check_escrow(self):
        """E1 conservation and E2 partition of the escrow, exactly."""
        t = self.escrow.totals()
        out = t.paid_gc + t.paid_direct + t.paid_labour + t.retention_to_owner + t.retention_to_gc + t.refunded \
            + t.bond_returned + t.bond_forfeited
        assert t.balance == self.balance(self.escrow) == t.funded + t.bond_posted - out, "E1"
        assert t.balance == t.free + t.bond_held + t.retention_held + (t.held_total - t.held_claimed), "E2"
        return t


@dataclass
class Result:
    gas: dict
    summary: dict
    transactions: int


# --- the scenario -------------------------------------------------------------------------------

def run(backend, listener: Callable | None = None) -> Result:
    """Scenario A, A0 to A5, with every figure asserted."""
    rec = Recorder(backend, listener)
    w = a0_money(rec)
    a1_tender(w)
    a2_escrow(w)
    a3_a4_months(w)
    a5_completion(w)
    return Result(rec.gas_table(), summary(w), rec.transaction_count)


def a0_money(rec: Recorder) -> World:
    """A0: the issuer authorises Bank1 and issues 30 000 000; Bank1 funds the owner, the
    bidders, the guarantor and the subcontractors and keeps 3 200 000."""
    rec.step("A0 money")
    c = Cast()
    token = rec.deploy(TOKEN_SOURCE, c.issuer.address, c.regulator.address, sender=c.issuer)
    token.set_operator(c.bank.address, True, sender=c.issuer)
    token.issue(c.bank.address, fen(SUPPLY), sender=c.issuer)
    multisig = rec.deploy(MULTISIG_SOURCE, [s.address for s in c.signers], 2, sender=c.platform)
    owner = MultisigOwner(multisig, proposer=c.signers[0], approver=c.signers[1])
    recipients = {"owner": multisig.address, **{n: k.address for n, k in c.bidders.items()},
                  "guarantor": c.guarantor.address, **{n: k.address for n, k in c.subs.items()}}
    for name, amount in A0_TRANSFERS.items():
        token.transfer(recipients[name], fen(amount), sender=c.bank)
    w = World(rec, c, token, multisig, owner)
    w.accounts = {"bank": address_of(c.bank), **recipients, "S": address_of(c.supplier)}
    assert w.balance(c.bank) == fen(A0_BANK_KEEPS)
    assert sum(A0_TRANSFERS.values()) + A0_BANK_KEEPS == SUPPLY
    w.check_supply()
    return w


def a1_tender(w: World):
    """A1: five sealed bids; C never reveals; D is over the ceiling; B wins at 10 000 000,
    signs with its escrow and performance bond; a second tender with two bidders fails."""
    rec, c, token = w.rec, w.cast, w.token
    rec.step("A1 tender: commitments")
    opens_at = rec.timestamp + 1
    tender = deploy_tender(rec, token, owner=w.multisig, regulator=c.tender_regulator, deployer=c.platform,
                           opens_at=opens_at)
    # Lot 4, tendered at the same time, draws only two bidders.
    lot4 = deploy_tender(rec, token, owner=w.multisig, regulator=c.tender_regulator, deployer=c.platform,
                         opens_at=opens_at, tender_id=A1_TENDER_ID + 1)
    w.tender = tender
    w.accounts.update(tender=tender.address, lot4=lot4.address)
    bids = {name: SealedBid(c.bidders[name], fen(price)) for name, price in A1_PRICES.items()}
    for bid in bids.values():
        commit_bid(token, tender, bid)
    assert tender.bonds_held() == 5 * fen(A1_BID_BOND) == fen(1_000_000) == w.balance(tender)
    lot4_bids = [SealedBid(c.bidders[name], fen(A1_PRICES[name]) + 1) for name in "AE"]
    for bid in lot4_bids:
        commit_bid(token, lot4, bid)
    # T5: before the opening no price is anywhere: not in storage, not in a view
    for bid in bids.values():
        assert tender.storage("bids", bid.bidder.address, "price") == 0
    w.check_supply()

    rec.step("A1 tender: opening")
    rec.set_time(tender.commit_deadline())
    receipt = lot4.evaluate(sender=c.tender_regulator)
    assert receipt.event("TenderFailed").args["reason"] == 0  # TOO_FEW_BIDDERS: never opened
    for bid in lot4_bids:
        assert lot4.bond_state_of(bid.bidder.address) == 2  # REFUNDABLE
        lot4.claim_refund(sender=bid.bidder)
    assert w.balance(lot4) == 0
    for name in "ABDE":
        if name == "D":  # D first tries with the wrong salt
            d = bids["D"]
            expect_revert("CommitmentMismatch", d.bidder, tender, "reveal", d.price, b"\x00" * 32, d.bid_doc)
        if name == "E":  # E tries to open B's bid
            b = bids["B"]
            expect_revert("CommitmentMismatch", c.bidders["E"], tender, "reveal", b.price, b.salt, b.bid_doc)
        reveal_bid(tender, bids[name])
    assert tender.revealed_price_of(c.bidders["D"].address) == (fen(A1_PRICES["D"]), False)  # over the ceiling
    w.check_supply()

    rec.step("A1 tender: evaluation")
    owner_before = w.balance(w.multisig)
    rec.set_time(tender.reveal_deadline())
    tender.evaluate(sender=c.tender_regulator)
    assert tender.ranking() == [address_of(c.bidders[n]) for n in A1_RANKING]
    assert tender.winner() == address_of(c.gc) and tender.contract_price() == fen(A2_PRICE)
    for name in A1_NEVER_REVEALS:
        assert tender.bond_state_of(c.bidders[name].address) == 4  # FORFEITED
    assert w.balance(w.multisig) == owner_before + fen(A1_BID_BOND)
    w.check_supply()

    rec.step("A1 tender: award and signing")
    w.payroll = deploy_payroll(rec, token, gc=c.gc, inspector=c.inspector, guarantor=c.guarantor, admin=c.platform)
    token.set_protected(w.payroll.address, True, sender=c.issuer)
    w.escrow = deploy_escrow(rec, token, w.payroll, owner=w.multisig, gc=c.gc, supervisor=c.supervisor,
                             auditor=c.auditor, deployer=c.signers[0])
    w.accounts.update(payroll=w.payroll.address, escrow=w.escrow.address)
    assert w.escrow.contract_price() == tender.contract_price()
    connect(w.payroll, w.escrow, admin=c.platform)
    post_bond(token, w.escrow, gc=c.gc)
    assert w.escrow.bond_held() == fen(A2_BOND) == tender.contract_price() // 10
    assert rec.timestamp < tender.awarded_at() + A1_SIGN_WINDOW
    event = tender.sign_and_bond(w.escrow.address, sender=c.gc).event("Signed").args
    assert (event["bidder"], event["price"]) == (address_of(c.gc), fen(A2_PRICE))
    for name in "ABDE":
        receipt = tender.claim_refund(sender=c.bidders[name])
        assert receipt.event("BondRefunded").args["amount"] == fen(A1_BID_BOND)
    # T1: 1 000 000 in bonds at the start, 800 000 refunded, 200 000 forfeited, 0 left
    assert (tender.refunded_total(), tender.forfeited_total()) == (fen(800_000), fen(200_000))
    assert w.balance(tender) == 0 == tender.bonds_held()
    for name in "ADE":
        assert w.balance(c.bidders[name]) == fen(1_300_000)
    w.check_supply()


def a2_escrow(w: World):
    """A2: the owner (multisig) funds 10 000 000 and activates; the bond of 1 000 000 is held."""
    rec, c, token, escrow = w.rec, w.cast, w.token, w.escrow
    rec.step("A2 escrow")
    assert [m.planned for m in escrow.all_milestones()] == [fen(x) for x in A2_PLANNED]
    assert (escrow.retention_bps(), escrow.labour_bps(), escrow.defect_period()) == (300, 2_000, 365 * DAY)
    fund_escrow(token, escrow, fen(A2_PRICE), owner=w.owner)
    activate(escrow, owner=w.owner)
    t = w.check_escrow()
    assert (t.funded, t.bond_held, t.free) == (fen(A2_PRICE), fen(A2_BOND), fen(A2_PRICE))
    w.check_supply()


def a4_hire(w: World):
    """A4's set-up: parties and deposits, the guarantee pool, 50 workers with hashed IDs."""
    rec, c, token, payroll = w.rec, w.cast, w.token, w.payroll
    rec.step("A4 payroll set-up")
    register_party(token, payroll, c.gc, "GC", fen(A4_CONTRACT_VALUES["GC"]), gc=c.gc)
    for name, sub in c.subs.items():
        register_party(token, payroll, sub, "SUB", fen(A4_CONTRACT_VALUES[name]), gc=c.gc)
    for name, party in {"GC": c.gc, **c.subs}.items():
        assert payroll.party(party.address).deposit == fen(A4_DEPOSITS[name])
    fund_pool(token, payroll, fen(A4_POOL), guarantor=c.guarantor)
    for name, (count, wage) in A4_CREWS.items():
        workers = [key(f"W-{name[1]}{i + 1:02d}") for i in range(count)]
        w.crews[name] = Crew(c.subs[name], workers, fen(wage), name=name)
        hire(payroll, w.crews[name])
        w.accounts.update({f"W-{name[1]}{i + 1:02d}": address_of(wk) for i, wk in enumerate(workers)})
    assert sum(crew.monthly_total for crew in w.crews.values()) == fen(A4_MONTHLY_BILL)
    assert sum(len(crew.workers) for crew in w.crews.values()) == 50
    w.check_payroll()
    w.check_supply()


def pay_milestone(w: World, m: int):
    """A3: milestone m claimed, certified and approved (a multisig proposal), with
    A3's negative checks on M2 and M3; asserts A3's row for m."""
    c, escrow, payroll = w.cast, w.escrow, w.payroll
    claimed, certified, _ = A3_MILESTONES[m]
    parties = {"S": c.supplier, **c.subs}
    payees = a3_payees(m, parties)
    if m == 2:  # a direct list summing to more than nonlabour: the approval reverts
        claim_milestone(escrow, m, fen(claimed), [(c.supplier, fen(2_800_000), "MATERIAL")], gc=c.gc)
    else:
        claim_milestone(escrow, m, fen(claimed), payees, gc=c.gc)
    if m == 1:  # the GC certifying its own claim; certifying 3 000 001 against 3 000 000
        expect_revert("Unauthorized", c.gc, escrow, "certify", m, fen(certified), doc("self-certified"))
        expect_revert("BadAmount", c.supervisor, escrow, "certify", m, fen(claimed) + fen(1), doc("over"))
    certify(escrow, m, fen(certified), supervisor=c.supervisor)
    labour_before = payroll.labour_received()
    if m == 1:  # M2's approval while the auditor has suspended the project
        escrow.suspend(doc("audit query M2"), sender=c.auditor)
        proposal = w.owner.propose(escrow, "approve_payment", m)
        expect_revert("ProjectSuspended", w.owner.proposer, w.multisig, "execute", proposal)
        escrow.resume(doc("audit query answered"), sender=c.auditor)
        receipt = w.owner.execute(proposal)
    elif m == 2:
        proposal = w.owner.propose(escrow, "approve_payment", m)
        expect_revert("DirectExceedsNonlabour", w.owner.proposer, w.multisig, "execute", proposal)
        escrow.set_direct_payees(m, [{"to": address_of(to), "amount": a, "kind": k} for to, a, k in payees],
                                 sender=c.gc)
        receipt = w.owner.execute(proposal)
    else:
        receipt = approve_payment(escrow, m, owner=w.owner)
    paid = receipt.event("MilestonePaid").args
    retained, payable, labour, direct_total, to_gc = A3_EXPECTED[m]
    assert (paid["certified"], paid["retained"], paid["labour"], paid["direct_total"], paid["to_gc"]) == \
        tuple(fen(x) for x in (certified, retained, labour, direct_total, to_gc))
    assert fen(certified) - fen(retained) == fen(payable) == fen(labour) + fen(direct_total) + fen(to_gc)
    assert [(e.args["to"], e.args["amount"]) for e in receipt.events_named("DirectPaid")] == \
        [(address_of(to), amount) for to, amount, _ in payees]
    # E6: the labour share reached the wage account in the same transaction
    assert payroll.labour_received() - labour_before == fen(labour)
    assert receipt.event("LabourFunded").args["amount"] == fen(labour)
    w.check_escrow()


def a3_a4_months(w: World):
    """A3 and A4 month by month: milestones in months 1, 2, 4 and 6, payroll every month
    (18 batches); the free balance of the wage account after each month as in A4."""
    rec, c, payroll = w.rec, w.cast, w.payroll
    a4_hire(w)
    w.calendar = Calendar(rec.timestamp + 1)
    milestone_of_month = A4_LABOUR_MONTHS
    for month in range(1, 7):
        rec.set_time(w.calendar.month_end(month))
        if month in milestone_of_month:
            m = milestone_of_month[month]
            rec.step(f"A3 M{m + 1} (month {month})")
            pay_milestone(w, m)
            w.check_supply()
        rec.step(f"A4 payroll month {month}")
        for crew in w.crews.values():
            batch = submit_payroll(payroll, crew, Calendar.period(month), w.calendar.payroll_due(month))
            receipt = w.subs_never_gain(lambda: act(c.gc, payroll, "approve_payroll", batch))
            paid = receipt.events_named("WagePaid")
            assert [(e.args["worker"], e.args["amount"]) for e in paid] == \
                [(address_of(wk), crew.wage) for wk in crew.workers]
            w.check_payroll()
        assert payroll.free() == fen(A4_FREE_AFTER_MONTH[month]), f"free after month {month}"
        w.check_supply()
    for crew in w.crews.values():
        for worker in crew.workers:
            assert payroll.worker(worker.address).total_paid == 6 * crew.wage == w.balance(worker)
    assert payroll.wages_paid() == fen(6 * A4_MONTHLY_BILL)


def a5_completion(w: World):
    """A5: completion at T (the bond back to B), 100 000 unused refunded, a 50 000 defect
    claim at T + 200 days, release refused at T + 300, requested at T + 365, paid by
    default at T + 393 (247 000); then the wage account closes and ends at 0."""
    rec, c, escrow, payroll = w.rec, w.cast, w.escrow, w.payroll
    rec.step("A5 completion")
    rec.set_time(w.calendar.month_end(7))
    escrow.confirm_completion(doc("completion inspection"), sender=c.supervisor)
    gc_before = w.balance(c.gc)
    receipt = act(w.owner, escrow, "accept_completion", doc("acceptance certificate"))
    assert receipt.event("BondReturned").args["amount"] == fen(A2_BOND)
    assert w.balance(c.gc) == gc_before + fen(A2_BOND)
    completed_at = escrow.completed_at()
    receipt = act(w.owner, escrow, "refund_unused")
    assert receipt.event("Refunded").args["amount"] == fen(A5_REFUND_UNUSED)
    w.check_escrow()
    w.check_supply()

    rec.step("A5 warranty: defect claim (T + 200 days)")
    rec.set_time(completed_at + 200 * DAY)
    act(w.owner, escrow, "propose_defect_claim", fen(A5_DEFECT_CLAIM), doc("pothole repair"))
    owner_before = w.balance(w.multisig)
    receipt = escrow.confirm_defect_claim(sender=c.supervisor)
    assert receipt.event("DefectClaimPaid").args["amount"] == fen(A5_DEFECT_CLAIM)
    assert w.balance(w.multisig) == owner_before + fen(A5_DEFECT_CLAIM)
    w.check_escrow()

    rec.step("A5 warranty: release (T + 300, 365, 393 days)")
    rec.set_time(completed_at + 300 * DAY)
    expect_revert("DefectPeriodRunning", c.gc, escrow, "request_retention_release")
    rec.set_time(completed_at + 365 * DAY)
    escrow.request_retention_release(sender=c.gc)
    rec.set_time(completed_at + 365 * DAY + RELEASE_SILENCE)
    receipt = escrow.release_retention_by_default(sender=c.gc)
    released = receipt.event("RetentionReleased").args
    assert (released["amount"], released["by_default"]) == (fen(A5_RETENTION_TO_GC), True)
    # E1: 10 000 000 funded = 9 603 000 paid + 297 000 retention (50 000 + 247 000) + 100 000 refunded
    t = w.check_escrow()
    assert t.paid_gc + t.paid_direct + t.paid_labour == fen(9_603_000)
    assert (t.retention_to_owner, t.retention_to_gc) == (fen(A5_DEFECT_CLAIM), fen(A5_RETENTION_TO_GC))
    assert t.retention_to_owner + t.retention_to_gc == fen(297_000)
    assert t.funded == t.paid_gc + t.paid_direct + t.paid_labour + fen(297_000) + t.refunded == fen(A2_PRICE)
    assert (t.bond_posted, t.bond_returned, t.balance) == (fen(A2_BOND), fen(A2_BOND), 0)
    w.check_supply()

    rec.step("A5 wage account closure")
    payroll.announce_closure(sender=c.gc)
    rec.set_time(payroll.closure_announced_at() + CLOSURE_NOTICE)
    receipt = payroll.close(sender=c.gc)
    closed = receipt.event("Closed").args
    assert list(closed.values()) == [fen(A5_DEPOSITS_BACK), fen(A4_POOL), fen(600)]
    t = w.check_payroll()
    assert t.balance == 0 and w.balance(c.guarantor) == fen(A4_POOL)
    w.check_supply()
    for name, amount in A_FINAL_BALANCES.items():
        assert w.token.balance_of(w.accounts[name]) == fen(amount), f"final balance of {name}"


def summary(w: World) -> dict:
    """What the demo prints: balances, milestones, retention, wages, conservation."""
    escrow_totals, payroll_totals = w.escrow.totals(), w.payroll.totals()
    balances = {name: w.token.balance_of(address) for name, address in w.accounts.items()
                if not name.startswith("W-")}
    wages = {}
    for name, crew in w.crews.items():
        paid = [w.payroll.worker(worker.address).total_paid for worker in crew.workers]
        wages[name] = {"workers": len(crew.workers), "monthly wage": crew.wage,
                       "paid per worker": sorted(set(paid)), "total": sum(paid)}
    milestones = [{"milestone": f"M{i + 1}", "planned": m.planned, "certified": m.certified, "paid": m.paid,
                   "retained": m.retained} for i, m in enumerate(w.escrow.all_milestones())]
    held = sum(w.token.balance_of(a) for a in w.accounts.values())
    return {
        "balances": balances, "workers total": sum(w.token.balance_of(a) for n, a in w.accounts.items()
                                                   if n.startswith("W-")),
        "milestones": milestones,
        "retention": {"held": sum(m["retained"] for m in milestones),
                      "to owner (defect claim)": escrow_totals.retention_to_owner,
                      "to GC (released)": escrow_totals.retention_to_gc},
        "wages": wages, "wages paid": payroll_totals.wages_paid,
        "conservation": {"supply": w.token.total_supply(), "sum of balances": held,
                         "tender": w.token.balance_of(w.tender.address),
                         "escrow": escrow_totals.balance, "payroll": payroll_totals.balance},
        "addresses": {"token": w.token.address, "multisig": w.multisig.address, "tender": w.tender.address,
                      "escrow": w.escrow.address, "payroll": w.payroll.address},
    }


def main(argv=None) -> int:
    import argparse

    from node.devchain import Chain

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update-gas", action="store_true", help=f"rewrite {GAS_GOLDEN.relative_to(ROOT)}")
    options = parser.parse_args(argv)
    result = run(Chain())
    text = json.dumps(result.gas, indent=2) + "\n"
    if options.update_gas:
        GAS_GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GAS_GOLDEN.write_text(text)
        print(f"wrote {GAS_GOLDEN.relative_to(ROOT)} ({result.transactions} transactions)")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
