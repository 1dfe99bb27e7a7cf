"""WagePayroll as a hypothesis state machine (DOMAIN.md 2b; invariants W1-W11).

Senders come from the GC, the inspector, the guarantor, the labour funder,
subcontractors, workers and a stranger (biased to the right party); amounts
sit at the boundaries; wallets are frozen and unfrozen; time jumps include a
batch's due + grace -1/0/+1 s. The shadow model (model_escrow_payroll.
PayrollModel) names the error each call must revert with, or none; a revert
must change nothing. After every step the buckets, parties, workers and batches
are compared with the model; per transaction, every token leaving the contract
is matched to a wage, a held claim or a closure refund (W1), every entry is
paid or held exactly once (W2) and the guarantee fires only after due + grace
(W7). The teardown settles everything, closes the account and checks that only
unclaimed held pay and unwithdrawn deposits remain.
"""

from __future__ import annotations

import hashlib

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from node.devchain import Chain

from . import machine_steps
from .model_escrow_payroll import (B_GUARANTEE_PAID, B_PAID, B_REJECTED, B_SETTLED, B_SUBMITTED, CLOSURE_NOTICE,
                                   DAY, DEPOSIT_CAP, FULL, GRACE, HOUR, KIND_GC, KIND_NONE, KIND_SUB, NONE_MODE,
                                   RECEIVE_ONLY, PayrollModel, TokenShadow)
from contracts.scenarios.escrow_payroll import PAYROLL_SOURCE, doc
from .world_escrow_payroll import TOKEN_SOURCE

NAME = "WagePayroll"
ZERO = "0x" + "00" * 20
WORKERS = 6
KINDS = {"NONE": KIND_NONE, "GC": KIND_GC, "SUB": KIND_SUB}


def id_of(i: int) -> bytes | None:
    return None if i == 0 else hashlib.sha3_256(b"worker-id-%d" % i).digest()


class Base:
    chain = None

    @classmethod
    def get(cls):
        if cls.chain is None:
            chain = Chain()
            names = ["issuer", "regulator", "bank", "gc", "inspector", "guarantor", "platform", "sa", "sb", "sc",
                     "stranger", *[f"w{i}" for i in range(WORKERS)]]
            acc = {n: chain.new_account(balance=0) for n in names}
            token = chain.deploy(TOKEN_SOURCE, acc["issuer"], acc["regulator"], sender=acc["issuer"])
            token.set_operator(acc["bank"], True, sender=acc["issuer"])
            token.issue(acc["bank"], 10**15, sender=acc["issuer"])
            for n in ("gc", "guarantor", "sa", "sb", "sc", "stranger"):
                token.transfer(acc[n], 10**12, sender=acc["bank"])
            cls.chain, cls.acc, cls.token = chain, acc, token
            cls.a = {n: x.address for n, x in acc.items()}
            cls.snapshot = chain.snapshot()
        cls.chain.revert(cls.snapshot)
        return cls


amounts = st.one_of(st.integers(0, 3), st.integers(1, 10**7), st.sampled_from(["room", "free", "pool", "huge"]))
wages = st.one_of(st.integers(0, 2), st.integers(1, 10**5))
role_or_any = st.sampled_from(["role", "role", "role", "gc", "inspector", "guarantor", "sa", "stranger", "w0"])
batch_ids = st.integers(1, 8)
worker_index = st.integers(0, WORKERS - 1)


