"""WagePayroll (contracts/wage_payroll.ht, DOMAIN.md C3): every function, every role
check and every revert path. Each revert is also checked to change nothing
(state root, balances, events)."""

from __future__ import annotations

import pytest

from node.devchain import Chain
from node.protocol import DEFAULT_BLOCK_GAS_LIMIT

from contracts.scenarios.escrow_payroll import PAYROLL_SOURCE, Crew, doc, fen, hire, id_hash, register_party
from .world_escrow_payroll import DAY, FULL, RECEIVE_ONLY, build, fund_labour_directly

HOUR = 3_600
NONE_, SUBMITTED, PAID, REJECTED, GUARANTEE_PAID, SETTLED = range(6)
GC_KIND, SUB_KIND = 1, 2
ZERO = "0x" + "00" * 20


@pytest.fixture(scope="module")
def base():
    chain = Chain()
    world = build(chain, activate=False, workers=8)
    # SA employs workers 0-3 (6 000), SB workers 4-7 (6 500); deposits posted; pool 1 000 000.
    return chain, world, chain.snapshot()


@pytest.fixture
def w(base):
    chain, world, snapshot = base
    chain.revert(snapshot)
    yield world
    chain.revert(snapshot)


def sa(w):
    return w.crews["SA"]


def sb(w):
    return w.crews["SB"]


def submit(w, crew, period=202601, due_in=10 * DAY, only=None):
    receipt = w.payroll.submit_payroll(period, crew.entries(only), w.now + due_in, sender=crew.sub)
    return receipt.event("PayrollSubmitted").args["id"]


def check_buckets(w):
    """W4, W5, W6 from totals()."""
    t = w.payroll.totals()
    assert t.balance == w.balance(w.payroll)
    assert t.balance == (t.labour_received + t.pool_funded + t.deposits_posted - t.wages_paid - t.held_claimed
                         - t.deposits_refunded - t.pool_refunded - t.free_refunded)
    assert t.balance == t.free + t.pool_balance + t.deposits_total + (t.held_total - t.held_claimed)
    assert t.pool_balance + t.unsettled + t.debt_total == t.pool_funded - t.pool_refunded
    return t


# --- constructor, roles ---------------------------------------------------------------------------

def test_constructor(w):
    pr, p = w.payroll, w.people
    assert pr.gc() == p.gc and pr.guarantor() == p.guarantor and pr.token() == w.token
    assert pr.next_batch() == 1
    for role, who in [("GC", p.gc), ("INSPECTOR", p.inspector), ("GUARANTOR", p.guarantor),
                      ("ADMIN", p.platform), ("ESCROW", w.escrow)]:
        assert pr.has_role(pr.role(role), who)


@pytest.mark.parametrize("args, name", [
    ((ZERO, "gc", "inspector", "guarantor"), "token"),
    (("token", ZERO, "inspector", "guarantor"), "zero address"),
    (("token", "gc", ZERO, "guarantor"), "zero address"),
    (("token", "gc", "inspector", ZERO), "zero address"),
    (("token", "gc", "gc", "guarantor"), "roles not distinct"),
    (("token", "gc", "inspector", "gc"), "roles not distinct"),
    (("token", "gc", "inspector", "inspector"), "roles not distinct"),
])
def test_constructor_validates(w, args, name):
    values = [w.token if a == "token" else a if a == ZERO else getattr(w.people, a) for a in args]
    with w.reverts("BadParameter") as info:
        w.chain.deploy(PAYROLL_SOURCE, *values, sender=w.people.platform)
    value = info.args["name"]
    assert (bytes.fromhex(value[2:]).decode() if value.startswith("0x") else value) == name


PRIVILEGED = {
    "register_party": ("gc", lambda w: (w.people.stranger, "SUB", 100)),
    "fund_pool": ("guarantor", lambda w: (1,)),
    "fund_labour": ("escrow", lambda w: (1,)),
    "approve_payroll": ("gc", lambda w: (1,)),
    "reject_payroll": ("gc", lambda w: (1, doc("x"))),
    "reinstate": ("inspector", lambda w: (1, doc("x"))),
    "settle_default": ("inspector", lambda w: (1, w.people.gc, doc("x"))),
    "announce_closure": ("gc", lambda w: ()),
    "close": ("gc", lambda w: ()),
    "grant_role": ("platform", lambda w: (w.payroll.role("INSPECTOR"), w.people.stranger)),
    "revoke_role": ("platform", lambda w: (w.payroll.role("INSPECTOR"), w.people.inspector)),
}
ACTORS = ("gc", "inspector", "guarantor", "platform", "sa", "worker", "stranger", "owner")
ROLE_OF = {"gc": "GC", "inspector": "INSPECTOR", "guarantor": "GUARANTOR", "platform": "ADMIN", "escrow": "ESCROW"}


@pytest.mark.parametrize("function, actor", [(f, a) for f, (allowed, _) in PRIVILEGED.items()
                                             for a in ACTORS if a != allowed])
