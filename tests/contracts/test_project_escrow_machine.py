"""ProjectEscrow as a hypothesis state machine (DOMAIN.md 2b; invariants E1-E12).

Every rule picks its sender from owner, GC, supervisor, auditor and a stranger
(half the time the right role, so the lifecycle advances), draws amounts around
the boundaries (0, 1, planned, planned+1, free, large), and asks the shadow
model (model_escrow_payroll.EscrowModel) which error the call must revert with,
or none. A mismatch fails; a revert must change nothing (state root without
nonces, event log, the escrow's and payroll's balances). After every step the
invariants compare the chain with the model. Time jumps include the defect
period and the 28-day silence at -1/0/+1 s. The teardown drives the project to
the end (completion, warranty, release, refund, held claims) and checks the
escrow holds 0 tokens.

    CONTRACTS_LONG=<factor> runs a longer campaign (see machine_steps.py).
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from node.devchain import Chain

from . import machine_steps
from .model_escrow_payroll import (ACTIVE, CANCELLED, CERTIFIED, CLAIMED, CLOSED, COMPLETED, DAY, FULL,
                                   HOUR, NONE_MODE, PAID, PLANNED, RECEIVE_ONLY, REJECTED, RELEASE_SILENCE, SETUP,
                                   EscrowModel, TokenShadow, floor_bps)
from contracts.scenarios.escrow_payroll import ESCROW_SOURCE, PAYROLL_SOURCE, doc
from .world_escrow_payroll import TOKEN_SOURCE

ZERO = "0x" + "00" * 20
NAME = "ProjectEscrow"

ALLOWED_STATUS = {PLANNED: {PLANNED, CLAIMED, CANCELLED}, CLAIMED: {CLAIMED, CERTIFIED, REJECTED},
                  CERTIFIED: {CERTIFIED, PAID}, REJECTED: {REJECTED, CLAIMED, CANCELLED}, PAID: {PAID},
                  CANCELLED: {CANCELLED}}

REACHABLE = {}
for _start in ALLOWED_STATUS:
    _seen, _todo = {_start}, [_start]
    while _todo:
        for _next in ALLOWED_STATUS[_todo.pop()] - _seen:
            _seen.add(_next)
            _todo.append(_next)
    REACHABLE[_start] = _seen
MILESTONE_FUNCTIONS = ("submit_claim", "certify", "reject", "cancel_milestone", "approve_payment")


class Base:
    """One chain per session: token, a payroll, funded parties; every example starts
    from the snapshot taken here."""

    chain = None

    @classmethod
    def get(cls):
        if cls.chain is None:
            chain = Chain()
            names = ["issuer", "regulator", "bank", "owner", "gc", "supervisor", "auditor", "stranger", "platform",
                     "inspector", "guarantor", "p1", "p2", "p3"]
            accounts = {n: chain.new_account(balance=0) for n in names}
            a = {n: acc.address for n, acc in accounts.items()}
            token = chain.deploy(TOKEN_SOURCE, a["issuer"], a["regulator"], sender=accounts["issuer"])
            token.set_operator(a["bank"], True, sender=accounts["issuer"])
            token.issue(a["bank"], 10**15, sender=accounts["issuer"])
            for n in ("owner", "gc", "stranger"):
                token.transfer(a[n], 10**13, sender=accounts["bank"])
            payroll = chain.deploy(PAYROLL_SOURCE, token, a["gc"], a["inspector"], a["guarantor"],
                                   sender=accounts["platform"])
            token.set_protected(payroll, True, sender=accounts["issuer"])
            cls.chain, cls.accounts, cls.a, cls.token, cls.payroll = chain, accounts, a, token, payroll
            cls.snapshot = chain.snapshot()
        cls.chain.revert(cls.snapshot)
        return cls


amounts = st.one_of(st.integers(0, 3), st.integers(0, 10**9), st.sampled_from(["planned", "planned+1", "claimed",
                                                                                "claimed+1", "free", "held", "huge"]))
role_or_any = st.sampled_from(["role", "role", "role", "owner", "gc", "supervisor", "auditor", "stranger"])
milestone_index = st.integers(0, 4)
payee_strategy = st.lists(st.tuples(st.sampled_from(["p1", "p2", "p3", "gc", "owner", "payroll", "escrow", "zero"]),
                                    st.one_of(st.integers(0, 2), st.integers(1, 10**8)),
                                    st.sampled_from(["SUBCONTRACT", "MATERIAL", "OTHER"])), max_size=4)


class EscrowMachine(RuleBasedStateMachine):

    @initialize(planned=st.lists(st.one_of(st.integers(1, 100), st.integers(1, 10**9)), min_size=1, max_size=4),
                retention_bps=st.one_of(st.sampled_from([0, 1, 299, 300]), st.integers(0, 300)),
                labour_bps=st.one_of(st.sampled_from([0, 1, 2000, 9999, 10000]), st.integers(0, 10_000)),
                defect_period=st.sampled_from([0, DAY, 30 * DAY, 365 * DAY]),
                bond_share=st.sampled_from([0, 1, 2]),
                start=st.sampled_from(["setup", "active", "active", "active", "completed", "completed"]),
                first_payees=st.lists(st.tuples(st.sampled_from(["p1", "p2", "gc"]), st.integers(1, 50),
                                                st.sampled_from(["SUBCONTRACT", "MATERIAL"])), max_size=2))
    def deploy(self, planned, retention_bps, labour_bps, defect_period, bond_share, start, first_payees):
        base = Base.get()
        self.chain, self.token, self.payroll, self.acc, self.a = base.chain, base.token, base.payroll, base.accounts, \
            base.a
        price = sum(planned)
        bond = {0: 0, 1: price // 20, 2: price // 10}[bond_share]
        a = self.a
        self.escrow = self.chain.deploy(ESCROW_SOURCE, self.token, self.payroll, a["owner"], a["gc"],
                                        a["supervisor"], a["auditor"], planned, retention_bps, labour_bps,
                                        defect_period, bond, sender=self.acc["platform"])
        self.payroll.grant_role(self.payroll.role("ESCROW"), self.escrow, sender=self.acc["platform"])
        self.tracked = [a[n] for n in ("owner", "gc", "stranger", "p1", "p2", "p3")] + [self.escrow.address,
                                                                                       self.payroll.address]
        shadow = TokenShadow(balances={x: self.token.balance_of(x) for x in self.tracked},
                             protected={self.payroll.address})
        self.m = EscrowModel(shadow, self.escrow.address, self.payroll.address, a["owner"], a["gc"],
                             a["supervisor"], a["auditor"], list(planned), retention_bps, labour_bps, defect_period,
                             bond)
        self.labour_received = 0
        self.last_statuses = [PLANNED] * len(planned)
        self.last_phase = SETUP
        machine_steps.example(NAME)
        machine_steps.outcome(NAME, "(start)", start)
        if start != "setup":  # most examples start funded and active, so milestones get paid
            self.fund("role", price, True)
            if bond:
                self.post_bond("role", True)
            self.activate("role")
        if start == "completed":  # ... and some in the defect liability period
            for m in range(len(planned)):
                self.drive_milestone(m, m % 2, first_payees if m == 0 else [])
            self.drive_to_completion()

    # --- plumbing ---------------------------------------------------------------------------------

    def who(self, choice: str, role: str) -> str:
        return self.a[role if choice == "role" else choice]

    def resolve(self, value, m: int | None = None) -> int:
        if isinstance(value, int):
            return value
        ms = self.m.milestones[m] if m is not None and m < len(self.m.milestones) else None
        return {"planned": ms.planned if ms else 1, "planned+1": ms.planned + 1 if ms else 2,
                "claimed": ms.claimed if ms else 1, "claimed+1": ms.claimed + 1 if ms else 2,
                "free": max(self.m.free(), 0), "held": self.m.retention_held, "huge": 2**200}[value]

    def fingerprint(self):
        return (self.chain.state_root(ignore_nonces=True), len(self.chain.logs),
                self.token.balance_of(self.escrow), self.token.balance_of(self.payroll))

    def send(self, function: str, args: tuple, sender: str, expected: str | None):
        """Run the call; it must fail with `expected` (changing nothing) or succeed if None."""
        suspended = self.m.suspended
        escrow_before = self.m.balance
        receipt = machine_steps.checked_call(
            NAME, function, lambda: self.escrow.functions[function](*args, sender=self.acc_of(sender)), expected,
            self.fingerprint)
        if receipt is None:
            return None
        if function in MILESTONE_FUNCTIONS:  # E11: one allowed edge per transaction
            m = args[0]
            assert int(self.escrow.milestone(m).status) in ALLOWED_STATUS[self.m.milestones[m].status]
        if suspended:  # E8: while suspended, no token leaves the escrow
            assert self.token.balance_of(self.escrow) >= escrow_before
        return receipt

    def acc_of(self, address: str):
        return next(acc for acc in self.acc.values() if acc.address == address)

    @property
    def now(self) -> int:
        return self.chain.next_timestamp

    # --- rules: setup ----------------------------------------------------------------------------------

    @precondition(lambda self: self.m.phase in (SETUP, ACTIVE))
    @rule(who=role_or_any, amount=amounts, approve=st.booleans())
    def fund(self, who, amount, approve):
        sender, amount = self.who(who, "owner"), self.resolve(amount)
        if approve and amount < 2**128:
            self.token.approve(self.escrow, amount, sender=self.acc_of(sender))
            self.m.token.approve(sender, self.escrow.address, amount)
        expected = self.m.check_fund(sender, amount)
        if self.send("fund", (amount,), sender, expected):
            self.m.apply_fund(sender, amount)

    @precondition(lambda self: self.m.phase == SETUP)
    @rule(who=role_or_any, approve=st.booleans())
    def post_bond(self, who, approve):
        sender = self.who(who, "gc")
        if approve:
            self.token.approve(self.escrow, self.m.bond_required, sender=self.acc_of(sender))
            self.m.token.approve(sender, self.escrow.address, self.m.bond_required)
        expected = self.m.check_post_bond(sender)
        if self.send("post_bond", (), sender, expected):
            self.m.apply_post_bond(sender)

    @precondition(lambda self: self.m.phase == SETUP)
    @rule(who=role_or_any)
    def activate(self, who):
        sender = self.who(who, "owner")
        expected = self.m.check_activate(sender)
        if self.send("activate", (), sender, expected):
            self.m.apply_activate(sender)

    @precondition(lambda self: self.m.phase == SETUP)
    @rule(who=role_or_any)
    def cancel_project(self, who):
        sender = self.who(who, "owner")
        expected = self.m.check_cancel_project(sender)
        if self.send("cancel_project", (doc("cancel"),), sender, expected):
            self.m.apply_cancel_project(sender)

    # --- rules: milestones ----------------------------------------------------------------------------

    @precondition(lambda self: self.m.phase == ACTIVE)
    @rule(who=role_or_any, m=milestone_index, amount=amounts)
    def submit_claim(self, who, m, amount):
        sender, amount = self.who(who, "gc"), self.resolve(amount, m)
        expected = self.m.check_submit_claim(sender, m, amount)
        if self.send("submit_claim", (m, amount, doc(f"claim {m}")), sender, expected):
            self.m.apply_submit_claim(sender, m, amount)

    @precondition(lambda self: self.m.phase == ACTIVE)
    @rule(who=role_or_any, m=milestone_index, payees=payee_strategy)
    def set_direct_payees(self, who, m, payees):
        sender = self.who(who, "gc")
        addresses = {"payroll": self.payroll.address, "escrow": self.escrow.address, "zero": ZERO}
        chain_list, model_list = [], []
        for name, amount, kind in payees:
            to = addresses.get(name) or self.a[name]
            chain_list.append({"to": to, "amount": amount, "kind": kind})
            model_list.append((None if to == ZERO else to, amount, kind))
        expected = self.m.check_set_direct_payees(sender, m, model_list)
        if self.send("set_direct_payees", (m, chain_list), sender, expected):
            self.m.apply_set_direct_payees(sender, m, model_list)

    @precondition(lambda self: self.m.phase == ACTIVE)
    @rule(who=role_or_any, m=milestone_index, value=amounts)
    def certify(self, who, m, value):
        sender, value = self.who(who, "supervisor"), self.resolve(value, m)
        expected = self.m.check_certify(sender, m, value)
        if self.send("certify", (m, value, doc(f"cert {m}")), sender, expected):
            self.m.apply_certify(sender, m, value)

    @precondition(lambda self: self.m.phase == ACTIVE)
    @rule(who=role_or_any, m=milestone_index)
    def reject(self, who, m):
        sender = self.who(who, "supervisor")
        expected = self.m.check_reject(sender, m)
        if self.send("reject", (m, doc("reject")), sender, expected):
            self.m.apply_reject(sender, m)

    @precondition(lambda self: self.m.phase == ACTIVE)
    @rule(who=role_or_any, m=milestone_index)
    def cancel_milestone(self, who, m):
        sender = self.who(who, "owner")
        expected = self.m.check_cancel_milestone(sender, m)
        if self.send("cancel_milestone", (m, doc("cancel")), sender, expected):
            self.m.apply_cancel_milestone(sender, m)

    @precondition(lambda self: self.m.phase == ACTIVE)
    @rule(who=role_or_any, m=milestone_index)
    def approve_payment(self, who, m):
        sender = self.who(who, "owner")
        expected = self.m.check_approve_payment(sender, m)
        registered = self.escrow.direct_payees(m) if not expected else None
        labour_before = self.payroll.labour_received() if not expected else 0
        receipt = self.send("approve_payment", (m,), sender, expected)
        if receipt:
            out = self.m.apply_approve_payment(sender, m)
            paid = receipt.event("MilestonePaid").args
            assert (paid["certified"], paid["retained"], paid["labour"], paid["direct_total"], paid["to_gc"]) == \
                (out["certified"], out["retained"], out["labour"], out["direct_total"], out["to_gc"])
            # E5, E6: the split is the floor rule, and the wage account received exactly the labour share.
            assert paid["retained"] == floor_bps(paid["certified"], self.m.retention_bps)
            assert paid["labour"] == floor_bps(paid["certified"] - paid["retained"], self.m.labour_bps)
            assert self.payroll.labour_received() - labour_before == paid["labour"]
            self.labour_received += paid["labour"]
            # E9: each DirectPaid goes to the address registered for that milestone, in order.
            direct = [(e.args["to"], e.args["amount"]) for e in receipt.events_named("DirectPaid")]
            assert direct == [(x.to, x.amount) for x in registered]
            assert sum(a for _, a in direct) <= paid["certified"] - paid["retained"] - paid["labour"]
            held = {}
            for e in receipt.events_named("PaymentHeld"):
                held[e.args["to"]] = held.get(e.args["to"], 0) + e.args["amount"]
            assert held == out["held"]

    # --- rules: audit, completion, bond -----------------------------------------------------------------

    @rule(who=role_or_any)
    def suspend(self, who):
        sender = self.who(who, "auditor")
        expected = self.m.check_suspend(sender)
        if self.send("suspend", (doc("audit"),), sender, expected):
            self.m.apply_suspend(sender)

    @rule(who=role_or_any)
    def resume(self, who):
        sender = self.who(who, "auditor")
        expected = self.m.check_resume(sender)
        if self.send("resume", (doc("ok"),), sender, expected):
            self.m.apply_resume(sender)

    @precondition(lambda self: self.m.phase == ACTIVE)
    @rule(who=role_or_any)
    def confirm_completion(self, who):
        sender = self.who(who, "supervisor")
        expected = self.m.check_confirm_completion(sender)
        if self.send("confirm_completion", (doc("done"),), sender, expected):
            self.m.apply_confirm_completion(sender)

    @precondition(lambda self: self.m.phase == ACTIVE)
    @rule(who=role_or_any)
    def accept_completion(self, who):
        sender = self.who(who, "owner")
        expected = self.m.check_accept_completion(sender)
        now = self.now
        if self.send("accept_completion", (doc("accepted"),), sender, expected):
            self.m.apply_accept_completion(sender, now)
            assert self.escrow.completed_at() == now

    @precondition(lambda self: self.m.phase in (SETUP, ACTIVE))
    @rule(who=role_or_any)
    def propose_forfeit(self, who):
        sender = self.who(who, "owner")
        expected = self.m.check_propose_forfeit(sender)
        if self.send("propose_forfeit", (doc("default"),), sender, expected):
            self.m.apply_propose_forfeit(sender)

    @precondition(lambda self: self.m.phase in (SETUP, ACTIVE))
    @rule(who=role_or_any)
    def confirm_forfeit(self, who):
        sender = self.who(who, "auditor")
        expected = self.m.check_confirm_forfeit(sender)
        if self.send("confirm_forfeit", (), sender, expected):
            self.m.apply_confirm_forfeit(sender)

    # --- rules: defect period and retention ------------------------------------------------------------

    @precondition(lambda self: self.m.phase == COMPLETED)
    @rule(who=role_or_any, amount=amounts)
    def propose_defect_claim(self, who, amount):
        sender, amount = self.who(who, "owner"), self.resolve(amount)
        now = self.now
        expected = self.m.check_propose_defect_claim(sender, amount, now)
        if self.send("propose_defect_claim", (amount, doc("defect")), sender, expected):
            self.m.apply_propose_defect_claim(sender, amount, now)

    @precondition(lambda self: self.m.phase == COMPLETED)
    @rule(who=role_or_any)
    def confirm_defect_claim(self, who):
        sender = self.who(who, "supervisor")
        now = self.now
        expected = self.m.check_confirm_defect_claim(sender, now)
        if self.send("confirm_defect_claim", (), sender, expected):
            # E7: retention goes to the owner only before the period ends, with the supervisor's confirmation.
            assert now < self.m.completed_at + self.m.defect_period
            self.m.apply_confirm_defect_claim(sender, now)

    @precondition(lambda self: self.m.phase == COMPLETED)
    @rule(who=role_or_any)
    def dismiss_defect_claim(self, who):
        sender = self.who(who, "supervisor")
        expected = self.m.check_dismiss_defect_claim(sender)
        if self.send("dismiss_defect_claim", (doc("no"),), sender, expected):
            self.m.apply_dismiss_defect_claim(sender)

    @precondition(lambda self: self.m.phase == COMPLETED)
    @rule(who=role_or_any)
    def request_retention_release(self, who):
        sender = self.who(who, "gc")
        now = self.now
        expected = self.m.check_request_retention_release(sender, now)
        if self.send("request_retention_release", (), sender, expected):
            self.m.apply_request_retention_release(sender, now)

    @precondition(lambda self: self.m.phase == COMPLETED)
    @rule(who=role_or_any)
    def approve_retention_release(self, who):
        sender = self.who(who, "owner")
        now = self.now
        expected = self.m.check_approve_retention_release(sender, now)
        if self.send("approve_retention_release", (), sender, expected):
            assert now >= self.m.completed_at + self.m.defect_period  # E7
            self.m.apply_approve_retention_release(sender, now)

    @precondition(lambda self: self.m.phase == COMPLETED)
    @rule(who=role_or_any)
    def release_retention_by_default(self, who):
        sender = self.who(who, "gc")
        now = self.now
        expected = self.m.check_release_retention_by_default(sender, now)
        if self.send("release_retention_by_default", (), sender, expected):
            # E7: after the defect period and 28 days of the owner's silence after the request.
            assert now >= self.m.completed_at + self.m.defect_period
            assert now >= self.m.release_requested_at + RELEASE_SILENCE
            self.m.apply_release_retention_by_default(sender, now)

    @precondition(lambda self: self.m.phase in (COMPLETED, CLOSED))
    @rule(who=role_or_any)
    def refund_unused(self, who):
        sender = self.who(who, "owner")
        expected = self.m.check_refund_unused(sender)
        if self.send("refund_unused", (), sender, expected):
            self.m.apply_refund_unused(sender)

    @rule(who=st.sampled_from(["p1", "p2", "p3", "gc", "owner", "stranger"]))
    def claim_held(self, who):
        sender = self.a[who]
        expected = self.m.check_claim_held(sender)
        receipt = self.send("claim_held", (), sender, expected)
        if receipt:
            assert receipt.event("HeldClaimed").args["amount"] == self.m.apply_claim_held(sender)

    @rule(function=st.sampled_from(["fund", "post_bond", "activate", "cancel_project", "submit_claim",
                                    "set_direct_payees", "certify", "reject", "cancel_milestone", "approve_payment",
                                    "confirm_completion", "accept_completion", "propose_forfeit", "confirm_forfeit",
                                    "propose_defect_claim", "confirm_defect_claim", "dismiss_defect_claim",
                                    "request_retention_release", "approve_retention_release",
                                    "release_retention_by_default", "refund_unused"]),
          who=role_or_any, m=milestone_index)
    def any_function_any_time(self, function, who, m):
        """Any function in any phase (the phase-specific rules above only run in their phase)."""
        calls = {"fund": lambda: self.fund(who, 1, True), "post_bond": lambda: self.post_bond(who, True),
                 "set_direct_payees": lambda: self.set_direct_payees(who, m, [("p1", 1, "OTHER")]),
                 "submit_claim": lambda: self.submit_claim(who, m, 1), "certify": lambda: self.certify(who, m, 1),
                 "propose_defect_claim": lambda: self.propose_defect_claim(who, 1)}
        if function in calls:
            calls[function]()
        elif function in ("reject", "cancel_milestone", "approve_payment"):
            getattr(self, function)(who, m)
        else:
            getattr(self, function)(who)

    # --- rules: the world around ----------------------------------------------------------------------

    @rule(who=st.sampled_from(["p1", "p2", "p3", "gc", "owner"]), mode=st.sampled_from([FULL, RECEIVE_ONLY, 0]))
    def regulator_freezes(self, who, mode):
        machine_steps.set_freeze(NAME, self.token, self.m.token, self.a[who], mode, self.acc["regulator"], doc("case"))

    @rule(amount=st.integers(1, 10**6))
    def stray_transfer(self, amount):
        """Tokens sent straight to the escrow become free money (refundable to the owner)."""
        machine_steps.count(NAME)
        self.token.transfer(self.escrow, amount, sender=self.acc["stranger"])
        self.m.token.move(self.a["stranger"], self.escrow.address, amount)
        self.m.stray += amount

    @rule(seconds=st.sampled_from([1, HOUR, DAY, 14 * DAY, 28 * DAY, 365 * DAY]))
    def advance(self, seconds):
        machine_steps.count(NAME)
        self.chain.time_travel(seconds)

    @precondition(lambda self: self.m.phase == COMPLETED)
    @rule(delta=st.sampled_from([-1, 0, 1]), silence=st.booleans())
    def travel_to_boundary(self, delta, silence):
        """To the end of the defect period (or of the owner's silence) -1/0/+1 s."""
        machine_steps.count(NAME)
        if silence and self.m.release_requested_at:
            target = self.m.release_requested_at + RELEASE_SILENCE + delta
        else:
            target = self.m.completed_at + self.m.defect_period + delta
        if target > self.chain.timestamp:
            self.chain.set_time(target)

    @precondition(lambda self: self.m.phase == ACTIVE and not self.m.suspended)
    @rule(m=milestone_index, cut=st.integers(0, 3),
          payees=st.lists(st.tuples(st.sampled_from(["p1", "p2", "p3", "gc", "owner"]), st.integers(1, 10**4),
                                    st.sampled_from(["SUBCONTRACT", "MATERIAL", "OTHER"])), max_size=3))
    def drive_milestone(self, m, cut, payees):
        """Claim, register payees, certify (possibly below the claim) and approve one milestone,
        with the right roles."""
        if m >= len(self.m.milestones) or self.m.milestones[m].status not in (PLANNED, REJECTED):
            return
        planned = self.m.milestones[m].planned
        self.submit_claim("role", m, planned)
        if payees:
            self.set_direct_payees("role", m, payees)
        self.certify("role", m, max(planned - cut, 1))
        if self.m.free() < self.m.milestones[m].certified:
            self.fund("role", self.m.milestones[m].certified, True)
        self.approve_payment("role", m)

    @precondition(lambda self: self.m.phase == ACTIVE and not self.m.suspended
                  and any(x.status == PAID for x in self.m.milestones))
    @rule()
    def drive_to_completion(self):
        """Settle every milestone (approve certified ones, reject open claims, cancel the rest),
        then the supervisor confirms and the owner accepts."""
        self.finish_milestones()
        self.confirm_completion("role")
        self.accept_completion("role")

    @precondition(lambda self: self.m.phase == COMPLETED and not self.m.suspended)
    @rule(share=st.integers(1, 100), dismiss=st.booleans(), by_default=st.booleans(),
          delta=st.sampled_from([-1, 0, 1]))
    def warranty(self, share, dismiss, by_default, delta):
        """A defect claim (confirmed or dismissed), then the release after the defect period,
        by the owner or by 28 days of silence, with the clock at the boundaries -1/0/+1 s."""
        m = self.m
        ends = m.completed_at + m.defect_period
        if m.retention_held and self.now < ends and not m.pending_defect:
            self.propose_defect_claim("role", max(1, m.retention_held * share // 100))
            if dismiss:
                self.dismiss_defect_claim("role")
            else:
                self.confirm_defect_claim("role")
        if ends + delta > self.chain.timestamp:
            self.chain.set_time(ends + delta)
        self.request_retention_release("role")
        if by_default and m.release_requested_at:
            target = m.release_requested_at + RELEASE_SILENCE + delta
            if target > self.chain.timestamp:
                self.chain.set_time(target)
            self.release_retention_by_default("role")
        else:
            self.approve_retention_release("role")

    def finish_milestones(self):
        m = self.m
        for i, x in enumerate(m.milestones):
            if x.status == CLAIMED:
                self.reject("role", i)
            if x.status == CERTIFIED:
                if sum(a for _, a, _ in m.direct.get(i, [])) > m.split(x.certified)[2]:
                    self.set_direct_payees("role", i, [])  # the GC corrects an over-long list
                if m.free() < x.certified:
                    self.fund("role", x.certified - m.free(), True)
                self.approve_payment("role", i)
            if x.status in (PLANNED, REJECTED):
                self.cancel_milestone("role", i)

    # --- invariants -----------------------------------------------------------------------------------

    @invariant()
    def chain_matches_model(self):
        m, t = self.m, self.escrow.totals()
        assert t.balance == m.balance
        # E1: conservation (plus tokens sent straight to the escrow)
        assert t.balance == t.funded + t.bond_posted - m.outflows() + (t.held_total - t.held_claimed) + m.stray
        # E2: partition, all parts >= 0 (free() did not revert)
        assert t.balance == t.free + t.bond_held + t.retention_held + (t.held_total - t.held_claimed)
        assert (t.free, t.funded, t.paid_gc, t.paid_direct, t.paid_labour, t.retention_held, t.retention_to_owner,
                t.retention_to_gc, t.refunded, t.bond_posted, t.bond_held, t.bond_returned, t.bond_forfeited,
                t.held_total, t.held_claimed) == \
            (m.free(), m.funded, m.paid_gc, m.paid_direct, m.paid_labour, m.retention_held, m.retention_to_owner,
             m.retention_to_gc, m.refunded, m.bond_posted, m.bond_held, m.bond_returned, m.bond_forfeited,
             m.held_total, m.held_claimed)
        # E10: the bond is held, returned or forfeited, never two of the last
        assert t.bond_held + t.bond_returned + t.bond_forfeited == t.bond_posted
        assert t.bond_returned == 0 or t.bond_forfeited == 0
        assert m.bond_required <= m.price // 10
        chain_milestones = self.escrow.all_milestones()
        total_certified = total_paid_retained = 0
        for i, (c, x) in enumerate(zip(chain_milestones, m.milestones)):
            assert (c.planned, c.claimed, c.certified, c.paid, c.retained, int(c.status)) == \
                (x.planned, x.claimed, x.certified, x.paid, x.retained, x.status)
            # E3
            assert c.certified <= c.claimed <= c.planned or (c.status == PAID and c.certified <= c.planned)
            if c.status == PAID:
                assert c.paid + c.retained == c.certified
                assert c.retained == floor_bps(c.certified, m.retention_bps)  # E5
            else:
                assert c.paid == c.retained == 0
            # E11: statuses only move along the allowed paths (each edge is checked per transaction in send)
            assert int(c.status) in REACHABLE[self.last_statuses[i]]
            self.last_statuses[i] = int(c.status)
            total_certified += c.certified if c.status == PAID else 0
            total_paid_retained += c.paid + c.retained
        # E4: no payment beyond approval
        assert total_paid_retained <= total_certified <= m.price
        assert t.paid_gc + t.paid_direct + t.paid_labour + t.retention_to_gc <= m.price
        phase, suspended = int(self.escrow.phase()), self.escrow.suspended()
        assert (phase, suspended) == (m.phase, m.suspended)
        assert phase >= self.last_phase  # E11: the phase only moves forward
        self.last_phase = phase
        # E6: labour reached only the payroll; C3 counted exactly the labour paid
        assert self.payroll.labour_received() == t.paid_labour == self.labour_received
        for account in self.tracked:
            assert self.token.balance_of(account) == m.token.balance(account)
        for account, amount in m.held.items():
            assert self.escrow.held_for(account) == amount

    # --- teardown: run the project to the end -------------------------------------------------------------

    def teardown(self):
        if not hasattr(self, "m"):
            return
        m = self.m
        for account, mode in list(m.token.modes.items()):
            if mode != NONE_MODE:
                self.regulator_freezes(next(k for k, v in self.a.items() if v == account), NONE_MODE)
        if m.suspended:
            self.resume("role")
        if m.phase == SETUP:
            if m.bond_held != m.bond_required and not m.bond_posted:
                self.post_bond("role", True)
            if m.bond_held == m.bond_required:
                self.activate("role")
            else:
                self.cancel_project("role")
        if m.phase == ACTIVE:
            self.finish_milestones()
            self.confirm_completion("role")
            self.accept_completion("role")
        if m.phase == COMPLETED:
            if m.pending_defect and self.now < m.completed_at + m.defect_period:
                self.confirm_defect_claim("role")
            if self.now < m.completed_at + m.defect_period:
                self.chain.set_time(m.completed_at + m.defect_period)
            if not m.retention_released:
                self.approve_retention_release("role")
        if m.phase in (COMPLETED, CLOSED) and m.free() > 0:
            self.refund_unused("role")  # also tokens that arrived after a SETUP cancellation
        for name in ("p1", "p2", "p3", "gc", "owner", "stranger"):
            if m.held.get(self.a[name]):
                self.claim_held(name)
        self.chain_matches_model()
        assert m.phase == CLOSED
        assert self.token.balance_of(self.escrow) == 0, "the escrow still holds tokens at the end"


def test_escrow_state_machine(capsys):
    machine_steps.run_and_report(EscrowMachine, NAME, *machine_steps.budget(60, 45), capsys)