class PayrollMachine(RuleBasedStateMachine):

    @initialize(staffed=st.sampled_from([False, True, True]))
    def deploy(self, staffed):
        base = Base.get()
        self.chain, self.acc, self.a, self.token = base.chain, base.acc, base.a, base.token
        a = self.a
        self.payroll = self.chain.deploy(PAYROLL_SOURCE, self.token, a["gc"], a["inspector"], a["guarantor"],
                                         sender=self.acc["platform"])
        self.payroll.grant_role(self.payroll.role("ESCROW"), a["bank"], sender=self.acc["platform"])
        self.token.set_protected(self.payroll, True, sender=self.acc["issuer"])
        self.workers = [a[f"w{i}"] for i in range(WORKERS)]
        self.tracked = [a[n] for n in ("gc", "guarantor", "sa", "sb", "sc", "stranger", "bank")] + self.workers + \
            [self.payroll.address]
        shadow = TokenShadow(balances={x: self.token.balance_of(x) for x in self.tracked},
                             protected={self.payroll.address})
        self.m = PayrollModel(shadow, self.payroll.address, a["gc"], a["inspector"], a["guarantor"], {a["bank"]})
        self.stray_after_closure = 0
        machine_steps.example(NAME)
        machine_steps.outcome(NAME, "(start)", "staffed" if staffed else "fresh")
        if staffed:  # GC, SA and SB registered with deposits, a pool, three workers each, some labour money
            self.register_party("role", "gc", "GC", 10**9)
            self.register_party("role", "sa", "SUB", 3 * 10**8)
            self.register_party("role", "sb", "SUB", 4 * 10**8)
            for who in ("gc", "sa", "sb"):
                self.post_deposit(who, "room", True)
            self.fund_pool("role", 10**6, True)
            for i in range(WORKERS):
                self.register_worker("sa" if i < 3 else "sb", i, i + 1)
                self.sign_labour_contract(i)
            self.fund_labour("role", 20_000, True)

    # --- plumbing ---------------------------------------------------------------------------

    def who(self, choice: str, role: str) -> str:
        return self.a[role if choice == "role" else choice]

    def resolve(self, value, sender=None) -> int:
        if isinstance(value, int):
            return value
        party = self.m.parties.get(sender)
        return {"room": party.deposit_required - party.deposit if party else 1, "free": max(self.m.free(), 0),
                "pool": self.m.pool_balance, "huge": 2**200}[value]

    def fingerprint(self):
        return self.chain.state_root(ignore_nonces=True), len(self.chain.logs), self.token.balance_of(self.payroll)

    def send(self, function: str, args: tuple, sender: str, expected: str | None):
        subs_before = {s: self.m.token.balance(s) for s in self.m.parties if self.m.kind(s) == KIND_SUB}
        receipt = machine_steps.checked_call(
            NAME, function, lambda: self.payroll.functions[function](*args, sender=self.chain.account(sender)),
            expected, self.fingerprint)
        if receipt is None:
            return None
        self.check_outflows(function, receipt, subs_before)
        return receipt

    def check_outflows(self, function, receipt, subs_before):
        """W1: every token that leaves is a wage or held claim to a worker, or a closure refund."""
        allowed = []
        for e in receipt.events:
            if e.address != self.payroll.address:
                continue
            if e.name in ("WagePaid", "HeldClaimed"):
                allowed.append((e.args["worker"], e.args["amount"]))
            elif e.name == "DepositWithdrawn":
                allowed.append((e.args["party"], e.args["amount"]))
        if function == "close":
            allowed += self.closure_payments
        sent = [(e.args["receiver"], e.args["amount"]) for e in receipt.events
                if e.name == "Transfer" and e.address == self.token.address and e.args["sender"] == self.payroll.address]
        assert sorted(sent) == sorted(allowed), f"{function}: unexpected outflows {sent} vs {allowed}"
        if function not in ("close", "withdraw_deposit"):
            for sub, before in subs_before.items():
                assert self.token.balance_of(sub) <= before, "a subcontractor gained inside a payroll transaction"

    def check_entries(self, receipt, batch_id):
        """W2: each entry of the batch is paid or held exactly once, for its amount."""
        seen = [(e.args["worker"], e.args["amount"]) for e in receipt.events
                if e.name in ("WagePaid", "WageHeld") and e.address == self.payroll.address]
        assert all(e.args["id"] == batch_id for e in receipt.events if e.name in ("WagePaid", "WageHeld"))
        assert seen == [(w, amt) for w, amt in self.m.batches[batch_id].entries]

    @property
    def now(self) -> int:
        return self.chain.next_timestamp

    def approve_token(self, sender: str, amount: int):
        if amount < 2**128:
            self.token.approve(self.payroll, amount, sender=self.chain.account(sender))
            self.m.token.approve(sender, self.payroll.address, amount)

    # --- rules: parties, money in ----------------------------------------------------------------

    @rule(who=role_or_any, party=st.sampled_from(["gc", "sa", "sb", "sc", "stranger", "w0", "zero", "payroll"]),
          kind=st.sampled_from(["SUB", "GC", "NONE"]), value=st.one_of(st.integers(0, 300), st.integers(1, 10**12)))
    def register_party(self, who, party, kind, value):
        sender = self.who(who, "gc")
        target = {"zero": ZERO, "payroll": self.payroll.address}.get(party) or self.a[party]
        model_target = None if target == ZERO else target
        expected = self.m.check_register_party(sender, model_target, KINDS[kind], value)
        if self.send("register_party", (target, kind, value), sender, expected):
            self.m.apply_register_party(sender, model_target, KINDS[kind], value)

    @rule(who=st.sampled_from(["gc", "sa", "sb", "sc", "stranger"]), amount=amounts, approve=st.booleans())
    def post_deposit(self, who, amount, approve):
        sender = self.a[who]
        amount = self.resolve(amount, sender)
        if approve:
            self.approve_token(sender, amount)
        expected = self.m.check_post_deposit(sender, amount)
        if self.send("post_deposit", (amount,), sender, expected):
            self.m.apply_post_deposit(sender, amount)

    @rule(who=role_or_any, amount=amounts, approve=st.booleans())
    def fund_pool(self, who, amount, approve):
        sender, amount = self.who(who, "guarantor"), self.resolve(amount)
        if approve:
            self.approve_token(sender, amount)
        expected = self.m.check_fund_pool(sender, amount)
        if self.send("fund_pool", (amount,), sender, expected):
            self.m.apply_fund_pool(sender, amount)

    @rule(who=st.sampled_from(["role", "role", "gc", "stranger"]), amount=amounts, approve=st.booleans())
    def fund_labour(self, who, amount, approve):
        sender, amount = self.who(who, "bank"), self.resolve(amount)
        if approve:
            self.approve_token(sender, amount)
        expected = self.m.check_fund_labour(sender, amount)
        receipt = self.send("fund_labour", (amount,), sender, expected)
        if receipt:
            repaid, repayments = self.m.apply_fund_labour(sender, amount)
            assert receipt.event("LabourFunded").args == {"amount": amount, "debt_repaid": repaid}
            assert [(e.args["party"], e.args["amount"]) for e in receipt.events_named("DebtRepaid")] == repayments

    # --- rules: workers ------------------------------------------------------------------------------

    @rule(who=st.sampled_from(["sa", "sb", "sc", "gc", "stranger"]), worker=st.integers(0, WORKERS + 2),
          id_index=st.integers(0, WORKERS + 1))
    def register_worker(self, who, worker, id_index):
        sender = self.a[who]
        target = self.workers[worker] if worker < WORKERS else [self.a["sa"], ZERO, self.a["gc"]][worker - WORKERS]
        model_target = None if target == ZERO else target
        digest = id_of(id_index)
        expected = self.m.check_register_worker(sender, model_target, digest)
        if self.send("register_worker", (target, digest or b"\0" * 32), sender, expected):
            self.m.apply_register_worker(sender, model_target, digest)

    @rule(worker=worker_index)
    def sign_labour_contract(self, worker):
        sender = self.workers[worker]
        expected = self.m.check_sign_labour_contract(sender)
        if self.send("sign_labour_contract", (doc(f"contract {worker}"),), sender, expected):
            self.m.apply_sign_labour_contract(sender)

    @rule(who=st.sampled_from(["sa", "sb", "sc", "gc"]), worker=worker_index)
    def deregister_worker(self, who, worker):
        sender, target = self.a[who], self.workers[worker]
        expected = self.m.check_deregister_worker(sender, target)
        if self.send("deregister_worker", (target,), sender, expected):
            self.m.apply_deregister_worker(sender, target)

    # --- rules: payrolls -----------------------------------------------------------------------------

    @rule(who=st.sampled_from(["sa", "sa", "sb", "sb", "sc", "gc"]),
          period=st.sampled_from([202601, 202602, 202603, 202613]),
          entries=st.lists(st.tuples(worker_index, wages), min_size=0, max_size=4),
          due=st.sampled_from([0, HOUR, DAY, 10 * DAY, -1]))
    def submit_payroll(self, who, period, entries, due):
        sender = self.a[who]
        entry_list = [(self.workers[i], amount) for i, amount in entries]
        now = self.now
        due_at = max(now + due, 0)
        expected = self.m.check_submit_payroll(sender, period, entry_list, due_at, now)
        receipt = self.send("submit_payroll", (period, [{"worker": w, "amount": x} for w, x in entry_list], due_at),
                            sender, expected)
        if receipt:
            batch_id = self.m.apply_submit_payroll(sender, period, entry_list, due_at, now)
            assert receipt.return_value == batch_id

    @rule(who=role_or_any, batch=batch_ids)
    def approve_payroll(self, who, batch):
        sender = self.who(who, "gc")
        expected = self.m.check_approve_payroll(sender, batch)
        receipt = self.send("approve_payroll", (batch,), sender, expected)
        if receipt:
            self.m.apply_approve_payroll(sender, batch)
            self.check_entries(receipt, batch)

    @rule(who=role_or_any, batch=batch_ids)
    def reject_payroll(self, who, batch):
        sender, now = self.who(who, "gc"), self.now
        expected = self.m.check_reject_payroll(sender, batch, now)
        if self.send("reject_payroll", (batch, doc("reject")), sender, expected):
            self.m.apply_reject_payroll(sender, batch, now)

    @rule(who=role_or_any, batch=batch_ids)
    def reinstate(self, who, batch):
        sender, now = self.who(who, "inspector"), self.now
        expected = self.m.check_reinstate(sender, batch)
        if self.send("reinstate", (batch, doc("reinstate")), sender, expected):
            self.m.apply_reinstate(sender, batch, now)

    @rule(who=st.sampled_from(["w0", "w3", "stranger", "gc", "sa"]), batch=batch_ids)
    def trigger_guarantee(self, who, batch):
        sender, now = self.a[who], self.now
        expected = self.m.check_trigger_guarantee(sender, batch, now)
        receipt = self.send("trigger_guarantee", (batch,), sender, expected)
        if receipt:
            # W7: only for a SUBMITTED batch, only at due + grace or later
            assert now >= self.m.batches[batch].due_at + GRACE
            self.m.apply_trigger_guarantee(sender, batch, now)
            self.check_entries(receipt, batch)
            assert receipt.event("GuaranteeUsed").args["total"] == self.m.batches[batch].total

    @rule(who=role_or_any, batch=batch_ids, defaulter=st.sampled_from(["gc", "sa", "sb", "stranger"]))
    def settle_default(self, who, batch, defaulter):
        sender, party = self.who(who, "inspector"), self.a[defaulter]
        expected = self.m.check_settle_default(sender, batch, party)
        receipt = self.send("settle_default", (batch, party, doc("settle")), sender, expected)
        if receipt:
            from_free, from_deposit, new_debt, integrity = self.m.apply_settle_default(sender, batch, party)
            settled = receipt.event("DefaultSettled").args
            assert (settled["from_free"], settled["from_deposit"], settled["new_debt"], settled["integrity"]) == \
                (from_free, from_deposit, new_debt, integrity)
            assert bool(receipt.events_named("DepositTopUpRequired")) == (from_deposit > 0)

    @rule(worker=worker_index)
    def claim_held(self, worker):
        sender = self.workers[worker]
        expected = self.m.check_claim_held(sender)
        receipt = self.send("claim_held", (), sender, expected)
        if receipt:
            assert receipt.event("HeldClaimed").args["amount"] == self.m.apply_claim_held(sender)

    # --- rules: closure -------------------------------------------------------------------------------

    @rule(who=role_or_any)
    def announce_closure(self, who):
        sender, now = self.who(who, "gc"), self.now
        expected = self.m.check_announce_closure(sender)
        if self.send("announce_closure", (), sender, expected):
            self.m.apply_announce_closure(sender, now)

    @rule(who=role_or_any)
    def close(self, who):
        sender, now = self.who(who, "gc"), self.now
        expected = self.m.check_close(sender, now)
        if not expected:
            self.closure_payments = self.predicted_closure()
        receipt = self.send("close", (), sender, expected)
        if receipt:
            refunded, pool, free = self.m.apply_close(sender, now)
            assert receipt.event("Closed").args == {"deposits_refunded": refunded, "pool_refunded": pool,
                                                    "free_refunded": free}

    def predicted_closure(self) -> list:
        m = self.m
        out = [(p, m.parties[p].deposit) for p in m.party_list if m.parties[p].deposit and m.token.can_receive(p)]
        if m.pool_balance:
            out.append((m.guarantor, m.pool_balance))
        if m.free():
            out.append((m.gc, m.free()))
        return out

    @rule(who=st.sampled_from(["gc", "sa", "sb", "sc", "stranger"]))
    def withdraw_deposit(self, who):
        sender = self.a[who]
        expected = self.m.check_withdraw_deposit(sender)
        receipt = self.send("withdraw_deposit", (), sender, expected)
        if receipt:
            assert receipt.event("DepositWithdrawn").args["amount"] == self.m.apply_withdraw_deposit(sender)

    # --- rules: the world around --------------------------------------------------------------------

    @rule(name=st.sampled_from(["w0", "w1", "w4", "sa", "gc", "guarantor", "payroll"]),
          mode=st.sampled_from([FULL, RECEIVE_ONLY, NONE_MODE]))
    def regulator_freezes(self, name, mode):
        account = self.payroll.address if name == "payroll" else self.a[name]
        machine_steps.set_freeze(NAME, self.token, self.m.token, account, mode, self.acc["regulator"], doc("case"))

    @rule(amount=st.integers(1, 10**5))
    def stray_transfer(self, amount):
        machine_steps.count(NAME)
        self.token.transfer(self.payroll, amount, sender=self.acc["stranger"])
        self.m.token.move(self.a["stranger"], self.payroll.address, amount)
        self.m.stray += amount
        if self.m.closed:  # a closed account has no way out for it (close() swept what came before)
            self.stray_after_closure += amount

    @rule(seconds=st.sampled_from([1, HOUR - 1, HOUR, DAY, 10 * DAY, CLOSURE_NOTICE]))
    def advance(self, seconds):
        machine_steps.count(NAME)
        self.chain.time_travel(seconds)

    @precondition(lambda self: any(b.status == B_SUBMITTED for b in self.m.batches.values()))
    @rule(pick=st.integers(0, 10), delta=st.sampled_from([-1, 0, 1]))
    def travel_to_deadline(self, pick, delta):
        """To a submitted batch's due + grace, -1/0/+1 s."""
        machine_steps.count(NAME)
        open_batches = [b for b in self.m.batches.values() if b.status == B_SUBMITTED]
        target = open_batches[pick % len(open_batches)].due_at + GRACE + delta
        if target > self.chain.timestamp:
            self.chain.set_time(target)

    @precondition(lambda self: not self.m.closed)
    @rule(period=st.sampled_from([202604, 202605]), fund=st.booleans())
    def pay_a_month(self, period, fund):
        """Every sub files its active workers' pay for the period; the GC approves (funding first)."""
        for sub in ("sa", "sb"):
            workers = [w for w in self.workers if self.m.worker(w).active and self.m.worker(w).employer == self.a[sub]]
            if not workers:
                continue
            before = self.m.next_batch
            self.submit_payroll(sub, period, [(self.workers.index(w), 1_000 + i) for i, w in enumerate(workers)], DAY)
            if self.m.next_batch == before:
                continue
            if fund and self.m.free() < self.m.batches[before].total:
                self.fund_labour("role", self.m.batches[before].total - max(self.m.free(), 0), True)
            self.approve_payroll("role", before)

    def file_for(self, sub: str, period: int, due: int) -> int | None:
        workers = [i for i, w in enumerate(self.workers)
                   if self.m.worker(w).active and self.m.worker(w).employer == self.a[sub]]
        if not workers:
            return None
        before = self.m.next_batch
        self.submit_payroll(sub, period, [(i, 2_000 + i) for i in workers], due)
        return before if self.m.next_batch > before else None

    @precondition(lambda self: not self.m.closed)
    @rule(sub=st.sampled_from(["sa", "sb"]), period=st.sampled_from([202607, 202608]),
          defaulter=st.sampled_from(["gc", "sub"]), freeze=st.booleans(), early=st.booleans())
    def miss_the_deadline(self, sub, period, defaulter, freeze, early):
        """A batch nobody pays: a worker triggers the pool an hour after the due time (trying a
        second early first), possibly with a frozen wallet whose pay is held; the inspector settles."""
        batch = self.file_for(sub, period, 0)
        if batch is None:
            return
        if freeze:
            self.regulator_freezes("w0" if sub == "sa" else "w4", FULL)
        if early:
            self.chain.set_time(self.m.batches[batch].due_at + GRACE - 1)
            self.trigger_guarantee("w0", batch)
        self.chain.set_time(max(self.m.batches[batch].due_at + GRACE, self.chain.timestamp + 1))
        self.trigger_guarantee("w0", batch)
        self.settle_default("role", batch, sub if defaulter == "sub" else "gc")
        if freeze:
            self.regulator_freezes("w0" if sub == "sa" else "w4", NONE_MODE)
            self.claim_held(0 if sub == "sa" else 4)

    @precondition(lambda self: not self.m.closed)
    @rule(sub=st.sampled_from(["sa", "sb"]), period=st.sampled_from([202609, 202610]), reinstate=st.booleans(),
          refile=st.booleans())
    def dispute(self, sub, period, reinstate, refile):
        """The GC rejects a batch before its due time; the sub re-files, or the inspector reinstates."""
        batch = self.file_for(sub, period, DAY)
        if batch is None:
            return
        self.reject_payroll("role", batch)
        if refile:
            self.file_for(sub, period, DAY)
        if reinstate:
            self.reinstate("role", batch)

    # --- invariants ----------------------------------------------------------------------------------

    @invariant()
    def chain_matches_model(self):
        m, t = self.m, self.payroll.totals()
        refunds = t.deposits_refunded + t.pool_refunded + t.free_refunded
        # W4: conservation (plus tokens sent straight to the contract)
        assert t.balance == t.labour_received + t.pool_funded + t.deposits_posted - t.wages_paid - t.held_claimed \
            - refunds + m.stray
        # W5: partition, every part >= 0
        assert t.balance == t.free + t.pool_balance + t.deposits_total + (t.held_total - t.held_claimed)
        # W6: pool accounting
        assert t.pool_balance + t.unsettled + t.debt_total == t.pool_funded - t.pool_refunded
        assert (t.balance, t.free, t.labour_received, t.wages_paid, t.held_total, t.held_claimed, t.pool_balance,
                t.pool_funded, t.pool_refunded, t.unsettled, t.debt_total, t.deposits_total, t.deposits_posted,
                t.deposits_taken, t.deposits_refunded, t.free_refunded, t.submitted_count) == \
            (m.balance, m.free(), m.labour_received, m.wages_paid, m.held_total, m.held_claimed, m.pool_balance,
             m.pool_funded, m.pool_refunded, m.unsettled, m.debt_total, m.deposits_total, m.deposits_posted,
             m.deposits_taken, m.deposits_refunded, m.free_refunded, m.submitted_count)
        for address in self.workers:
            record, expected = self.payroll.worker(address), m.worker(address)
            assert (record.active, record.total_paid, record.held) == \
                (expected.active, expected.total_paid, expected.held)
            assert record.employer == (expected.employer or ZERO)
            # W3: per worker, paid + held == their entries in paid batches
            assert record.total_paid + record.held == m.expected_total_paid_plus_held(address)
        for address, party in m.parties.items():
            record = self.payroll.party(address)
            assert (int(record.kind), record.deposit, record.deposit_required, record.integrity, record.debt) == \
                (party.kind, party.deposit, party.deposit_required, party.integrity, party.debt)
            # W9
            assert 0 <= record.integrity <= 100 and record.deposit <= record.deposit_required <= DEPOSIT_CAP
        for batch_id, batch in m.batches.items():
            assert int(self.payroll.batch(batch_id).status) == batch.status
        assert self.payroll.closed() == m.closed
        for account in self.tracked:
            assert self.token.balance_of(account) == m.token.balance(account)

    # --- teardown: settle everything and close ---------------------------------------------------------

    def teardown(self):
        if not hasattr(self, "m"):
            return
        m = self.m
        for name in ("w0", "w1", "w4", "sa", "gc", "guarantor"):
            self.regulator_freezes(name, NONE_MODE)
        if not m.closed:
            if self.m.kind(m.gc) == KIND_NONE:
                self.register_party("role", "gc", "GC", 10**6)
            for batch in list(m.batches.values()):
                if batch.status == B_SUBMITTED:
                    if m.free() < batch.total:
                        self.fund_labour("role", batch.total - m.free(), True)
                    self.approve_payroll("role", batch.id)
                if batch.status == B_GUARANTEE_PAID:
                    self.settle_default("role", batch.id, "gc")
            if m.debt_total:
                self.fund_labour("role", m.debt_total, True)
            if not m.closure_announced_at:
                self.announce_closure("role")
            if self.now < m.closure_announced_at + CLOSURE_NOTICE:
                self.chain.set_time(m.closure_announced_at + CLOSURE_NOTICE)
            self.close("role")
        assert m.closed
        for i, worker in enumerate(self.workers):
            if m.worker(worker).held:
                self.claim_held(i)
        self.chain_matches_model()
        # W10 / the end state: after closure and claims only unwithdrawn deposits can remain
        # (and tokens someone sent to the closed account)
        assert self.token.balance_of(self.payroll) == m.deposits_total + self.stray_after_closure
        assert all(b.status in (B_PAID, B_REJECTED, B_SETTLED) for b in m.batches.values())


def test_payroll_state_machine(capsys):
    machine_steps.run_and_report(PayrollMachine, NAME, *machine_steps.budget(60, 45), capsys)