def test_privileged_function_refuses_other_parties(w, function, actor):
    allowed, arguments = PRIVILEGED[function]
    caller = w.people.workers[0] if actor == "worker" else getattr(w.people, actor)
    with w.reverts("Unauthorized", role=w.payroll.role(ROLE_OF[allowed]), caller=caller):
        w.payroll.functions[function](*arguments(w), sender=caller)


@pytest.mark.parametrize("function, args, error, actors", [
    ("post_deposit", (1,), "NotAParty", ("stranger", "worker", "inspector", "guarantor")),
    ("register_worker", ("stranger", b"\x01" * 32), "NotASubcontractor", ("gc", "stranger", "worker", "inspector")),
    ("submit_payroll", (202601, [], 10**10), "NotASubcontractor", ("gc", "stranger", "worker", "inspector")),
    ("deregister_worker", ("worker",), "NotEmployer", ("gc", "sb", "stranger", "inspector")),
    ("sign_labour_contract", (b"\x01" * 32,), "NotRegistered", ("gc", "sa", "stranger", "inspector")),
])
def test_party_functions_refuse_other_parties(w, function, args, error, actors):
    for actor in actors:
        caller = w.people.workers[0] if actor == "worker" else getattr(w.people, actor)
        resolved = [w.people.workers[0] if a == "worker" else getattr(w.people, a) if a == "stranger" else a
                    for a in args]
        with w.reverts(error):
            w.payroll.functions[function](*resolved, sender=caller)


def test_the_wage_account_cannot_be_frozen(w):
    """W11 / K4: the issuer protected the contract, so the regulator's freeze reverts."""
    with w.reverts("AccountProtected", account=w.payroll):
        w.token.freeze(w.payroll, FULL, doc("case"), sender=w.people.regulator)


# --- parties, deposits, pool, labour --------------------------------------------------------------

def test_register_party_and_deposit_rule(w):
    pr, p = w.payroll, w.people
    party = pr.party(p.sa)
    assert (party.kind, party.contract_value, party.deposit_required, party.deposit, party.integrity, party.debt) == \
        (SUB_KIND, fen(3_000_000), fen(15_000), fen(15_000), 100, 0)
    assert pr.party(p.gc).kind == GC_KIND and pr.party(p.gc).deposit_required == fen(50_000)
    receipt = pr.register_party(p.stranger, "SUB", fen(1_000_000_000), sender=p.gc)
    assert receipt.event("PartyRegistered").args["deposit_required"] == fen(3_000_000)  # the cap
    pr.register_party(p.supplier, "SUB", 199, sender=p.gc)
    assert pr.party(p.supplier).deposit_required == 0  # floor(199 * 50 / 10000)
    assert pr.party_list(0) == p.gc and pr.party_list(3) == p.stranger


def test_register_party_revert_paths(w):
    pr, p = w.payroll, w.people
    with w.reverts("BadParty", account=p.stranger):
        pr.register_party(p.stranger, "NONE", 100, sender=p.gc)
    with w.reverts("BadParty", account=p.stranger):
        pr.register_party(p.stranger, "GC", 100, sender=p.gc)
    for bad in (ZERO, pr.address):
        with w.reverts("BadParty", account=bad):
            pr.register_party(bad, "SUB", 100, sender=p.gc)
    with w.reverts("PartyExists", account=p.sa):
        pr.register_party(p.sa, "SUB", 100, sender=p.gc)
    with w.reverts("BadParty", account=p.workers[0]):  # a worker can never be a party
        pr.register_party(p.workers[0], "SUB", 100, sender=p.gc)
    with w.reverts("ZeroAmount"):
        pr.register_party(p.stranger, "SUB", 0, sender=p.gc)


def test_a_fresh_gc_registers_itself_only_as_gc(w):
    p = w.people
    pr = w.chain.deploy(PAYROLL_SOURCE, w.token, p.gc, p.inspector, p.guarantor, sender=p.platform)
    with w.reverts("BadParty", account=p.gc):
        pr.register_party(p.gc, "SUB", 100, sender=p.gc)
    pr.register_party(p.gc, "GC", 100, sender=p.gc)


def test_fifty_parties_at_most(w):
    pr, p = w.payroll, w.people
    for i in range(47):  # GC, SA, SB are registered
        pr.register_party(w.chain.new_account(balance=0), "SUB", 100, sender=p.gc)
    with w.reverts("LengthExceeded"):
        pr.register_party(p.stranger, "SUB", 100, sender=p.gc)


