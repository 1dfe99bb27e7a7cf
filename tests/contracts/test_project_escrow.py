"""ProjectEscrow (contracts/project_escrow.ht, DOMAIN.md C2): every function, every
role check and every revert path. Each revert is also checked to change nothing
(state root, balances, events)."""

from __future__ import annotations

import pytest

from node.devchain import Chain

from contracts.scenarios.escrow_payroll import ESCROW_SOURCE, A3_EXPECTED, a3_payees, doc, fen, pay_a3_milestone, payee_list
from .world_escrow_payroll import DAY, FULL, RECEIVE_ONLY, build

PLANNED = [fen(x) for x in (2_500_000, 3_000_000, 3_500_000, 1_000_000)]
PRICE = fen(10_000_000)
BOND = fen(1_000_000)
DEFECT = 365 * DAY
SILENCE = 28 * DAY

SETUP, ACTIVE, COMPLETED, CLOSED = range(4)
PLANNED_, CLAIMED, CERTIFIED, PAID, REJECTED, CANCELLED = range(6)


# --- fixtures: one world per module, every test starts from a snapshot ------------------------

@pytest.fixture(scope="module")
def worlds():
    chain = Chain()
    setup_world = build(chain, activate=False, payroll_parties=False)
    setup_snapshot = chain.snapshot()
    return chain, setup_world, setup_snapshot


@pytest.fixture
def setup_world(worlds):
    """Deployed, nothing funded: phase SETUP."""
    chain, world, snapshot = worlds
    chain.revert(snapshot)
    yield world
    chain.revert(snapshot)


@pytest.fixture
def w(setup_world):
    """Funded 10 000 000, bonded 1 000 000, ACTIVE (A2)."""
    p, token, escrow = setup_world.people, setup_world.token, setup_world.escrow
    token.approve(escrow, PRICE, sender=p.owner)
    escrow.fund(PRICE, sender=p.owner)
    token.approve(escrow, BOND, sender=p.gc)
    escrow.post_bond(sender=p.gc)
    escrow.activate(sender=p.owner)
    return setup_world


def parties(w):
    return {"S": w.people.supplier, "SA": w.people.sa, "SB": w.people.sb, "SC": w.people.stranger}


def claim(w, m=0, amount=None, payees=()):
    w.escrow.submit_claim(m, PLANNED[m] if amount is None else amount, doc(f"claim {m}"), sender=w.people.gc)
    if payees:
        w.escrow.set_direct_payees(m, payee_list(payees), sender=w.people.gc)


def certified(w, m=0, value=None, payees=()):
    claim(w, m, payees=payees)
    w.escrow.certify(m, PLANNED[m] if value is None else value, doc(f"cert {m}"), sender=w.people.supervisor)


def pay_all(w):
    for m in range(4):
        pay_a3_milestone(w.escrow, m, parties(w), gc=w.people.gc, supervisor=w.people.supervisor,
                         owner=w.people.owner)


def complete(w):
    pay_all(w)
    w.escrow.confirm_completion(doc("done"), sender=w.people.supervisor)
    w.escrow.accept_completion(doc("accepted"), sender=w.people.owner)
    return w.chain.timestamp


def check_partition(w):
    """E1 and E2 from the totals() view."""
    t = w.escrow.totals()
    out = (t.paid_gc + t.paid_direct + t.paid_labour + t.retention_to_owner + t.retention_to_gc + t.refunded
           + t.bond_returned + t.bond_forfeited)
    assert t.balance == w.balance(w.escrow)
    assert t.balance == t.funded + t.bond_posted - out + (t.held_total - t.held_claimed)
    assert t.balance == t.free + t.bond_held + t.retention_held + (t.held_total - t.held_claimed)
    return t


# --- constructor ------------------------------------------------------------------------------

def test_constructor_sets_parameters_and_roles(setup_world):
    e, p = setup_world.escrow, setup_world.people
    assert e.contract_price() == PRICE
    assert (e.retention_bps(), e.labour_bps(), e.defect_period(), e.bond_required()) == (300, 2000, DEFECT, BOND)
    assert e.owner() == p.owner and e.gc() == p.gc and e.payroll() == setup_world.payroll
    assert e.milestone_count() == 4
    assert [m.planned for m in e.all_milestones()] == PLANNED
    assert e.phase() == SETUP
    for role, who in [("OWNER", p.owner), ("GC", p.gc), ("SUPERVISOR", p.supervisor), ("AUDITOR", p.auditor),
                      ("ADMIN", p.platform)]:
        assert e.has_role(e.role(role), who)
    assert not e.has_role(e.role("OWNER"), p.gc)


ZERO = "0x" + "00" * 20


