"""The token, the project escrow and the wage account together, as one hypothesis
state machine (DOMAIN.md 2b "system" machine; RELIABILITY.md test 37).

One shadow ledger of the token is shared by the escrow and payroll models, so
the cross-contract paths are modelled exactly: a milestone payment routes the
labour share into the wage account, where it first repays defaulters' debts to
the guarantee pool; wage batches are paid, guaranteed and settled from that
money; wallets are frozen and unfrozen; tokens move between the parties; time
jumps. Every call's outcome must match the models, and a revert must change
nothing (state root, event log, balances).

After every step: K1 (the token's total supply equals the sum of every known
balance, on chain and in the model), E1/E2 for the escrow, W4-W6 for the
payroll, the labour the escrow paid equals the labour the payroll received,
money released never exceeds money deposited, and every worker is paid at most
once per period. The teardown completes the project, releases retention,
settles and closes the wage account, and checks both contracts end empty apart
from held pay and unwithdrawn deposits.

The debt voucher (contracts/debt_voucher.ht, modelled by c-token's
model_debt_voucher.VoucherModel over the same token ledger) is in it too: the
GC issues receivables to its supplier within a credit line, the supplier passes
parts on to subcontractors, holders sell them to the bank at a discount, and the
GC redeems them at maturity; V6 (the voucher contract never holds tokens) and
the issuer's outstanding amount are checked after every step.
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from node.devchain import Chain

from . import machine_steps
from .model_debt_voucher import ACTIVE as V_ACTIVE, OFFERED as V_OFFERED, PENDING as V_PENDING, VoucherModel
from .model_escrow_payroll import (ACTIVE, B_GUARANTEE_PAID, B_PAID, B_SETTLED, B_SUBMITTED, CERTIFIED, CLAIMED,
                                   CLOSED, CLOSURE_NOTICE, COMPLETED, DAY, FULL, GRACE, HOUR, KIND_GC, KIND_SUB,
                                   NONE_MODE, PLANNED, RECEIVE_ONLY, REJECTED, RELEASE_SILENCE, EscrowModel,
                                   PayrollModel, TokenShadow)
from contracts.scenarios.escrow_payroll import CONTRACTS, ESCROW_SOURCE, PAYROLL_SOURCE, doc, id_hash
from .world_escrow_payroll import TOKEN_SOURCE

NAME = "System (token + escrow + payroll + voucher)"
VOUCHER_SOURCE = CONTRACTS / "debt_voucher.ht"
CREDIT_LINE = 10**8


class VoucherTokenAdapter:
    """The token interface VoucherModel pays through, over the shared TokenShadow."""

    def __init__(self, shadow: TokenShadow):
        self.shadow = shadow

    # VoucherModel saves and restores these around an all-or-nothing redeem_many.
    balances = property(lambda self: self.shadow.balances,
                        lambda self, value: setattr(self.shadow, "balances", value))
    allowances = property(lambda self: self.shadow.allowances,
                          lambda self, value: setattr(self.shadow, "allowances", value))

    def transfer_from(self, spender, owner, to, amount) -> str | None:
        if self.shadow.allowances.get((owner, spender), 0) < amount:
            return "InsufficientAllowance"
        error = self.shadow.move_error(owner, to, amount)
        if error:
            return error
        self.shadow.allowances[(owner, spender)] -= amount
        self.shadow.move(owner, to, amount)
        return None
WORKERS = 4  # SA employs w0, w1; SB employs w2, w3
PARTIES = ("issuer", "regulator", "bank", "owner", "gc", "supervisor", "auditor", "inspector", "guarantor",
           "platform", "supplier", "sa", "sb", "stranger")


class Base:
    chain = None

    @classmethod
    def get(cls):
        if cls.chain is None:
            chain = Chain()
            acc = {n: chain.new_account(balance=0) for n in (*PARTIES, *[f"w{i}" for i in range(WORKERS)])}
            token = chain.deploy(TOKEN_SOURCE, acc["issuer"], acc["regulator"], sender=acc["issuer"])
            token.set_operator(acc["bank"], True, sender=acc["issuer"])
            token.issue(acc["bank"], 10**14, sender=acc["issuer"])
            for n, amount in [("owner", 10**12), ("gc", 10**10), ("guarantor", 10**10), ("sa", 10**9),
                              ("sb", 10**9), ("stranger", 10**9)]:
                token.transfer(acc[n], amount, sender=acc["bank"])
            cls.chain, cls.acc, cls.token = chain, acc, token
            cls.a = {n: x.address for n, x in acc.items()}
            cls.snapshot = chain.snapshot()
        cls.chain.revert(cls.snapshot)
        return cls


class SystemMachine(RuleBasedStateMachine):

    @initialize(planned=st.lists(st.integers(10_000, 10**7), min_size=1, max_size=3),
                retention_bps=st.integers(0, 300), labour_bps=st.one_of(st.just(2_000), st.integers(0, 10_000)),
                defect_period=st.sampled_from([DAY, 30 * DAY]), pool=st.sampled_from([0, 10**5, 10**7]))
    def deploy(self, planned, retention_bps, labour_bps, defect_period, pool):
        base = Base.get()
        self.chain, self.acc, self.a, self.token = base.chain, base.acc, base.a, base.token
        a, acc = self.a, self.acc
        self.payroll = self.chain.deploy(PAYROLL_SOURCE, self.token, a["gc"], a["inspector"], a["guarantor"],
                                         sender=acc["platform"])
        self.token.set_protected(self.payroll, True, sender=acc["issuer"])
        bond = sum(planned) // 10
        self.escrow = self.chain.deploy(ESCROW_SOURCE, self.token, self.payroll, a["owner"], a["gc"],
                                        a["supervisor"], a["auditor"], planned, retention_bps, labour_bps,
                                        defect_period, bond, sender=acc["platform"])
        self.payroll.grant_role(self.payroll.role("ESCROW"), self.escrow, sender=acc["platform"])
        self.voucher = self.chain.deploy(VOUCHER_SOURCE, self.token, a["platform"], a["regulator"],
                                         sender=acc["platform"])
        self.workers = [a[f"w{i}"] for i in range(WORKERS)]
        self.everyone = [*a.values(), self.escrow.address, self.payroll.address, self.voucher.address]
        token = TokenShadow(balances={x: self.token.balance_of(x) for x in self.everyone},
                            protected={self.payroll.address})
        self.total_supply = self.token.total_supply()
        self.e = EscrowModel(token, self.escrow.address, self.payroll.address, a["owner"], a["gc"], a["supervisor"],
                             a["auditor"], list(planned), retention_bps, labour_bps, defect_period, bond)
        self.p = PayrollModel(token, self.payroll.address, a["gc"], a["inspector"], a["guarantor"],
                              {self.escrow.address})
        self.t = token
        self.v = VoucherModel(self.voucher.address, VoucherTokenAdapter(token), a["platform"], a["regulator"])
        self.invoices = 0
        machine_steps.example(NAME)
        assert self.v.set_credit_line(a["platform"], a["gc"], CREDIT_LINE) is None
        self.call(self.voucher, "set_credit_line", (a["gc"], CREDIT_LINE), "platform", None)
        # The escrow: funded, bonded, active. The wage account: parties, deposits, pool, crews.
        self.token_approve("owner", self.escrow, sum(planned))
        self.call(self.escrow, "fund", (sum(planned),), "owner", None)
        self.e.apply_fund(a["owner"], sum(planned))
        if bond:
            self.token_approve("gc", self.escrow, bond)
            self.call(self.escrow, "post_bond", (), "gc", None)
            self.e.apply_post_bond(a["gc"])
        self.call(self.escrow, "activate", (), "owner", None)
        self.e.apply_activate(a["owner"])
        for party, kind, value in [("gc", "GC", sum(planned)), ("sa", "SUB", sum(planned) // 3),
                                   ("sb", "SUB", sum(planned) // 2)]:
            kind_code = KIND_GC if kind == "GC" else KIND_SUB
            self.call(self.payroll, "register_party", (a[party], kind, value), "gc", None)
            self.p.apply_register_party(a["gc"], a[party], kind_code, value)
            required = self.p.parties[a[party]].deposit_required
            if required:
                self.token_approve(party, self.payroll, required)
                self.call(self.payroll, "post_deposit", (required,), party, None)
                self.p.apply_post_deposit(a[party], required)
        if pool:
            self.token_approve("guarantor", self.payroll, pool)
            self.call(self.payroll, "fund_pool", (pool,), "guarantor", None)
            self.p.apply_fund_pool(a["guarantor"], pool)
        for i, worker in enumerate(self.workers):
            sub = "sa" if i < 2 else "sb"
            digest = id_hash(f"system-{i}", b"\x11" * 32)
            self.call(self.payroll, "register_worker", (worker, digest), sub, None)
            self.p.apply_register_worker(a[sub], worker, digest)
            self.call(self.payroll, "sign_labour_contract", (doc(f"contract {i}"),), f"w{i}", None)
            self.p.apply_sign_labour_contract(worker)
        self.period = 202601
        self.labour_from_others = 0  # labour money not routed by the escrow (the GC paying its debt at the end)

    # --- plumbing -------------------------------------------------------------------------------

    def fingerprint(self):
        return (self.chain.state_root(ignore_nonces=True), len(self.chain.logs),
                tuple(self.token.balance_of(x) for x in (self.escrow, self.payroll)))

    def call(self, contract, function: str, args: tuple, sender: str, expected: str | None):
        return machine_steps.checked_call(NAME, function,
                                          lambda: contract.functions[function](*args, sender=self.acc[sender]),
                                          expected, self.fingerprint)

    def token_approve(self, owner: str, spender, amount: int):
        self.token.approve(spender, amount, sender=self.acc[owner])
        self.t.approve(self.a[owner], spender.address, amount)

    @property
    def now(self) -> int:
        return self.chain.next_timestamp

    # --- escrow side ---------------------------------------------------------------------------------

    def do(self, contract, model, function: str, sender: str, chain_args=(), check_args=(), apply_args=None):
        """Ask the model for the expected error, call, and apply the effects on success."""
        expected = getattr(model, f"check_{function}")(self.a[sender], *check_args)
        receipt = self.call(contract, function, tuple(chain_args), sender, expected)
        result = None
        if receipt:
            result = getattr(model, f"apply_{function}")(self.a[sender],
                                                        *(check_args if apply_args is None else apply_args))
        return receipt, result

    def escrow_do(self, function, sender, chain_args=(), check_args=(), apply_args=None):
        return self.do(self.escrow, self.e, function, sender, chain_args, check_args, apply_args)[0]

    def payroll_do(self, function, sender, chain_args=(), check_args=(), apply_args=None):
        return self.do(self.payroll, self.p, function, sender, chain_args, check_args, apply_args)

    def approve_milestone(self, m: int):
        sender = self.a["owner"]
        expected = self.e.check_approve_payment(sender, m)
        labour = self.e.split(self.e.milestones[m].certified)[1] if not expected else 0
        if not expected and labour:
            expected = self.p.closed_error()  # the wage account refuses labour once closed
        receipt = self.call(self.escrow, "approve_payment", (m,), "owner", expected)
        if receipt:
            out = self.e.apply_approve_payment(sender, m)
            repaid, _ = self.p.apply_fund_labour(self.escrow.address, out["labour"], pull=False) if out["labour"] \
                else (0, [])
            if out["labour"]:
                assert receipt.event("LabourFunded").args == {"amount": out["labour"], "debt_repaid": repaid}

    @precondition(lambda self: self.e.phase == ACTIVE)
    @rule(m=st.integers(0, 2), cut=st.integers(0, 2), payees=st.lists(
        st.tuples(st.sampled_from(["supplier", "sa", "sb", "gc"]), st.integers(1, 5_000)), max_size=2),
        approve=st.booleans())
    def milestone(self, m, cut, payees, approve):
        """The GC claims (with direct payees), the supervisor certifies, the owner approves:
        the labour share lands in the wage account in the same transaction."""
        if m >= len(self.e.milestones):
            return
        status = self.e.milestones[m].status
        if status in (PLANNED, REJECTED):
            planned = self.e.milestones[m].planned
            self.escrow_do("submit_claim", "gc", (m, planned, doc("claim")), (m, planned))
            if payees:
                chain_list = [{"to": self.a[n], "amount": x, "kind": "MATERIAL"} for n, x in payees]
                expected = self.e.check_set_direct_payees(self.a["gc"], m, [(self.a[n], x, 1) for n, x in payees])
                if self.call(self.escrow, "set_direct_payees", (m, chain_list), "gc", expected):
                    self.e.apply_set_direct_payees(self.a["gc"], m, [(self.a[n], x, 1) for n, x in payees])
        if self.e.milestones[m].status == CLAIMED:
            value = max(self.e.milestones[m].claimed - cut, 1)
            self.escrow_do("certify", "supervisor", (m, value, doc("cert")), (m, value))
        if approve and self.e.milestones[m].status == CERTIFIED:
            self.approve_milestone(m)

    @rule(suspend=st.booleans())
    def auditor(self, suspend):
        self.escrow_do("suspend" if suspend else "resume", "auditor", (doc("audit"),))

    @precondition(lambda self: self.e.phase == ACTIVE and not self.e.suspended)
    @rule()
    def complete_project(self):
        for i, x in enumerate(self.e.milestones):
            if x.status == CLAIMED:
                self.escrow_do("reject", "supervisor", (i, doc("no")), (i,))
            if x.status == CERTIFIED:
                if sum(a for _, a, _ in self.e.direct.get(i, [])) > self.e.split(x.certified)[2]:
                    self.call(self.escrow, "set_direct_payees", (i, []), "gc", None)
                    self.e.apply_set_direct_payees(self.a["gc"], i, [])
                self.approve_milestone(i)
            if x.status in (PLANNED, REJECTED):
                self.escrow_do("cancel_milestone", "owner", (i, doc("cancel")), (i,))
        self.escrow_do("confirm_completion", "supervisor", (doc("done"),))
        now = self.now
        if self.call(self.escrow, "accept_completion", (doc("ok"),), "owner",
                     self.e.check_accept_completion(self.a["owner"])):
            self.e.apply_accept_completion(self.a["owner"], now)

    @precondition(lambda self: self.e.phase == COMPLETED and not self.e.suspended)
    @rule(by_default=st.booleans(), claim=st.integers(0, 100))
    def warranty_and_release(self, by_default, claim):
        e = self.e
        if claim and e.retention_held and self.now < e.completed_at + e.defect_period:
            now = self.now
            amount = max(1, e.retention_held * claim // 100)
            expected = e.check_propose_defect_claim(self.a["owner"], amount, now)
            if self.call(self.escrow, "propose_defect_claim", (amount, doc("d")), "owner", expected):
                e.apply_propose_defect_claim(self.a["owner"], amount, now)
                self.escrow_do("confirm_defect_claim", "supervisor", (), (self.now,))
        ends = e.completed_at + e.defect_period
        if ends > self.chain.timestamp:
            self.chain.set_time(ends)
        if by_default:
            self.escrow_do("request_retention_release", "gc", (), (self.now,))
            if e.release_requested_at:
                self.chain.set_time(e.release_requested_at + RELEASE_SILENCE)
                self.escrow_do("release_retention_by_default", "gc", (), (self.now,))
        else:
            self.escrow_do("approve_retention_release", "owner", (), (self.now,))
        if e.free() > 0:
            self.escrow_do("refund_unused", "owner")

    # --- payroll side ---------------------------------------------------------------------------------

    def file(self, sub: str, due_in: int, amount: int, period: int) -> int | None:
        workers = [w for w in self.workers if self.p.worker(w).active and self.p.worker(w).employer == self.a[sub]]
        entries = [(w, amount + i) for i, w in enumerate(workers)]
        now = self.now
        expected = self.p.check_submit_payroll(self.a[sub], period, entries, now + due_in, now)
        receipt = self.call(self.payroll, "submit_payroll",
                            (period, [{"worker": w, "amount": x} for w, x in entries], now + due_in), sub, expected)
        if receipt:
            return self.p.apply_submit_payroll(self.a[sub], period, entries, now + due_in, now)
        return None

    @precondition(lambda self: not self.p.closed)
    @rule(amount=st.sampled_from([1, 1_000, 60_000]), approve=st.booleans(), same_period=st.booleans())
    def month(self, amount, approve, same_period):
        """Both crews file the month's pay; the GC approves what the free balance covers."""
        if not same_period:
            self.period = self.period + 1 if self.period % 100 < 12 else self.period + 89
        for sub in ("sa", "sb"):
            batch = self.file(sub, DAY, amount, self.period)
            if batch and approve:
                self.payroll_do("approve_payroll", "gc", (batch,), (batch,))

    @precondition(lambda self: not self.p.closed)
    @rule(sub=st.sampled_from(["sa", "sb"]), defaulter=st.sampled_from(["gc", "sub"]), settle=st.booleans())
    def arrears(self, sub, defaulter, settle):
        """Nobody pays a batch: a worker triggers the pool after due + grace; the inspector settles."""
        self.period = self.period + 1 if self.period % 100 < 12 else self.period + 89
        batch = self.file(sub, 0, 3_000, self.period)
        if batch is None:
            return
        self.chain.set_time(max(self.p.batches[batch].due_at + GRACE, self.chain.timestamp + 1))
        self.payroll_do("trigger_guarantee", "w0", (batch,), (batch, self.now))
        if settle:
            party = self.a[sub if defaulter == "sub" else "gc"]
            self.payroll_do("settle_default", "inspector", (batch, party, doc("settle")), (batch, party))

    @rule(pick=st.integers(0, 20))
    def settle_open(self, pick):
        open_batches = [b for b in self.p.batches.values() if b.status == B_GUARANTEE_PAID]
        if open_batches:
            batch = open_batches[pick % len(open_batches)].id
            self.payroll_do("settle_default", "inspector", (batch, self.a["gc"], doc("settle")), (batch, self.a["gc"]))

    @rule(pick=st.integers(0, 20))
    def gc_approves(self, pick):
        open_batches = [b for b in self.p.batches.values() if b.status == B_SUBMITTED]
        if open_batches:
            batch = open_batches[pick % len(open_batches)].id
            self.payroll_do("approve_payroll", "gc", (batch,), (batch,))

    @rule(worker=st.integers(0, WORKERS - 1))
    def claim_held(self, worker):
        self.payroll_do("claim_held", f"w{worker}")

    # --- receivables (the debt voucher) ------------------------------------------------------------

    @rule(face=st.one_of(st.integers(0, 2), st.integers(1, 10**6), st.just(CREDIT_LINE)),
          tenor=st.sampled_from([DAY, 30 * DAY, 400 * DAY]), accept=st.booleans())
    def voucher_issue(self, face, tenor, accept):
        """The GC confirms a payable to its supplier (a new invoice hash each time)."""
        self.invoices += 1
        now, trade = self.now, doc(f"invoice {self.invoices}")
        expected = self.v.issue(self.a["gc"], now, self.a["supplier"], face, now + tenor, trade)
        receipt = self.call(self.voucher, "issue", (self.a["supplier"], face, now + tenor, trade), "gc", expected)
        if receipt:
            voucher_id = self.v.returned
            assert receipt.return_value == voucher_id
            if accept:
                expected = self.v.accept(self.a["supplier"], voucher_id)
                self.call(self.voucher, "accept", (voucher_id,), "supplier", expected)

    def live_vouchers(self, statuses=(V_ACTIVE,), holders=None):
        return [x for x in self.v.vouchers.values() if x.status in statuses and not x.children
                and (holders is None or x.holder in holders)]

    @rule(pick=st.integers(0, 50), share=st.integers(0, 100), to=st.sampled_from(["sa", "sb", "supplier"]))
    def voucher_pass_on(self, pick, share, to):
        """The supplier passes part of a receivable on to a subcontractor."""
        live = self.live_vouchers(holders={self.a["supplier"]})
        if not live:
            return
        x = live[pick % len(live)]
        amount, now = x.face * share // 100, self.now
        expected = self.v.transfer_partial(self.a["supplier"], now, x.id, self.a[to], amount)
        self.call(self.voucher, "transfer_partial", (x.id, self.a[to], amount), "supplier", expected)

    @rule(pick=st.integers(0, 50), discount_bps=st.integers(0, 600))
    def voucher_discount(self, pick, discount_bps):
        """A holder sells a receivable to the bank below face (no-recourse factoring)."""
        names = {self.a[n]: n for n in ("supplier", "sa", "sb")}
        live = self.live_vouchers(holders=set(names))
        if not live:
            return
        x = live[pick % len(live)]
        holder = names[x.holder]
        price = max(x.face - x.face * discount_bps // 10_000, 1)
        expected = self.v.offer_discount(x.holder, self.now, x.id, self.a["bank"], price)
        if not self.call(self.voucher, "offer_discount", (x.id, self.a["bank"], price), holder, expected):
            return
        self.token_approve("bank", self.voucher, price)
        expected = self.v.accept_discount(self.a["bank"], self.now, x.id)
        self.call(self.voucher, "accept_discount", (x.id,), "bank", expected)

    @rule(wait=st.booleans())
    def voucher_redeem(self, wait):
        """At maturity the GC pays every holder of record the face value."""
        due = self.live_vouchers(statuses=(V_ACTIVE, V_OFFERED))
        if not due:
            return
        if wait:
            latest = max(x.maturity for x in due)
            if latest > self.chain.timestamp:
                self.chain.set_time(latest)
        ids = [x.id for x in due][:50]
        self.token_approve("gc", self.voucher, sum(self.v.vouchers[i].face for i in ids))
        expected = self.v.redeem_many(self.a["gc"], self.now, ids)
        self.call(self.voucher, "redeem_many", (ids,), "gc", expected)

    # --- the token side ----------------------------------------------------------------------------------

    @rule(name=st.sampled_from(["w0", "w2", "supplier", "sa", "gc", "owner"]),
          mode=st.sampled_from([FULL, RECEIVE_ONLY, NONE_MODE]))
    def regulator(self, name, mode):
        machine_steps.set_freeze(NAME, self.token, self.t, self.a[name], mode, self.acc["regulator"], doc("case"))

    @rule(sender=st.sampled_from(["w0", "w1", "supplier", "sa", "gc", "owner", "stranger"]),
          receiver=st.sampled_from(["w0", "supplier", "sb", "gc", "stranger", "bank"]),
          amount=st.one_of(st.integers(0, 2), st.integers(1, 10**6), st.just(10**13)))
    def transfer(self, sender, receiver, amount):
        """Ordinary payments between the parties (K1 and the freeze rules, K3)."""
        source, target = self.a[sender], self.a[receiver]
        expected = self.t.move_error(source, target, amount)
        if self.call(self.token, "transfer", (target, amount), sender, expected):
            self.t.move(source, target, amount)

    @rule(seconds=st.sampled_from([1, HOUR, DAY, 10 * DAY, CLOSURE_NOTICE]))
    def advance(self, seconds):
        machine_steps.count(NAME)
        self.chain.time_travel(seconds)

    # --- invariants -------------------------------------------------------------------------------------

    @invariant()
    def system_invariants(self):
        e, p, t = self.e, self.p, self.t
        # K1: the supply is the sum of every balance (every address that ever held tokens is known).
        balances = {x: self.token.balance_of(x) for x in self.everyone}
        assert sum(balances.values()) == self.token.total_supply() == self.total_supply == sum(t.balances.values())
        assert balances == {x: t.balance(x) for x in self.everyone}
        et, pt = self.escrow.totals(), self.payroll.totals()
        # E1/E2 and the model's view of the escrow
        assert et.balance == et.funded + et.bond_posted - e.outflows() + (et.held_total - et.held_claimed)
        assert et.balance == et.free + et.bond_held + et.retention_held + (et.held_total - et.held_claimed)
        assert (et.paid_labour, et.paid_direct, et.paid_gc, et.retention_held, et.free) == \
            (e.paid_labour, e.paid_direct, e.paid_gc, e.retention_held, e.free())
        # W4-W6 and the model's view of the payroll
        refunds = pt.deposits_refunded + pt.pool_refunded + pt.free_refunded
        assert pt.balance == pt.labour_received + pt.pool_funded + pt.deposits_posted - pt.wages_paid \
            - pt.held_claimed - refunds
        assert pt.balance == pt.free + pt.pool_balance + pt.deposits_total + (pt.held_total - pt.held_claimed)
        assert pt.pool_balance + pt.unsettled + pt.debt_total == pt.pool_funded - pt.pool_refunded
        assert (pt.labour_received, pt.wages_paid, pt.pool_balance, pt.debt_total, pt.free) == \
            (p.labour_received, p.wages_paid, p.pool_balance, p.debt_total, p.free())
        # Labour: what the escrow routed is exactly what the wage account received.
        assert et.paid_labour + self.labour_from_others == pt.labour_received
        # Released never exceeds deposited: out of the escrow at most what came in; wages at most what
        # the wage account received.
        assert e.outflows() <= et.funded + et.bond_posted
        assert pt.wages_paid + pt.held_total <= pt.labour_received + pt.pool_funded + pt.deposits_taken
        # Each worker is paid at most once per period.
        paid = {}
        for batch in p.batches.values():
            if batch.status in (B_PAID, B_GUARANTEE_PAID, B_SETTLED):
                for worker, _ in batch.entries:
                    key = (worker, batch.period)
                    assert key not in paid, f"{worker} paid twice for {batch.period}"
                    paid[key] = batch.id
        for worker in self.workers:
            record = self.payroll.worker(worker)
            assert record.total_paid + record.held == p.expected_total_paid_plus_held(worker)
        # V6: the voucher contract never holds tokens; V3: the issuer's outstanding amount
        assert balances[self.voucher.address] == 0
        assert self.voucher.outstanding(self.a["gc"]) == self.v.outstanding[self.a["gc"]] <= CREDIT_LINE
        assert self.v.outstanding[self.a["gc"]] == sum(
            x.face for x in self.live_vouchers(statuses=(V_PENDING, V_ACTIVE, V_OFFERED)) if x.issuer == self.a["gc"])

    # --- teardown -----------------------------------------------------------------------------------------

    def teardown(self):
        if not hasattr(self, "e"):
            return
        e, p = self.e, self.p
        for name in ("w0", "w2", "supplier", "sa", "gc", "owner"):
            self.regulator(name, NONE_MODE)
        if e.suspended:
            self.auditor(False)
        if e.phase == ACTIVE:
            self.complete_project()
        if e.phase == COMPLETED:
            self.warranty_and_release(False, 0)
        for batch in list(p.batches.values()):
            if batch.status == B_SUBMITTED:
                self.payroll_do("approve_payroll", "gc", (batch.id,), (batch.id,))
            if batch.status == B_SUBMITTED:  # not enough free labour money: the pool steps in
                self.chain.set_time(max(batch.due_at + GRACE, self.chain.timestamp + 1))
                self.payroll_do("trigger_guarantee", "stranger", (batch.id,), (batch.id, self.now))
            if batch.status == B_SUBMITTED and p.pool_balance < batch.total:
                self.token_approve("guarantor", self.payroll, batch.total)
                self.payroll_do("fund_pool", "guarantor", (batch.total,), (batch.total,))
                self.payroll_do("trigger_guarantee", "stranger", (batch.id,), (batch.id, self.now))
            if batch.status == B_GUARANTEE_PAID:
                self.payroll_do("settle_default", "inspector", (batch.id, self.a["gc"], doc("settle")), (batch.id, self.a["gc"]))
        if p.debt_total:  # the GC's debt: no more labour will come, so the GC pays it in as labour
            self.payroll.grant_role(self.payroll.role("ESCROW"), self.a["gc"], sender=self.acc["platform"])
            p.funders.add(self.a["gc"])
            self.token_approve("gc", self.payroll, p.debt_total)
            self.labour_from_others += p.debt_total
            self.payroll_do("fund_labour", "gc", (p.debt_total,), (p.debt_total,))
        if not p.closed:
            self.payroll_do("announce_closure", "gc", (), (), (self.now,))
            self.chain.set_time(max(p.closure_announced_at + CLOSURE_NOTICE, self.chain.timestamp + 1))
            self.payroll_do("close", "gc", (), (self.now,))
        for i, worker in enumerate(self.workers):
            if p.worker(worker).held:
                self.claim_held(i)
        for account in list(e.held):  # payees whose share the escrow held while they were frozen
            self.escrow_do("claim_held", next(n for n, x in self.a.items() if x == account))
        for x in self.live_vouchers(statuses=(V_PENDING,)):
            expected = self.v.accept(x.holder, x.id)
            self.call(self.voucher, "accept", (x.id,), next(n for n, y in self.a.items() if y == x.holder), expected)
        self.voucher_redeem(True)
        assert self.v.outstanding[self.a["gc"]] == 0
        self.system_invariants()
        assert e.phase == CLOSED and self.token.balance_of(self.escrow) == 0
        assert p.closed and self.token.balance_of(self.payroll) == p.deposits_total == 0


def test_system_state_machine(capsys):
    machine_steps.run_and_report(SystemMachine, NAME, *machine_steps.budget(30, 40), capsys)