def test_post_deposit(w):
    pr, p = w.payroll, w.people
    pr.register_party(p.stranger, "SUB", fen(2_000_000), sender=p.gc)  # required 10 000
    with w.reverts("ZeroAmount"):
        pr.post_deposit(0, sender=p.stranger)
    with w.reverts("InsufficientAllowance"):
        pr.post_deposit(fen(4_000), sender=p.stranger)
    w.token.approve(pr, fen(20_000), sender=p.stranger)
    receipt = pr.post_deposit(fen(4_000), sender=p.stranger)
    assert receipt.event("DepositPosted").args == {"party": p.stranger.address, "amount": fen(4_000)}
    with w.reverts("DepositExceeded", amount=fen(6_000) + 1, room=fen(6_000)):
        pr.post_deposit(fen(6_000) + 1, sender=p.stranger)
    pr.post_deposit(fen(6_000), sender=p.stranger)
    with w.reverts("DepositExceeded", amount=1, room=0):
        pr.post_deposit(1, sender=p.stranger)
    assert pr.party(p.stranger).deposit == fen(10_000)
    t = check_buckets(w)
    assert t.deposits_total == t.deposits_posted == fen(50_000 + 15_000 + 20_000 + 10_000)


def test_fund_pool(w):
    pr, p = w.payroll, w.people
    with w.reverts("ZeroAmount"):
        pr.fund_pool(0, sender=p.guarantor)
    w.token.approve(pr, 5, sender=p.guarantor)
    assert pr.fund_pool(5, sender=p.guarantor).event("PoolFunded").args == {"guarantor": p.guarantor.address,
                                                                          "amount": 5}
    assert (pr.pool_balance(), pr.pool_funded()) == (fen(1_000_000) + 5, fen(1_000_000) + 5)


def test_fund_labour(w):
    pr = w.payroll
    receipt = fund_labour_directly(w, fen(1_000))
    assert receipt.event("LabourFunded").args == {"amount": fen(1_000), "debt_repaid": 0}
    assert pr.labour_received() == fen(1_000) == pr.free()
    with w.reverts("ZeroAmount"):
        pr.fund_labour(0, sender=w.people.bank)
    check_buckets(w)


# --- workers --------------------------------------------------------------------------------------

def test_register_and_sign(w):
    pr, p = w.payroll, w.people
    worker = w.chain.new_account(balance=0)
    digest = id_hash("130628199001011234", b"\x01" * 32)
    receipt = pr.register_worker(worker, digest, sender=p.sa)
    assert receipt.event("WorkerRegistered").args == {"worker": worker.address, "employer": p.sa.address,
                                                      "id_hash": digest}
    record = pr.worker(worker)
    assert (record.employer, record.id_hash, record.active) == (p.sa.address, digest, False)
    assert pr.id_owner(digest) == worker
    with w.reverts("BadParameter"):
        pr.sign_labour_contract(b"\x00" * 32, sender=worker)
    receipt = pr.sign_labour_contract(doc("contract"), sender=worker)
    assert receipt.event("LabourContractSigned").args == {"worker": worker.address, "contract_hash": doc("contract")}
    assert pr.worker(worker).active and pr.worker(worker).contract_hash == doc("contract")
    with w.reverts("AlreadySigned", worker=worker):
        pr.sign_labour_contract(doc("contract"), sender=worker)


def test_register_worker_revert_paths(w):
    pr, p = w.payroll, w.people
    for bad in (ZERO, pr.address, p.gc.address, p.guarantor.address, p.sb.address):
        with w.reverts("BadWorker", worker=bad):
            pr.register_worker(bad, b"\x01" * 32, sender=p.sa)
    with w.reverts("BadParameter"):
        pr.register_worker(p.stranger, b"\x00" * 32, sender=p.sa)
    active = p.workers[0]
    with w.reverts("WorkerActive", worker=active, employer=p.sa):  # active with SA: SB cannot take them
        pr.register_worker(active, sa(w).ids[0], sender=p.sb)
    with w.reverts("WorkerActive", worker=active, employer=p.sa):
        pr.register_worker(active, sa(w).ids[0], sender=p.sa)
    with w.reverts("IdHashTaken", id_hash=sa(w).ids[0], worker=active):  # one wallet per real-name ID
        pr.register_worker(p.stranger, sa(w).ids[0], sender=p.sa)


def test_deregister_and_move_to_another_employer(w):
    pr, p = w.payroll, w.people
    worker = p.workers[0]
    with w.reverts("NotEmployer", worker=worker, employer=p.sa):
        pr.deregister_worker(worker, sender=p.sb)
    with w.reverts("NotEmployer", worker=p.stranger, employer=ZERO):
        pr.deregister_worker(p.stranger, sender=p.sa)
    batch = submit(w, sa(w), only=[0])
    with w.reverts("WorkerInOpenBatch", worker=worker):
        pr.deregister_worker(worker, sender=p.sa)
    pr.reject_payroll(batch, doc("wrong"), sender=p.gc)
    receipt = pr.deregister_worker(worker, sender=p.sa)
    assert receipt.event("WorkerDeregistered").args == {"worker": worker.address, "employer": p.sa.address}
    assert not pr.worker(worker).active
    with w.reverts("WorkerNotActive", worker=worker):
        pr.submit_payroll(202602, [{"worker": worker.address, "amount": 1}], w.now + DAY, sender=p.sa)
    with w.reverts("IdHashTaken"):  # the wallet keeps its ID
        pr.register_worker(worker, b"\x07" * 32, sender=p.sb)
    pr.register_worker(worker, sa(w).ids[0], sender=p.sb)
    pr.sign_labour_contract(doc("new contract"), sender=worker)
    assert pr.worker(worker).employer == p.sb
    submit(w, Crew(p.sb, [worker], fen(6_500)), period=202602)