@pytest.mark.parametrize("change, name", [
    ({"t": ZERO}, "token"),
    ({"p": ZERO}, "payroll"),
    ({"owner_": ZERO}, "owner/gc"),
    ({"gc_": ZERO}, "owner/gc"),
    ({"supervisor": ZERO}, "supervisor/auditor"),
    ({"auditor": ZERO}, "supervisor/auditor"),
    ({"gc_": "owner"}, "owner not distinct"),
    ({"supervisor": "owner"}, "owner not distinct"),
    ({"auditor": "owner"}, "owner not distinct"),
    ({"supervisor": "gc"}, "roles not distinct"),
    ({"auditor": "gc"}, "roles not distinct"),
    ({"auditor": "supervisor"}, "roles not distinct"),
    ({"planned": []}, "milestones"),
    ({"planned": [100, 0]}, "planned amount"),
    ({"retention_bps_": 301}, "retention_bps"),
    ({"labour_bps_": 10_001}, "labour_bps"),
    ({"defect_period_": 730 * DAY + 1}, "defect_period"),
    ({"bond_required_": PRICE // 10 + 1}, "bond_required"),
])
def test_constructor_validates(setup_world, change, name):
    w = setup_world
    p = w.people
    args = {"t": w.token, "p": w.payroll, "owner_": p.owner, "gc_": p.gc, "supervisor": p.supervisor,
            "auditor": p.auditor, "planned": PLANNED, "retention_bps_": 300, "labour_bps_": 2000,
            "defect_period_": DEFECT, "bond_required_": BOND}
    for key, value in change.items():
        args[key] = getattr(p, value) if isinstance(value, str) and not value.startswith("0x") else value
    with w.reverts("BadParameter") as info:
        w.chain.deploy(ESCROW_SOURCE, sender=p.platform, **args)
    assert text_argument(info.args["name"]) == name


def text_argument(value) -> str:
    """A String error argument. (The SDK decodes a failed deployment's error with the node's
    JSON fallback, which shows strings as 0x-hex: noted for the dev tools.)"""
    if isinstance(value, str) and value.startswith("0x"):
        return bytes.fromhex(value[2:]).decode()
    return value


def test_constructor_accepts_the_limits(setup_world):
    w, p = setup_world, setup_world.people
    e = w.chain.deploy(ESCROW_SOURCE, w.token, w.payroll, p.owner, p.gc, p.supervisor, p.auditor,
                       [7] * 20, 300, 10_000, 730 * DAY, 14, sender=p.platform)
    assert e.contract_price() == 140 and e.bond_required() == 14 and e.milestone_count() == 20


def test_constructor_refuses_21_milestones(setup_world):
    w, p = setup_world, setup_world.people
    with pytest.raises(Exception):
        w.chain.deploy(ESCROW_SOURCE, w.token, w.payroll, p.owner, p.gc, p.supervisor, p.auditor,
                       [7] * 21, 300, 2000, DEFECT, 0, sender=p.platform)


# --- role checks: every privileged function, called by every other party ----------------------------

PRIVILEGED = {
    # function: (allowed role, arguments)
    "fund": ("owner", lambda w: (1,)),
    "post_bond": ("gc", lambda w: ()),
    "activate": ("owner", lambda w: ()),
    "cancel_project": ("owner", lambda w: (doc("x"),)),
    "submit_claim": ("gc", lambda w: (0, 1, doc("x"))),
    "set_direct_payees": ("gc", lambda w: (0, [])),
    "certify": ("supervisor", lambda w: (0, 1, doc("x"))),
    "reject": ("supervisor", lambda w: (0, doc("x"))),
    "cancel_milestone": ("owner", lambda w: (0, doc("x"))),
    "approve_payment": ("owner", lambda w: (0,)),
    "suspend": ("auditor", lambda w: (doc("x"),)),
    "resume": ("auditor", lambda w: (doc("x"),)),
    "confirm_completion": ("supervisor", lambda w: (doc("x"),)),
    "accept_completion": ("owner", lambda w: (doc("x"),)),
    "propose_forfeit": ("owner", lambda w: (doc("x"),)),
    "confirm_forfeit": ("auditor", lambda w: ()),
    "propose_defect_claim": ("owner", lambda w: (1, doc("x"))),
    "confirm_defect_claim": ("supervisor", lambda w: ()),
    "dismiss_defect_claim": ("supervisor", lambda w: (doc("x"),)),
    "request_retention_release": ("gc", lambda w: ()),
    "approve_retention_release": ("owner", lambda w: ()),
    "release_retention_by_default": ("gc", lambda w: ()),
    "refund_unused": ("owner", lambda w: ()),
    "grant_role": ("platform", lambda w: (w.escrow.role("SUPERVISOR"), w.people.stranger)),
    "revoke_role": ("platform", lambda w: (w.escrow.role("SUPERVISOR"), w.people.supervisor)),
}
ACTORS = ("owner", "gc", "supervisor", "auditor", "platform", "stranger", "supplier")
ROLE_OF = {"owner": "OWNER", "gc": "GC", "supervisor": "SUPERVISOR", "auditor": "AUDITOR", "platform": "ADMIN"}


@pytest.mark.parametrize("function, actor", [(f, a) for f, (allowed, _) in PRIVILEGED.items()
                                             for a in ACTORS if a != allowed])
def test_privileged_function_refuses_other_parties(w, function, actor):
    allowed, arguments = PRIVILEGED[function]
    caller = getattr(w.people, actor)
    with w.reverts("Unauthorized", role=w.escrow.role(ROLE_OF[allowed]), caller=caller):
        w.escrow.functions[function](*arguments(w), sender=caller)


def test_claim_held_and_views_are_open_to_anyone(w):
    with w.reverts("NothingToPay"):
        w.escrow.claim_held(sender=w.people.stranger)
    assert w.escrow.free(sender=w.people.stranger) == PRICE


# --- setup: fund, bond, activate, cancel_project ---------------------------------------------------

def test_fund_pulls_tokens_and_counts(setup_world):
    w, p, e = setup_world, setup_world.people, setup_world.escrow
    w.token.approve(e, 500, sender=p.owner)
    receipt = e.fund(500, sender=p.owner)
    assert receipt.event("Funded").args == {"sender": p.owner.address, "amount": 500}
    assert e.funded() == 500 and w.balance(e) == 500 and e.free() == 500
    with w.reverts("BadAmount"):
        e.fund(0, sender=p.owner)
    with w.reverts("InsufficientAllowance"):
        e.fund(1, sender=p.owner)


def test_fund_only_in_setup_and_active(w):
    w.token.approve(w.escrow, 10, sender=w.people.owner)
    w.escrow.fund(10, sender=w.people.owner)  # ACTIVE is fine
    complete(w)
    w.token.approve(w.escrow, 10, sender=w.people.owner)
    with w.reverts("WrongPhase", actual=COMPLETED):
        w.escrow.fund(10, sender=w.people.owner)


def test_post_bond_and_activate(setup_world):
    w, p, e = setup_world, setup_world.people, setup_world.escrow
    with w.reverts("BondNotPosted"):
        e.activate(sender=p.owner)
    with w.reverts("InsufficientAllowance"):
        e.post_bond(sender=p.gc)
    w.token.approve(e, BOND, sender=p.gc)
    receipt = e.post_bond(sender=p.gc)
    assert receipt.event("BondPosted").args["amount"] == BOND
    assert (e.bond_posted(), e.bond_held()) == (BOND, BOND)
    w.token.approve(e, BOND, sender=p.gc)
    with w.reverts("BondAlreadyPosted"):
        e.post_bond(sender=p.gc)
    assert e.activate(sender=p.owner).event("Activated").args["at"] == w.chain.timestamp
    assert e.phase() == ACTIVE
    with w.reverts("WrongPhase", expected=SETUP, actual=ACTIVE):
        e.activate(sender=p.owner)
    with w.reverts("WrongPhase", expected=SETUP, actual=ACTIVE):
        e.post_bond(sender=p.gc)
    check_partition(w)


def test_no_bond_required(setup_world):
    w, p = setup_world, setup_world.people
    e = w.chain.deploy(ESCROW_SOURCE, w.token, w.payroll, p.owner, p.gc, p.supervisor, p.auditor,
                       [100], 0, 0, 0, 0, sender=p.platform)
    with w.reverts("BadAmount", amount=0, limit=0):
        e.post_bond(sender=p.gc)
    e.activate(sender=p.owner)
    assert e.phase() == ACTIVE


def test_cancel_project_returns_funds_and_bond(setup_world):
    w, p, e = setup_world, setup_world.people, setup_world.escrow
    owner_before, gc_before = w.balance(p.owner), w.balance(p.gc)
    w.token.approve(e, 1000, sender=p.owner)
    e.fund(1000, sender=p.owner)
    w.token.approve(e, BOND, sender=p.gc)
    e.post_bond(sender=p.gc)
    receipt = e.cancel_project(doc("called off"), sender=p.owner)
    assert [ev.name for ev in receipt.events if ev.address == e.address] == \
        ["ProjectCancelled", "Refunded", "BondReturned", "Closed"]
    assert w.balance(p.owner) == owner_before and w.balance(p.gc) == gc_before and w.balance(e) == 0
    assert (e.phase(), e.refunded(), e.bond_returned(), e.bond_held()) == (CLOSED, 1000, BOND, 0)
    check_partition(w)
    with w.reverts("WrongPhase", expected=SETUP, actual=CLOSED):
        e.cancel_project(doc("again"), sender=p.owner)


def test_cancel_project_only_in_setup_and_not_suspended(setup_world):
    w, p, e = setup_world, setup_world.people, setup_world.escrow
    e.suspend(doc("audit"), sender=p.auditor)
    with w.reverts("ProjectSuspended"):
        e.cancel_project(doc("x"), sender=p.owner)
    e.resume(doc("ok"), sender=p.auditor)
    w.token.approve(e, BOND, sender=p.gc)
    e.post_bond(sender=p.gc)
    e.activate(sender=p.owner)
    with w.reverts("WrongPhase", expected=SETUP, actual=ACTIVE):
        e.cancel_project(doc("x"), sender=p.owner)


# --- milestones -------------------------------------------------------------------------------------

def test_submit_claim(w):
    e, p = w.escrow, w.people
    receipt = e.submit_claim(0, fen(2_500_000), doc("c"), sender=p.gc)
    assert receipt.event("ClaimSubmitted").args == {"m": 0, "amount": fen(2_500_000), "doc": doc("c")}
    m = e.milestone(0)
    assert (m.claimed, m.status, m.claim_doc) == (fen(2_500_000), CLAIMED, doc("c"))
    with w.reverts("WrongStatus", m=0, status=CLAIMED):
        e.submit_claim(0, 1, doc("c"), sender=p.gc)
    with w.reverts("BadAmount", amount=0, limit=PLANNED[1]):
        e.submit_claim(1, 0, doc("c"), sender=p.gc)
    with w.reverts("BadAmount", amount=PLANNED[1] + 1, limit=PLANNED[1]):
        e.submit_claim(1, PLANNED[1] + 1, doc("c"), sender=p.gc)
    with w.reverts("IndexOutOfBounds"):
        e.submit_claim(4, 1, doc("c"), sender=p.gc)


def test_submit_claim_needs_active(setup_world):
    with setup_world.reverts("WrongPhase", expected=ACTIVE, actual=SETUP):
        setup_world.escrow.submit_claim(0, 1, doc("c"), sender=setup_world.people.gc)


def test_set_direct_payees(w):
    e, p = w.escrow, w.people
    with w.reverts("WrongStatus", m=0, status=PLANNED_):
        e.set_direct_payees(0, [], sender=p.gc)
    claim(w, 0)
    payees = payee_list([(p.supplier, 5, "MATERIAL"), (p.sa, 7, "SUBCONTRACT")])
    receipt = e.set_direct_payees(0, payees, sender=p.gc)
    assert receipt.event("DirectPayeesSet").args == {"m": 0, "count": 2, "total": 12}
    stored = e.direct_payees(0)
    assert [(x.to, x.amount, int(x.kind)) for x in stored] == [(p.supplier.address, 5, 1), (p.sa.address, 7, 0)]
    e.set_direct_payees(0, payee_list([(p.sb, 3, "OTHER")]), sender=p.gc)  # replaces the list
    assert len(e.direct_payees(0)) == 1
    for bad in (ZERO, e.address, w.payroll.address):
        with w.reverts("BadPayee", to=bad):
            e.set_direct_payees(0, payee_list([(p.supplier, 5, "MATERIAL"), (bad, 1, "OTHER")]), sender=p.gc)
    with w.reverts("BadAmount"):
        e.set_direct_payees(0, payee_list([(p.supplier, 0, "MATERIAL")]), sender=p.gc)
    with pytest.raises(Exception):  # 21 payees: the ABI bound refuses them before the body runs
        e.set_direct_payees(0, payee_list([(p.supplier, 1, "MATERIAL")] * 21), sender=p.gc)
    e.certify(0, 10, doc("cert"), sender=p.supervisor)
    e.set_direct_payees(0, [], sender=p.gc)  # still allowed when CERTIFIED


def test_certify(w):
    e, p = w.escrow, w.people
    with w.reverts("WrongStatus", m=0, status=PLANNED_):
        e.certify(0, 1, doc("x"), sender=p.supervisor)
    claim(w, 0, fen(3_000_000 - 500_000))
    with w.reverts("BadAmount", amount=0):
        e.certify(0, 0, doc("x"), sender=p.supervisor)
    with w.reverts("BadAmount", amount=fen(2_500_000) + 1, limit=fen(2_500_000)):
        e.certify(0, fen(2_500_000) + 1, doc("x"), sender=p.supervisor)
    receipt = e.certify(0, fen(2_400_000), doc("report"), sender=p.supervisor)
    assert receipt.event("Certified").args == {"m": 0, "value": fen(2_400_000), "doc": doc("report")}
    m = e.milestone(0)
    assert (m.certified, m.status, m.cert_doc) == (fen(2_400_000), CERTIFIED, doc("report"))
    with w.reverts("WrongStatus", m=0, status=CERTIFIED):
        e.certify(0, 1, doc("x"), sender=p.supervisor)


def test_a3_negative_certify_3_000_001_against_3_000_000(w):
    claim(w, 1, fen(3_000_000))
    with w.reverts("BadAmount", amount=fen(3_000_000) + 1):
        w.escrow.certify(1, fen(3_000_000) + 1, doc("x"), sender=w.people.supervisor)


def test_gc_can_never_certify_even_with_the_role(w):
    """A3: the GC certifying its own claim reverts, also if ADMIN later grants it SUPERVISOR."""
    e, p = w.escrow, w.people
    claim(w, 0)
    with w.reverts("Unauthorized"):
        e.certify(0, 1, doc("x"), sender=p.gc)
    e.grant_role(e.role("SUPERVISOR"), p.gc, sender=p.platform)
    e.grant_role(e.role("OWNER"), p.gc, sender=p.platform)
    with w.reverts("ConflictOfInterest", account=p.gc):
        e.certify(0, 1, doc("x"), sender=p.gc)
    with w.reverts("ConflictOfInterest", account=p.gc):
        e.reject(0, doc("x"), sender=p.gc)
    e.certify(0, 1, doc("x"), sender=p.supervisor)
    with w.reverts("ConflictOfInterest", account=p.gc):
        e.approve_payment(0, sender=p.gc)
    with w.reverts("ConflictOfInterest", account=p.gc):
        e.confirm_completion(doc("x"), sender=p.gc)


def test_reject_and_resubmit(w):
    e, p = w.escrow, w.people
    with w.reverts("WrongStatus", m=0, status=PLANNED_):
        e.reject(0, doc("x"), sender=p.supervisor)
    claim(w, 0)
    receipt = e.reject(0, doc("measure again"), sender=p.supervisor)
    assert receipt.event("Rejected").args == {"m": 0, "doc": doc("measure again")}
    assert (e.milestone(0).status, e.milestone(0).claimed) == (REJECTED, 0)
    e.submit_claim(0, fen(2_000_000), doc("again"), sender=p.gc)  # REJECTED -> CLAIMED
    assert e.milestone(0).status == CLAIMED


def test_cancel_milestone(w):
    e, p = w.escrow, w.people
    assert e.cancel_milestone(3, doc("descoped"), sender=p.owner).event("MilestoneCancelled").args["m"] == 3
    assert e.milestone(3).status == CANCELLED
    with w.reverts("WrongStatus", m=3, status=CANCELLED):
        e.submit_claim(3, 1, doc("x"), sender=p.gc)
    claim(w, 0)
    with w.reverts("WrongStatus", m=0, status=CLAIMED):
        e.cancel_milestone(0, doc("x"), sender=p.owner)
    e.reject(0, doc("no"), sender=p.supervisor)
    e.cancel_milestone(0, doc("x"), sender=p.owner)  # REJECTED -> CANCELLED


def test_cancel_milestone_needs_active(setup_world):
    with setup_world.reverts("WrongPhase", expected=ACTIVE, actual=SETUP):
        setup_world.escrow.cancel_milestone(0, doc("x"), sender=setup_world.people.owner)


# --- approve_payment -------------------------------------------------------------------------------

@pytest.mark.parametrize("m", range(4))
def test_approve_payment_reproduces_a3(w, m):
    """A3's table, milestone by milestone: retained, labour to C3, direct payees, the GC's rest."""
    e, p = w.escrow, w.people
    for earlier in range(m):
        pay_a3_milestone(e, earlier, parties(w), gc=p.gc, supervisor=p.supervisor, owner=p.owner)
    retained, payable, labour, direct_total, to_gc = (fen(x) for x in A3_EXPECTED[m])
    payees = a3_payees(m, parties(w))
    before = {str(x): w.balance(x) for x in [p.gc, w.payroll, *[to for to, _, _ in payees]]}
    labour_before = w.payroll.labour_received()
    receipt = pay_a3_milestone(e, m, parties(w), gc=p.gc, supervisor=p.supervisor, owner=p.owner)
    paid = receipt.event("MilestonePaid").args
    assert (paid["retained"], paid["labour"], paid["direct_total"], paid["to_gc"]) == \
        (retained, labour, direct_total, to_gc)
    assert paid["certified"] == retained + payable
    assert w.balance(w.payroll) - before[str(w.payroll)] == labour
    assert w.payroll.labour_received() - labour_before == labour  # E6, in the same transaction
    assert [(ev.args["to"], ev.args["amount"]) for ev in receipt.events_named("DirectPaid")] == \
        [(to.address, amount) for to, amount, _ in payees]
    gains = {}
    for to, amount, _ in payees:
        gains[str(to)] = gains.get(str(to), 0) + amount
    for to, amount in gains.items():
        assert w.balance(to) - before[to] == amount
    assert w.balance(p.gc) - before[str(p.gc)] == to_gc
    assert e.milestone(m).status == PAID
    assert (e.milestone(m).paid, e.milestone(m).retained) == (payable, retained)
    check_partition(w)


def test_a3_totals_after_four_milestones(w):
    pay_all(w)
    t = check_partition(w)
    assert (t.retention_held, t.paid_labour, t.paid_direct, t.paid_gc) == \
        (fen(297_000), fen(1_920_600), fen(5_500_000), fen(2_182_400))
    assert t.paid_labour + t.paid_direct + t.paid_gc == fen(9_603_000)
    assert t.free == fen(100_000) and t.bond_held == BOND


def test_approve_payment_revert_paths(w):
    e, p = w.escrow, w.people
    with w.reverts("WrongStatus", m=0, status=PLANNED_):
        e.approve_payment(0, sender=p.owner)
    certified(w, 0, fen(2_400_000))
    # A3: a direct list summing to more than nonlabour (2 328 000 - 465 600 = 1 862 400).
    e.set_direct_payees(0, payee_list([(p.supplier, fen(1_862_400) + 1, "MATERIAL")]), sender=p.gc)
    with w.reverts("DirectExceedsNonlabour", direct_total=fen(1_862_400) + 1, nonlabour=fen(1_862_400)):
        e.approve_payment(0, sender=p.owner)
    e.set_direct_payees(0, payee_list([(p.supplier, fen(1_862_400), "MATERIAL")]), sender=p.gc)
    # A3: approval while the auditor has suspended the project.
    e.suspend(doc("audit"), sender=p.auditor)
    with w.reverts("ProjectSuspended"):
        e.approve_payment(0, sender=p.owner)
    e.resume(doc("ok"), sender=p.auditor)
    receipt = e.approve_payment(0, sender=p.owner)
    assert receipt.event("MilestonePaid").args["to_gc"] == 0  # nothing left for the GC: no zero transfer
    with w.reverts("WrongStatus", m=0, status=PAID):
        e.approve_payment(0, sender=p.owner)


def test_approve_payment_not_funded(setup_world):
    w, p, e = setup_world, setup_world.people, setup_world.escrow
    w.token.approve(e, fen(1_000_000), sender=p.owner)
    e.fund(fen(1_000_000), sender=p.owner)
    w.token.approve(e, BOND, sender=p.gc)
    e.post_bond(sender=p.gc)
    e.activate(sender=p.owner)
    certified(w, 0, fen(2_000_000))
    # certified 2 000 000 > free 1 000 000 (the bond is not free money). The retained 60 000 must
    # be covered too, so 1 940 000 (the payable part) is still not enough.
    with w.reverts("NotFunded", needed=fen(2_000_000), available=fen(1_000_000)):
        e.approve_payment(0, sender=p.owner)
    w.token.approve(e, fen(940_000), sender=p.owner)
    e.fund(fen(940_000), sender=p.owner)
    with w.reverts("NotFunded", needed=fen(2_000_000), available=fen(1_940_000)):
        e.approve_payment(0, sender=p.owner)
    w.token.approve(e, fen(60_000), sender=p.owner)
    e.fund(fen(60_000), sender=p.owner)
    e.approve_payment(0, sender=p.owner)
    assert e.free() == 0
    check_partition(w)


def test_labour_rounding_dust_stays_with_the_gc(setup_world):
    """retained = floor(c*bps/10000), labour = floor(payable*bps/10000); the remainder is the GC's."""
    w, p = setup_world, setup_world.people
    e = w.chain.deploy(ESCROW_SOURCE, w.token, w.payroll, p.owner, p.gc, p.supervisor, p.auditor,
                       [10_007], 299, 3_333, DAY, 0, sender=p.platform)
    w.payroll.grant_role(w.payroll.role("ESCROW"), e, sender=p.platform)
    w.token.approve(e, 10_007, sender=p.owner)
    e.fund(10_007, sender=p.owner)
    e.activate(sender=p.owner)
    e.submit_claim(0, 10_007, doc("c"), sender=p.gc)
    e.certify(0, 9_999, doc("c"), sender=p.supervisor)
    assert e.split(9_999) == (298, 3_233, 6_468)  # 9999*299//10000, (9999-298)*3333//10000
    paid = e.approve_payment(0, sender=p.owner).event("MilestonePaid").args
    assert (paid["retained"], paid["labour"], paid["to_gc"]) == (298, 3_233, 6_468)
    assert paid["retained"] + paid["labour"] + paid["to_gc"] == 9_999


def test_labour_not_pulled_reverts(setup_world):
    """E6 is checked by the escrow itself: a payroll that does not pull exactly the labour share
    makes the payment revert."""
    w, p = setup_world, setup_world.people
    lazy = w.chain.deploy('''#@ version 0.1
@external
def fund_labour(amount: uint256):
    pass
''', sender=p.platform, name="lazy_payroll")
    e = w.chain.deploy(ESCROW_SOURCE, w.token, lazy, p.owner, p.gc, p.supervisor, p.auditor,
                       [1000], 300, 2000, DAY, 0, sender=p.platform)
    w.token.approve(e, 1000, sender=p.owner)
    e.fund(1000, sender=p.owner)
    e.activate(sender=p.owner)
    e.submit_claim(0, 1000, doc("c"), sender=p.gc)
    e.certify(0, 1000, doc("c"), sender=p.supervisor)
    with w.reverts("LabourNotPulled", left=194):
        e.approve_payment(0, sender=p.owner)


def test_zero_labour_share_skips_the_payroll(setup_world):
    w, p = setup_world, setup_world.people
    e = w.chain.deploy(ESCROW_SOURCE, w.token, w.payroll, p.owner, p.gc, p.supervisor, p.auditor,
                       [1000], 0, 0, DAY, 0, sender=p.platform)  # the escrow has no ESCROW role: never called
    w.token.approve(e, 1000, sender=p.owner)
    e.fund(1000, sender=p.owner)
    e.activate(sender=p.owner)
    e.submit_claim(0, 1000, doc("c"), sender=p.gc)
    e.certify(0, 1000, doc("c"), sender=p.supervisor)
    paid = e.approve_payment(0, sender=p.owner).event("MilestonePaid").args
    assert (paid["retained"], paid["labour"], paid["to_gc"]) == (0, 0, 1000)


def test_frozen_payee_is_held_not_blocking(w):
    """SWC-113: a FULL-frozen supplier's share is held; the labour share and the others are paid."""
    e, p = w.escrow, w.people
    w.token.freeze(p.supplier, FULL, doc("court"), sender=p.regulator)
    w.token.freeze(p.sa, RECEIVE_ONLY, doc("court"), sender=p.regulator)  # can still receive
    supplier_before, sa_before = w.balance(p.supplier), w.balance(p.sa)
    receipt = pay_a3_milestone(e, 0, parties(w), gc=p.gc, supervisor=p.supervisor, owner=p.owner)
    assert receipt.event("PaymentHeld").args == {"to": p.supplier.address, "amount": fen(800_000)}
    assert w.balance(p.supplier) == supplier_before and w.balance(p.sa) == sa_before + fen(500_000)
    assert e.held_for(p.supplier) == fen(800_000)
    t = check_partition(w)
    assert t.paid_direct == fen(1_300_000) and t.held_total - t.held_claimed == fen(800_000)
    with w.reverts("CannotReceive", account=p.supplier):
        e.claim_held(sender=p.supplier)
    w.token.unfreeze(p.supplier, doc("court"), sender=p.regulator)
    e.suspend(doc("audit"), sender=p.auditor)
    with w.reverts("ProjectSuspended"):
        e.claim_held(sender=p.supplier)
    e.resume(doc("ok"), sender=p.auditor)
    receipt = e.claim_held(sender=p.supplier)
    assert receipt.event("HeldClaimed").args == {"to": p.supplier.address, "amount": fen(800_000)}
    assert w.balance(p.supplier) == supplier_before + fen(800_000)
    with w.reverts("NothingToPay"):
        e.claim_held(sender=p.supplier)
    check_partition(w)


def test_frozen_gc_share_is_held(w):
    e, p = w.escrow, w.people
    w.token.freeze(p.gc, FULL, doc("court"), sender=p.regulator)
    pay_a3_milestone(e, 0, parties(w), gc=p.gc, supervisor=p.supervisor, owner=p.owner)
    assert e.held_for(p.gc) == fen(562_400)
    check_partition(w)


# --- audit ------------------------------------------------------------------------------------------

def test_suspend_and_resume(w):
    e, p = w.escrow, w.people
    with w.reverts("NotSuspended"):
        e.resume(doc("x"), sender=p.auditor)
    assert e.suspend(doc("audit"), sender=p.auditor).event("Suspended").args["doc"] == doc("audit")
    assert e.suspended()
    with w.reverts("ProjectSuspended"):
        e.suspend(doc("again"), sender=p.auditor)
    certified(w, 0)  # claims and certification go on while suspended: only money is stopped
    assert e.resume(doc("ok"), sender=p.auditor).event("Resumed").args["doc"] == doc("ok")
    assert not e.suspended()


# --- completion, bond ---------------------------------------------------------------------------------

def test_completion_returns_the_bond(w):
    e, p = w.escrow, w.people
    with w.reverts("CompletionNotConfirmed"):
        e.accept_completion(doc("x"), sender=p.owner)
    pay_all(w)
    receipt = e.confirm_completion(doc("done"), sender=p.supervisor)
    assert receipt.event("CompletionConfirmed").args["doc"] == doc("done")
    gc_before = w.balance(p.gc)
    receipt = e.accept_completion(doc("accepted"), sender=p.owner)
    assert receipt.event("Completed").args["at"] == w.chain.timestamp == e.completed_at()
    assert receipt.event("BondReturned").args == {"gc": p.gc.address, "amount": BOND}
    assert w.balance(p.gc) - gc_before == BOND
    assert (e.phase(), e.bond_held(), e.bond_returned(), e.bond_forfeited()) == (COMPLETED, 0, BOND, 0)
    check_partition(w)
    with w.reverts("WrongPhase", expected=ACTIVE, actual=COMPLETED):
        e.confirm_completion(doc("x"), sender=p.supervisor)
    with w.reverts("WrongPhase", expected=ACTIVE, actual=COMPLETED):
        e.accept_completion(doc("x"), sender=p.owner)


def test_completion_needs_every_milestone_paid_or_cancelled(w):
    e, p = w.escrow, w.people
    with w.reverts("MilestonesOpen", m=0, status=PLANNED_):
        e.confirm_completion(doc("x"), sender=p.supervisor)
    pay_a3_milestone(e, 0, parties(w), gc=p.gc, supervisor=p.supervisor, owner=p.owner)
    certified(w, 1)
    with w.reverts("MilestonesOpen", m=1, status=CERTIFIED):
        e.confirm_completion(doc("x"), sender=p.supervisor)
    e.approve_payment(1, sender=p.owner)
    e.cancel_milestone(2, doc("x"), sender=p.owner)
    claim(w, 3)
    with w.reverts("MilestonesOpen", m=3, status=CLAIMED):
        e.confirm_completion(doc("x"), sender=p.supervisor)
    e.reject(3, doc("x"), sender=p.supervisor)
    with w.reverts("MilestonesOpen", m=3, status=REJECTED):
        e.confirm_completion(doc("x"), sender=p.supervisor)
    e.cancel_milestone(3, doc("x"), sender=p.owner)
    e.confirm_completion(doc("x"), sender=p.supervisor)
    e.suspend(doc("audit"), sender=p.auditor)
    with w.reverts("ProjectSuspended"):
        e.accept_completion(doc("x"), sender=p.owner)
    e.resume(doc("ok"), sender=p.auditor)
    e.accept_completion(doc("x"), sender=p.owner)


def test_forfeit_bond_takes_two_keys(w):
    e, p = w.escrow, w.people
    with w.reverts("NoForfeitProposed"):
        e.confirm_forfeit(sender=p.auditor)
    assert e.propose_forfeit(doc("default"), sender=p.owner).event("BondForfeitProposed").args["doc"] == \
        doc("default")
    e.suspend(doc("audit"), sender=p.auditor)
    with w.reverts("ProjectSuspended"):
        e.confirm_forfeit(sender=p.auditor)
    e.resume(doc("ok"), sender=p.auditor)
    owner_before = w.balance(p.owner)
    receipt = e.confirm_forfeit(sender=p.auditor)
    assert receipt.event("BondForfeited").args == {"amount": BOND, "doc": doc("default")}
    assert w.balance(p.owner) - owner_before == BOND
    assert (e.bond_held(), e.bond_forfeited(), e.bond_returned()) == (0, BOND, 0)
    with w.reverts("BondNotPosted"):
        e.propose_forfeit(doc("again"), sender=p.owner)
    with w.reverts("NoForfeitProposed"):
        e.confirm_forfeit(sender=p.auditor)
    check_partition(w)
    # E10: after forfeiture, completion returns nothing.
    for m in range(4):
        e.cancel_milestone(m, doc("x"), sender=p.owner)
    e.confirm_completion(doc("x"), sender=p.supervisor)
    receipt = e.accept_completion(doc("x"), sender=p.owner)
    assert not receipt.events_named("BondReturned") and e.bond_returned() == 0


def test_forfeit_only_before_completion(w):
    e, p = w.escrow, w.people
    e.propose_forfeit(doc("maybe"), sender=p.owner)
    complete(w)  # completion clears the proposal and returns the bond
    with w.reverts("WrongPhase", actual=COMPLETED):
        e.propose_forfeit(doc("x"), sender=p.owner)
    with w.reverts("WrongPhase", actual=COMPLETED):
        e.confirm_forfeit(sender=p.auditor)


# --- defect period, retention, refund (A5) ------------------------------------------------------------

def test_a5_warranty_and_retention_by_default(w):
    e, p = w.escrow, w.people
    t_done = complete(w)
    owner_before, gc_before = w.balance(p.owner), w.balance(p.gc)
    assert e.refund_unused(sender=p.owner).event("Refunded").args["amount"] == fen(100_000)
    w.chain.set_time(t_done + 200 * DAY)
    receipt = e.propose_defect_claim(fen(50_000), doc("pothole"), sender=p.owner)
    assert receipt.event("DefectClaimProposed").args == {"amount": fen(50_000), "doc": doc("pothole")}
    receipt = e.confirm_defect_claim(sender=p.supervisor)
    assert receipt.event("DefectClaimPaid").args == {"amount": fen(50_000), "doc": doc("pothole")}
    assert w.balance(p.owner) - owner_before == fen(150_000)
    w.chain.set_time(t_done + 300 * DAY)
    with w.reverts("DefectPeriodRunning", ends_at=t_done + DEFECT):
        e.request_retention_release(sender=p.gc)
    w.chain.set_time(t_done + DEFECT)
    assert e.request_retention_release(sender=p.gc).event("RetentionReleaseRequested").args["at"] == \
        t_done + DEFECT
    with w.reverts("AlreadyRequested"):
        e.request_retention_release(sender=p.gc)
    w.chain.set_time(t_done + DEFECT + SILENCE - 1)
    with w.reverts("SilenceRunning", until=t_done + DEFECT + SILENCE):
        e.release_retention_by_default(sender=p.gc)
    w.chain.set_time(t_done + DEFECT + SILENCE)
    receipt = e.release_retention_by_default(sender=p.gc)
    assert receipt.event("RetentionReleased").args == {"to": p.gc.address, "amount": fen(247_000),
                                                       "by_default": True}
    assert receipt.event("Closed").args["at"] == t_done + DEFECT + SILENCE
    assert w.balance(p.gc) - gc_before == fen(247_000)
    t = check_partition(w)
    # E1 with A5's figures.
    assert t.funded == fen(10_000_000) == (t.paid_gc + t.paid_direct + t.paid_labour + t.retention_to_owner
                                           + t.retention_to_gc + t.refunded)
    assert (t.retention_to_owner, t.retention_to_gc, t.refunded) == (fen(50_000), fen(247_000), fen(100_000))
    assert (t.bond_posted, t.bond_returned, t.balance) == (BOND, BOND, 0)
    assert e.phase() == CLOSED
    with w.reverts("WrongPhase", expected=COMPLETED, actual=CLOSED):
        e.release_retention_by_default(sender=p.gc)
    with w.reverts("NothingToPay"):
        e.refund_unused(sender=p.owner)


def test_owner_approves_retention_release(w):
    e, p = w.escrow, w.people
    t_done = complete(w)
    w.chain.set_time(t_done + DEFECT - 1)
    with w.reverts("DefectPeriodRunning"):
        e.approve_retention_release(sender=p.owner)
    w.chain.set_time(t_done + DEFECT)
    receipt = e.approve_retention_release(sender=p.owner)  # no request needed
    assert receipt.event("RetentionReleased").args["by_default"] is False
    assert receipt.event("RetentionReleased").args["amount"] == fen(297_000)
    assert e.phase() == COMPLETED  # 100 000 still free
    with w.reverts("NothingToPay"):
        e.approve_retention_release(sender=p.owner)
    with w.reverts("NothingToPay"):
        e.request_retention_release(sender=p.gc)
    receipt = e.refund_unused(sender=p.owner)
    assert receipt.event("Closed") and e.phase() == CLOSED and w.balance(e) == 0


def test_retention_release_revert_paths(w):
    e, p = w.escrow, w.people
    with w.reverts("WrongPhase", expected=COMPLETED, actual=ACTIVE):
        e.request_retention_release(sender=p.gc)
    with w.reverts("WrongPhase", expected=COMPLETED, actual=ACTIVE):
        e.approve_retention_release(sender=p.owner)
    with w.reverts("WrongPhase", expected=COMPLETED, actual=ACTIVE):
        e.release_retention_by_default(sender=p.gc)
    with w.reverts("WrongPhase", expected=COMPLETED, actual=ACTIVE):
        e.refund_unused(sender=p.owner)
    t_done = complete(w)
    with w.reverts("ReleaseNotRequested"):
        e.release_retention_by_default(sender=p.gc)
    w.chain.set_time(t_done + DEFECT)
    e.request_retention_release(sender=p.gc)
    w.chain.set_time(t_done + DEFECT + SILENCE)
    e.suspend(doc("audit"), sender=p.auditor)
    with w.reverts("ProjectSuspended"):
        e.release_retention_by_default(sender=p.gc)
    with w.reverts("ProjectSuspended"):
        e.approve_retention_release(sender=p.owner)
    with w.reverts("ProjectSuspended"):
        e.refund_unused(sender=p.owner)
    e.resume(doc("ok"), sender=p.auditor)
    e.release_retention_by_default(sender=p.gc)
    with w.reverts("NothingToPay"):
        e.release_retention_by_default(sender=p.gc)


def test_defect_claim_revert_paths(w):
    e, p = w.escrow, w.people
    with w.reverts("WrongPhase", expected=COMPLETED, actual=ACTIVE):
        e.propose_defect_claim(1, doc("x"), sender=p.owner)
    with w.reverts("WrongPhase", expected=COMPLETED, actual=ACTIVE):
        e.confirm_defect_claim(sender=p.supervisor)
    t_done = complete(w)
    with w.reverts("NoPendingClaim"):
        e.confirm_defect_claim(sender=p.supervisor)
    with w.reverts("BadAmount", amount=0, limit=fen(297_000)):
        e.propose_defect_claim(0, doc("x"), sender=p.owner)
    with w.reverts("BadAmount", amount=fen(297_000) + 1, limit=fen(297_000)):
        e.propose_defect_claim(fen(297_000) + 1, doc("x"), sender=p.owner)
    with w.reverts("NoPendingClaim"):
        e.dismiss_defect_claim(doc("x"), sender=p.supervisor)
    e.propose_defect_claim(fen(297_000), doc("x"), sender=p.owner)
    with w.reverts("ClaimPending"):
        e.propose_defect_claim(1, doc("y"), sender=p.owner)
    assert e.dismiss_defect_claim(doc("not a defect"), sender=p.supervisor).event("DefectClaimDismissed")
    assert not e.pending_defect().proposed
    e.propose_defect_claim(fen(1_000), doc("z"), sender=p.owner)
    e.suspend(doc("audit"), sender=p.auditor)
    with w.reverts("ProjectSuspended"):
        e.confirm_defect_claim(sender=p.supervisor)
    e.resume(doc("ok"), sender=p.auditor)
    w.chain.set_time(t_done + DEFECT)
    with w.reverts("DefectPeriodOver", ends_at=t_done + DEFECT):
        e.confirm_defect_claim(sender=p.supervisor)
    with w.reverts("DefectPeriodOver", ends_at=t_done + DEFECT):
        e.propose_defect_claim(1, doc("late"), sender=p.owner)
    e.approve_retention_release(sender=p.owner)  # the stale claim is cleared with the release
    assert not e.pending_defect().proposed


def test_defect_claim_last_second(w):
    """SWC-116: the defect period's boundary is defined: < end allowed, == end refused."""
    e, p = w.escrow, w.people
    t_done = complete(w)
    e.propose_defect_claim(fen(10), doc("x"), sender=p.owner)
    w.chain.set_time(t_done + DEFECT - 1)
    e.confirm_defect_claim(sender=p.supervisor)
    assert e.retention_to_owner() == fen(10)


def test_views(w):
    e = w.escrow
    assert e.split(fen(2_400_000)) == (fen(72_000), fen(465_600), fen(1_862_400))
    assert e.free() == PRICE
    with pytest.raises(Exception):
        e.milestone(4)