def test_unsigned_worker_cannot_be_paid(w):
    pr, p = w.payroll, w.people
    pr.register_worker(p.stranger, b"\x09" * 32, sender=p.sa)
    with w.reverts("WorkerNotActive", worker=p.stranger):
        pr.submit_payroll(202601, [{"worker": p.stranger.address, "amount": 1}], w.now + DAY, sender=p.sa)


# --- payrolls --------------------------------------------------------------------------------------

def test_submit_payroll(w):
    pr, p = w.payroll, w.people
    due = w.now + 10 * DAY
    receipt = pr.submit_payroll(202601, sa(w).entries(), due, sender=p.sa)
    assert receipt.return_value == 1
    assert receipt.event("PayrollSubmitted").args == {"id": 1, "sub": p.sa.address, "period": 202601,
                                                      "total": fen(24_000), "due_at": due}
    batch = pr.batch(1)
    assert (batch.sub, batch.period, batch.due_at, batch.total, batch.status, batch.paid_by_guarantee) == \
        (p.sa.address, 202601, due, fen(24_000), SUBMITTED, False)
    assert [(e.worker, e.amount) for e in batch.entries] == [(x.address, fen(6_000)) for x in sa(w).workers]
    assert pr.next_batch() == 2 and pr.submitted_count() == 1
    assert pr.period_batch(p.workers[0], 202601) == 1 and pr.open_entries(p.workers[0]) == 1


def test_submit_payroll_revert_paths(w):
    pr, p = w.payroll, w.people
    entries = sa(w).entries()
    with w.reverts("NoEntries"):
        pr.submit_payroll(202601, [], w.now + DAY, sender=p.sa)
    for period in (202600, 202613, 0, 101):
        with w.reverts("BadPeriod", period=period):
            pr.submit_payroll(period, entries, w.now + DAY, sender=p.sa)
    with w.reverts("BadDueTime"):
        pr.submit_payroll(202601, entries, w.chain.timestamp, sender=p.sa)
    with w.reverts("ZeroAmount"):
        pr.submit_payroll(202601, [{"worker": p.workers[0].address, "amount": 0}], w.now + DAY, sender=p.sa)
    with w.reverts("NotEmployer", worker=p.workers[4], employer=p.sb):  # SB's worker in SA's payroll
        pr.submit_payroll(202601, sb(w).entries(), w.now + DAY, sender=p.sa)
    with w.reverts("WorkerNotActive", worker=p.stranger):
        pr.submit_payroll(202601, [{"worker": p.stranger.address, "amount": 1}], w.now + DAY, sender=p.sa)
    twice = entries + entries[:1]
    with w.reverts("WorkerAlreadyInPeriod", worker=p.workers[0], period=202601, batch=1):
        pr.submit_payroll(202601, twice, w.now + DAY, sender=p.sa)
    with pytest.raises(Exception):  # 101 entries: refused by the ABI bound
        pr.submit_payroll(202601, entries * 26, w.now + DAY, sender=p.sa)


def test_due_now_is_allowed(w):
    w.payroll.submit_payroll(202601, sa(w).entries(), w.now, sender=w.people.sa)


def test_each_worker_at_most_once_per_period(w):
    """RELIABILITY.md test 37: each worker is paid at most once per period."""
    pr, p = w.payroll, w.people
    first = submit(w, sa(w), only=[0, 1])
    with w.reverts("WorkerAlreadyInPeriod", worker=p.workers[1], period=202601, batch=first):
        pr.submit_payroll(202601, sa(w).entries([2, 1]), w.now + DAY, sender=p.sa)
    submit(w, sa(w), only=[2, 3])                  # other workers: fine
    submit(w, sa(w), period=202602, only=[0, 1])   # next period: fine
    fund_labour_directly(w, fen(100_000))
    pr.approve_payroll(first, sender=p.gc)
    with w.reverts("WorkerAlreadyInPeriod", batch=first):  # still refused once paid
        pr.submit_payroll(202601, sa(w).entries([0]), w.now + DAY, sender=p.sa)


def test_approve_payroll_pays_workers_directly(w):
    pr, p = w.payroll, w.people
    batch = submit(w, sa(w))
    fund_labour_directly(w, fen(30_000))
    before = {str(x): w.balance(x) for x in [*sa(w).workers, p.sa, p.gc]}
    receipt = pr.approve_payroll(batch, sender=p.gc)
    assert [(e.args["worker"], e.args["amount"]) for e in receipt.events_named("WagePaid")] == \
        [(x.address, fen(6_000)) for x in sa(w).workers]
    assert receipt.event("PayrollApproved").args["id"] == batch
    for x in sa(w).workers:
        assert w.balance(x) - before[str(x)] == fen(6_000)
        assert pr.worker(x).total_paid == fen(6_000)
    assert w.balance(p.sa) == before[str(p.sa)] and w.balance(p.gc) == before[str(p.gc)]  # W1
    assert pr.batch(batch).status == PAID and pr.free() == fen(6_000)
    assert pr.open_entries(p.workers[0]) == 0 and pr.submitted_count() == 0
    check_buckets(w)
    with w.reverts("WrongBatchStatus", id=batch, status=PAID):
        pr.approve_payroll(batch, sender=p.gc)
    with w.reverts("WrongBatchStatus", id=99, status=NONE_):
        pr.approve_payroll(99, sender=p.gc)


def test_approve_payroll_needs_free_balance(w):
    pr, p = w.payroll, w.people
    batch = submit(w, sa(w))
    fund_labour_directly(w, fen(24_000) - 1)
    with w.reverts("InsufficientFree", needed=fen(24_000), available=fen(24_000) - 1):
        pr.approve_payroll(batch, sender=p.gc)
    fund_labour_directly(w, 1)
    pr.approve_payroll(batch, sender=p.gc)
    assert pr.free() == 0


def test_frozen_wallet_is_held_and_claimed(w):
    """SWC-113: one frozen wallet never blocks the batch; its pay is held for the worker."""
    pr, p, frozen = w.payroll, w.people, w.people.workers[1]
    w.token.freeze(frozen, FULL, doc("court"), sender=p.regulator)
    w.token.freeze(p.workers[2], RECEIVE_ONLY, doc("court"), sender=p.regulator)  # can still receive
    batch = submit(w, sa(w))
    fund_labour_directly(w, fen(24_000))
    receipt = pr.approve_payroll(batch, sender=p.gc)
    assert len(receipt.events_named("WagePaid")) == 3
    assert receipt.event("WageHeld").args == {"id": batch, "worker": frozen.address, "amount": fen(6_000)}
    assert w.balance(frozen) == 0 and pr.worker(frozen).held == fen(6_000) and pr.worker(frozen).total_paid == 0
    assert pr.free() == 0
    check_buckets(w)
    with w.reverts("CannotReceive", account=frozen):
        pr.claim_held(sender=frozen)
    with w.reverts("NothingHeld"):
        pr.claim_held(sender=p.workers[0])
    w.token.unfreeze(frozen, doc("court"), sender=p.regulator)
    receipt = pr.claim_held(sender=frozen)
    assert receipt.event("HeldClaimed").args == {"worker": frozen.address, "amount": fen(6_000)}
    assert w.balance(frozen) == fen(6_000)
    assert (pr.worker(frozen).held, pr.worker(frozen).total_paid) == (0, fen(6_000))  # W3
    with w.reverts("NothingHeld"):
        pr.claim_held(sender=frozen)
    check_buckets(w)


def test_reject_and_reinstate(w):
    pr, p = w.payroll, w.people
    batch = submit(w, sa(w), due_in=DAY)
    due = pr.batch(batch).due_at
    receipt = pr.reject_payroll(batch, doc("hours disputed"), sender=p.gc)
    assert receipt.event("PayrollRejected").args == {"id": batch, "doc": doc("hours disputed")}
    assert pr.batch(batch).status == REJECTED and pr.submitted_count() == 0
    with w.reverts("WrongBatchStatus", id=batch, status=REJECTED):
        pr.reject_payroll(batch, doc("x"), sender=p.gc)
    with w.reverts("WrongBatchStatus", id=batch, status=REJECTED):
        pr.trigger_guarantee(batch, sender=p.workers[0])
    w.chain.set_time(due + 5 * DAY)
    receipt = pr.reinstate(batch, doc("unjustified"), sender=p.inspector)
    assert receipt.event("PayrollReinstated").args == {"id": batch, "doc": doc("unjustified")}
    reinstated = pr.batch(batch)
    assert (reinstated.status, reinstated.due_at) == (SUBMITTED, w.chain.timestamp)
    with w.reverts("WrongBatchStatus", id=batch, status=SUBMITTED):
        pr.reinstate(batch, doc("x"), sender=p.inspector)
    with w.reverts("TooLate"):  # due now: no more rejection
        pr.reject_payroll(batch, doc("x"), sender=p.gc)
    w.chain.time_travel(HOUR)
    pr.trigger_guarantee(batch, sender=p.workers[0])  # the workers' recourse an hour later


def test_reject_only_before_due(w):
    pr, p = w.payroll, w.people
    batch = submit(w, sa(w), due_in=DAY)
    due = pr.batch(batch).due_at
    w.chain.set_time(due)
    with w.reverts("TooLate", now=due, due_at=due):
        pr.reject_payroll(batch, doc("x"), sender=p.gc)


def test_reject_at_the_last_second(w):
    pr, p = w.payroll, w.people
    batch = submit(w, sa(w), due_in=DAY)
    w.chain.set_time(pr.batch(batch).due_at - 1)
    pr.reject_payroll(batch, doc("x"), sender=p.gc)


def test_reinstate_refuses_a_refiled_period(w):
    pr, p = w.payroll, w.people
    first = submit(w, sa(w), only=[0, 1])
    pr.reject_payroll(first, doc("wrong amounts"), sender=p.gc)
    second = submit(w, sa(w), only=[1])  # the sub re-files worker 1 for the same period
    with w.reverts("WorkerAlreadyInPeriod", worker=p.workers[1], period=202601, batch=second):
        pr.reinstate(first, doc("x"), sender=p.inspector)


# --- the guarantee pool and default settlement ----------------------------------------------------------

def test_guarantee_timing_boundary(w):
    """SWC-116 / W7: due + 3599 s is too early, due + 3600 s pays."""
    pr, p = w.payroll, w.people
    batch = submit(w, sa(w), due_in=DAY)
    due = pr.batch(batch).due_at
    w.chain.set_time(due + HOUR - 1)
    with w.reverts("TooEarly", now=due + HOUR - 1, allowed_at=due + HOUR):
        pr.trigger_guarantee(batch, sender=p.stranger)
    w.chain.set_time(due + HOUR)
    sub_before = w.balance(p.sa)
    receipt = pr.trigger_guarantee(batch, sender=p.stranger)  # anyone may trigger
    assert receipt.event("GuaranteeUsed").args == {"id": batch, "total": fen(24_000), "triggered_by": p.stranger.address}
    assert len(receipt.events_named("WagePaid")) == 4 and w.balance(p.sa) == sub_before
    b = pr.batch(batch)
    assert (b.status, b.paid_by_guarantee) == (GUARANTEE_PAID, True)
    assert (pr.pool_balance(), pr.unsettled()) == (fen(1_000_000 - 24_000), fen(24_000))
    check_buckets(w)
    with w.reverts("WrongBatchStatus", id=batch, status=GUARANTEE_PAID):
        pr.trigger_guarantee(batch, sender=p.stranger)
    with w.reverts("WrongBatchStatus", id=batch, status=GUARANTEE_PAID):
        pr.approve_payroll(batch, sender=p.gc)


def test_guarantee_needs_pool(w):
    pr, p = w.payroll, w.people
    crew = Crew(p.sb, sb(w).workers, fen(300_000))
    batch = submit(w, crew, due_in=0)  # 4 x 300 000 = 1 200 000 > pool 1 000 000
    w.chain.time_travel(HOUR)
    with w.reverts("InsufficientPool", needed=fen(1_200_000), available=fen(1_000_000)):
        pr.trigger_guarantee(batch, sender=p.stranger)


def guaranteed(w, crew, period=202601):
    batch = submit(w, crew, period=period, due_in=0)
    w.chain.time_travel(HOUR)
    w.payroll.trigger_guarantee(batch, sender=w.people.stranger)
    return batch


def test_settle_default_from_free_deposit_and_debt(w):
    pr, p = w.payroll, w.people
    batch = guaranteed(w, sb(w))  # 26 000
    fund_labour_directly(w, fen(1_000))
    receipt = pr.settle_default(batch, p.sb, doc("inspection"), sender=p.inspector)
    settled = receipt.event("DefaultSettled").args
    # 1 000 from free, SB's whole deposit 20 000, 5 000 of debt
    assert (settled["from_free"], settled["from_deposit"], settled["new_debt"], settled["integrity"]) == \
        (fen(1_000), fen(20_000), fen(5_000), 90)
    assert receipt.event("DepositTopUpRequired").args == {"party": p.sb.address, "amount": fen(20_000)}
    party = pr.party(p.sb)
    assert (party.deposit, party.debt, party.integrity) == (0, fen(5_000), 90)
    assert pr.batch(batch).status == SETTLED and pr.debtors(0) == p.sb
    t = check_buckets(w)
    assert (t.unsettled, t.debt_total, t.deposits_taken) == (0, fen(5_000), fen(20_000))
    with w.reverts("WrongBatchStatus", id=batch, status=SETTLED):
        pr.settle_default(batch, p.sb, doc("x"), sender=p.inspector)


def test_settle_default_from_free_only(w):
    pr, p = w.payroll, w.people
    batch = guaranteed(w, sa(w))
    fund_labour_directly(w, fen(30_000))
    receipt = pr.settle_default(batch, p.gc, doc("x"), sender=p.inspector)
    settled = receipt.event("DefaultSettled").args
    assert (settled["from_free"], settled["from_deposit"], settled["new_debt"]) == (fen(24_000), 0, 0)
    assert not receipt.events_named("DepositTopUpRequired")
    assert pr.pool_balance() == fen(1_000_000)


def test_settle_default_defaulter_must_be_gc_or_submitter(w):
    pr, p = w.payroll, w.people
    batch = guaranteed(w, sa(w))
    for bad in (p.sb, p.stranger, p.inspector):
        with w.reverts("BadDefaulter", account=bad):
            pr.settle_default(batch, bad, doc("x"), sender=p.inspector)
    with w.reverts("WrongBatchStatus", id=batch + 1, status=NONE_):
        pr.settle_default(batch + 1, p.sa, doc("x"), sender=p.inspector)


def test_settle_default_needs_a_registered_gc(w):
    p = w.people
    pr = w.chain.deploy(PAYROLL_SOURCE, w.token, p.gc, p.inspector, p.guarantor, sender=p.platform)
    register_party(w.token, pr, p.sa, "SUB", fen(1_000_000), gc=p.gc)
    w.token.approve(pr, fen(100_000), sender=p.guarantor)
    pr.fund_pool(fen(100_000), sender=p.guarantor)
    worker = w.chain.new_account(balance=0)
    hire(pr, Crew(p.sa, [worker], 100, name="X"), salt=b"\x42" * 32)
    batch = pr.submit_payroll(202601, [{"worker": worker.address, "amount": 100}], w.now, sender=p.sa)
    batch = batch.return_value
    w.chain.time_travel(HOUR)
    pr.trigger_guarantee(batch, sender=worker)
    with w.reverts("NotAParty", account=p.gc):
        pr.settle_default(batch, p.gc, doc("x"), sender=p.inspector)


def test_debts_are_repaid_oldest_first(w):
    pr, p = w.payroll, w.people
    first = guaranteed(w, sb(w))    # 26 000: SB deposit 20 000, debt 6 000
    second = guaranteed(w, sa(w))   # 24 000: SA deposit 15 000, debt 9 000
    pr.settle_default(first, p.sb, doc("1"), sender=p.inspector)
    pr.settle_default(second, p.sa, doc("2"), sender=p.inspector)
    assert (pr.debtors(0), pr.debtors(1), pr.debt_total()) == (p.sb, p.sa, fen(15_000))
    receipt = fund_labour_directly(w, fen(10_000))
    assert [(e.args["party"], e.args["amount"]) for e in receipt.events_named("DebtRepaid")] == \
        [(p.sb.address, fen(6_000)), (p.sa.address, fen(4_000))]
    assert receipt.event("LabourFunded").args == {"amount": fen(10_000), "debt_repaid": fen(10_000)}
    assert (pr.party(p.sb).debt, pr.party(p.sa).debt, pr.free()) == (0, fen(5_000), 0)
    assert pr.debtors(0) == p.sa
    with pytest.raises(Exception):
        pr.debtors(1)
    fund_labour_directly(w, fen(7_000))
    assert (pr.party(p.sa).debt, pr.free(), pr.pool_balance()) == (0, fen(2_000), fen(1_000_000))
    check_buckets(w)


def test_integrity_never_below_zero(w):
    pr, p = w.payroll, w.people
    crew = Crew(p.sa, sa(w).workers[:1], 1)
    for month in range(1, 13):
        batch = guaranteed(w, crew, period=202600 + month)
        pr.settle_default(batch, p.sa, doc(str(month)), sender=p.inspector)
    assert pr.party(p.sa).integrity == 0
    check_buckets(w)


# --- closure ----------------------------------------------------------------------------------------------

def test_closure_refunds_everything(w):
    pr, p = w.payroll, w.people
    fund_labour_directly(w, fen(30_000))
    w.payroll.approve_payroll(submit(w, sa(w)), sender=p.gc)  # free 6 000 left
    before = {str(x): w.balance(x) for x in (p.gc, p.sa, p.sb, p.guarantor)}
    assert pr.announce_closure(sender=p.gc).event("ClosureAnnounced").args["at"] == w.chain.timestamp
    announced = pr.closure_announced_at()
    with w.reverts("AlreadyAnnounced"):
        pr.announce_closure(sender=p.gc)
    w.chain.set_time(announced + 30 * DAY - 1)
    with w.reverts("TooEarly", allowed_at=announced + 30 * DAY):
        pr.close(sender=p.gc)
    w.chain.set_time(announced + 30 * DAY)
    receipt = pr.close(sender=p.gc)
    assert receipt.event("Closed").args == {"deposits_refunded": fen(85_000), "pool_refunded": fen(1_000_000),
                                            "free_refunded": fen(6_000)}
    after = {str(x): w.balance(x) for x in (p.gc, p.sa, p.sb, p.guarantor)}
    assert after[str(p.gc)] - before[str(p.gc)] == fen(50_000 + 6_000)
    assert after[str(p.sa)] - before[str(p.sa)] == fen(15_000)
    assert after[str(p.sb)] - before[str(p.sb)] == fen(20_000)
    assert after[str(p.guarantor)] - before[str(p.guarantor)] == fen(1_000_000)
    assert w.balance(pr) == 0 and pr.closed()
    check_buckets(w)
    for function, args, sender in [("fund_labour", (1,), p.bank), ("fund_pool", (1,), p.guarantor),
                                   ("submit_payroll", (202601, sa(w).entries(), w.now), p.sa),
                                   ("register_party", (p.stranger, "SUB", 1), p.gc), ("close", (), p.gc),
                                   ("announce_closure", (), p.gc), ("post_deposit", (1,), p.sa),
                                   ("register_worker", (p.stranger, b"\x01" * 32), p.sa),
                                   ("deregister_worker", (p.workers[0],), p.sa)]:
        with w.reverts("AlreadyClosed"):
            pr.functions[function](*args, sender=sender)


def test_closure_needs_nothing_open(w):
    """W10: no SUBMITTED batch, no unsettled guarantee, no debt - at announcement and at close."""
    pr, p = w.payroll, w.people
    batch = submit(w, sa(w), due_in=0)
    with w.reverts("OpenObligations", submitted=1, unsettled=0, debt=0):
        pr.announce_closure(sender=p.gc)
    w.chain.time_travel(HOUR)
    pr.trigger_guarantee(batch, sender=p.stranger)
    with w.reverts("OpenObligations", submitted=0, unsettled=fen(24_000), debt=0):
        pr.announce_closure(sender=p.gc)
    pr.settle_default(batch, p.sa, doc("x"), sender=p.inspector)  # deposit 15 000, debt 9 000
    with w.reverts("OpenObligations", submitted=0, unsettled=0, debt=fen(9_000)):
        pr.announce_closure(sender=p.gc)
    fund_labour_directly(w, fen(9_000))
    pr.announce_closure(sender=p.gc)
    late = submit(w, sb(w))  # filed during the notice period: blocks the close
    w.chain.time_travel(30 * DAY)
    with w.reverts("OpenObligations", submitted=1):
        pr.close(sender=p.gc)
    fund_labour_directly(w, fen(26_000))
    pr.approve_payroll(late, sender=p.gc)
    pr.close(sender=p.gc)
    check_buckets(w)


def test_close_needs_announcement(w):
    with w.reverts("NotAnnounced"):
        w.payroll.close(sender=w.people.gc)


def test_frozen_depositor_withdraws_after_closure(w):
    pr, p = w.payroll, w.people
    w.token.freeze(p.sa, FULL, doc("court"), sender=p.regulator)
    held_worker = p.workers[5]
    w.token.freeze(held_worker, FULL, doc("court"), sender=p.regulator)
    fund_labour_directly(w, fen(26_000))
    pr.approve_payroll(submit(w, sb(w)), sender=p.gc)
    with w.reverts("NotClosed"):
        pr.withdraw_deposit(sender=p.sa)
    pr.announce_closure(sender=p.gc)
    w.chain.time_travel(30 * DAY)
    receipt = pr.close(sender=p.gc)
    assert receipt.event("Closed").args["deposits_refunded"] == fen(70_000)  # SA's 15 000 stays
    t = check_buckets(w)
    assert t.deposits_total == fen(15_000) and t.held_total - t.held_claimed == fen(6_500)
    with w.reverts("CannotReceive", account=p.sa):
        pr.withdraw_deposit(sender=p.sa)
    with w.reverts("ZeroAmount"):
        pr.withdraw_deposit(sender=p.sb)
    w.token.unfreeze(p.sa, doc("court"), sender=p.regulator)
    assert pr.withdraw_deposit(sender=p.sa).event("DepositWithdrawn").args["amount"] == fen(15_000)
    w.token.unfreeze(held_worker, doc("court"), sender=p.regulator)
    pr.claim_held(sender=held_worker)  # held pay stays claimable after closure
    assert w.balance(pr) == 0
    check_buckets(w)


# --- gas bound ----------------------------------------------------------------------------------------

def test_a_full_batch_fits_a_block(w):
    """SWC-128: the largest batch (100 entries) is filed and paid well inside the block gas limit."""
    pr, p = w.payroll, w.people
    crew = Crew(p.sb, [w.chain.new_account(balance=0) for _ in range(100)], fen(100), name="big")
    hire(pr, crew, salt=b"\x33" * 32)
    fund_labour_directly(w, fen(10_000))
    submitted = pr.submit_payroll(202601, crew.entries(), w.now + DAY, sender=p.sb)
    approved = pr.approve_payroll(submitted.return_value, sender=p.gc)
    assert len(approved.events_named("WagePaid")) == 100
    assert submitted.gas_used < DEFAULT_BLOCK_GAS_LIMIT // 8
    assert approved.gas_used < DEFAULT_BLOCK_GAS_LIMIT // 8
    print(f"100-entry batch: submit {submitted.gas_used} gas, approve {approved.gas_used} gas "
          f"(block limit {DEFAULT_BLOCK_GAS_LIMIT})")
