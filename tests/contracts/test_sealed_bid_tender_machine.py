"""A hypothesis state machine for SealedBidTender (DOMAIN.md 2b, invariants T1-T8;
RELIABILITY.md tests 34 and 37).

Every rule picks its sender from the whole pool (bidders, a stranger, the owner
and the regulator), so role checks and conflicts of interest are exercised. A
plain-Python model (model_sealed_bid_tender.py) predicts each call: the error it
must revert with, or its effects. A call that reverts must change nothing (the
state root, every tracked balance, the event log). After every step the
invariants compare the contract's views, storage and token balances with the
model. At teardown the tender is driven to its end and must hold no tokens.

The default run is short enough for `make test`; `make contracts-long` runs
CONTRACTS_LONG times the examples (chain_checks.campaign).
"""

from __future__ import annotations

from hypothesis import event, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from node.sdk.errors import TransactionFailed
from tests.contracts.chain_checks import campaign, count_step

from .model_sealed_bid_tender import AWARDED, BOND_MOVES, FORFEITED, HELD, OPEN, REFUNDABLE, REFUNDED, TenderModel
from contracts.scenarios.escrow_payroll import DAY, HOUR, doc, fen
from contracts.scenarios.tender import SealedBid, commitment
from .tender_world import ESCROW_STUB, build


COMMIT_PERIOD, REVEAL_PERIOD, SIGN_WINDOW = 2 * DAY, DAY, 3 * DAY
CEILING = fen(10_500_000)
BOND = fen(200_000)
ZERO = "0x" + "00" * 20

_WORLD = None


def world():
    """One token, tender and stub escrow for the whole run; each example starts
    from a snapshot of it and reverts at teardown."""
    global _WORLD
    if _WORLD is None:
        w = build(commit_period=COMMIT_PERIOD, reveal_period=REVEAL_PERIOD, sign_window=SIGN_WINDOW)
        w.escrow_stub = w.chain.deploy(ESCROW_STUB, sender=w.people.platform, name="escrow_stub")
        _WORLD = w
    return _WORLD


BIDDERS = ("A", "B", "C", "D", "E", "F")
ACTORS = BIDDERS + ("stranger", "owner", "regulator")
senders = st.sampled_from(BIDDERS) | st.sampled_from(ACTORS)   # mostly bidders
prices = st.one_of(st.sampled_from([0, 1, CEILING - 1, CEILING, CEILING + 1]), st.integers(1, CEILING + 1_000))
salts = st.sampled_from([b"\x01" * 32, b"\x02" * 32]) | st.binary(min_size=32, max_size=32)


class TenderMachine(RuleBasedStateMachine):

    @initialize(opening_bids=st.integers(0, 6).flatmap(lambda n: st.lists(st.tuples(prices, salts), min_size=n,
                                                                        max_size=n)),
                cancellable=st.integers(0, 3))
    def start(self, opening_bids, cancellable):
        self.w = world()
        self.snapshot = self.w.chain.snapshot()
        t, p = self.w.tender, self.w.people
        self.accounts = {**self.w.bidders, "stranger": p.stranger, "owner": p.owner, "regulator": p.regulator}
        self.model = TenderModel(owner=str(p.owner), regulator=str(p.regulator), bid_bond=t.bid_bond(),
                                 ceiling=t.ceiling_price(), commit_deadline=t.commit_deadline(),
                                 reveal_deadline=t.reveal_deadline(), sign_window=t.sign_window(),
                                 performance_bond_bps=t.performance_bond_bps())
        assert self.model.bid_bond == BOND and self.model.ceiling == CEILING
        self.secrets = {}                                  # actor -> its last committed SealedBid
        self.commits = {name: 0 for name in ACTORS}       # successful commits per actor
        self.initial = {name: self.w.balance(a) for name, a in self.accounts.items()}
        self.last_states = {name: 0 for name in ACTORS}
        # A quarter of the runs let the regulator cancel: a cancellation ends all else.
        self.cancellable = cancellable == 0
        # Start with some bids in, so that both failed (< 3) and opened tenders are common.
        for name, (price, salt) in zip(BIDDERS, opening_bids):
            self.commit(name, price, salt, True)

    def teardown(self):
        if not hasattr(self, "snapshot"):
            return
        try:
            self.finish()
        finally:
            self.w.chain.revert(self.snapshot)
            self.w.chain.discard(self.snapshot)

    # --- running a call against the model ----------------------------------------------------------------

    def addr(self, name: str) -> str:
        return str(self.accounts[name])

    def run(self, expected: str | None, function: str, call):
        """Run `call`; it must revert with `expected` (changing nothing) or succeed."""
        count_step("sealed_bid_tender")
        before = self.w.fingerprint() if expected else None
        try:
            receipt = call()
        except TransactionFailed as exc:
            assert expected is not None, f"unexpected revert: {exc}"
            assert exc.error == expected, f"expected {expected}, got {exc}"
            after = self.w.fingerprint()
            assert after[0] == before[0], "a reverted call changed the state root"
            assert after[1] == before[1], "a reverted call left events"
            assert after[2] == before[2], "a reverted call moved tokens"
            event(f"reverted as predicted: {function} {expected}")
            return None
        assert expected is None, f"expected {expected}, but the call succeeded"
        event(f"succeeded: {function}")
        return receipt

    def block_time(self, receipt) -> int:
        return self.w.chain.block(receipt.block)["timestamp"]

    # --- rules ---------------------------------------------------------------------------------------------

    @rule(who=senders, price=prices, salt=salts, approve=st.booleans() | st.just(True))
    def commit(self, who, price, salt, approve):
        account, tender, token = self.accounts[who], self.w.tender, self.w.token
        if approve:
            token.approve(tender, BOND, sender=account)
        bid = SealedBid(account, price, salt)
        expected = self.model.commit(self.addr(who), self.w.now, bid.commitment(tender, tender.tender_id()),
                                     token.allowance(account, tender), token.balance_of(account))
        receipt = self.run(expected, "commit", lambda: tender.commit(bid.commitment(tender), sender=account))
        if receipt:
            assert self.block_time(receipt) < self.model.commit_deadline  # T3
            self.secrets[who] = bid
            self.commits[who] += 1

    @precondition(lambda self: self.secrets)
    @rule(who=st.sampled_from(ACTORS), data=st.data())
    def commit_a_copy(self, who, data):
        """Copy another bidder's commitment (RELIABILITY.md test 34)."""
        victim = data.draw(st.sampled_from(sorted(self.secrets)))
        account, tender = self.accounts[who], self.w.tender
        self.w.token.approve(tender, BOND, sender=account)
        copied = self.secrets[victim].commitment(tender, tender.tender_id())
        expected = self.model.commit(self.addr(who), self.w.now, copied, self.w.token.allowance(account, tender),
                                     self.w.balance(account))
        if self.run(expected, "commit", lambda: tender.commit(copied, sender=account)):
            self.commits[who] += 1
            self.secrets.pop(who, None)  # it knows no preimage of its own commitment

    @rule(who=st.sampled_from(ACTORS))
    def withdraw(self, who):
        expected = self.model.withdraw(self.addr(who), self.w.now)
        if self.run(expected, "withdraw", lambda: self.w.tender.withdraw(sender=self.accounts[who])):
            self.secrets.pop(who, None)

    @precondition(lambda self: self.secrets)
    @rule(data=st.data(), variant=st.sampled_from(["own", "own", "own", "wrong salt", "wrong price", "by another"]))
    def reveal(self, data, variant):
        bidder = data.draw(st.sampled_from(sorted(self.secrets)), label="bid")
        who = data.draw(st.sampled_from(ACTORS), label="sender") if variant == "by another" else bidder
        self.reveal_as(who, bidder, variant)

    @precondition(lambda self: self.model.stage == OPEN and len(self.model.bidders) >= 3
                  and self.w.now < self.model.reveal_deadline)
    @rule(data=st.data())
    def the_opening(self, data):
        """Time passes to the opening (if it has not yet) and some bidders reveal."""
        self.w.travel_to(max(self.w.now, self.model.commit_deadline))
        for bidder in sorted(self.secrets):
            if data.draw(st.integers(0, 4), label=f"{bidder} reveals") > 0:
                self.reveal_as(bidder, bidder, "own")

    def reveal_as(self, who: str, bidder: str, variant: str):
        bid = self.secrets[bidder]
        price, salt = bid.price, bid.salt
        if variant == "wrong salt":
            salt = bytes([salt[0] ^ 1]) + salt[1:]
        elif variant == "wrong price":
            price += 1
        tender = self.w.tender
        # T4: what the contract hashes is bound to the *sender*
        hashed = commitment(tender, tender.tender_id(), self.accounts[who], price, salt, bid.bid_doc)
        expected = self.model.reveal(self.addr(who), self.w.now, hashed, price)
        receipt = self.run(expected, "reveal", lambda: tender.reveal(price, salt, bid.bid_doc, sender=self.accounts[who]))
        if receipt:
            assert who == bidder or hashed == self.model.bids[self.addr(who)].commitment
            assert self.model.commit_deadline <= self.block_time(receipt) < self.model.reveal_deadline  # T3
            event = receipt.event("Revealed")
            assert (event.bidder, event.price, event.valid) == (self.accounts[who], price, 0 < price <= CEILING)

    @rule(who=st.sampled_from(ACTORS))
    def evaluate(self, who):
        expected = self.model.evaluate(self.w.now)
        self.run(expected, "evaluate", lambda: self.w.tender.evaluate(sender=self.accounts[who]))

    @rule(who=st.sampled_from(ACTORS + ("winner", "winner", "winner")),
          variant=st.sampled_from(["right", "right", "wrong owner", "wrong gc", "wrong price", "short bond"]))
    def sign(self, who, variant):
        self.sign_as(who, variant)

    def sign_as(self, who: str, variant: str):
        m = self.model
        winner = m.winner or ZERO
        sender = self.accounts[next((n for n in ACTORS if self.addr(n) == winner), "A")] if who == "winner" \
            else self.accounts[who]
        owner = str(self.w.people.stranger) if variant == "wrong owner" else m.owner
        gc = winner
        if variant == "wrong gc":
            gc = str(self.accounts["F"]) if winner != str(self.accounts["F"]) else str(self.accounts["A"])
        price = m.contract_price + (1 if variant == "wrong price" else 0)
        required = m.contract_price * m.performance_bond_bps // 10_000
        bond = required - 1 if variant == "short bond" and required else required
        stub = self.w.escrow_stub
        stub.set(owner, gc, price, bond, sender=self.w.people.platform)
        expected = m.sign(str(sender), self.w.now, owner, gc, price, bond)
        self.run(expected, "sign_and_bond", lambda: self.w.tender.sign_and_bond(stub, sender=sender))

    @rule(who=st.sampled_from(ACTORS))
    def lapse_award(self, who):
        expected = self.model.lapse(self.w.now)
        self.run(expected, "lapse_award", lambda: self.w.tender.lapse_award(sender=self.accounts[who]))

    @rule(who=st.sampled_from(ACTORS))
    def claim_refund(self, who):
        expected = self.model.claim_refund(self.addr(who))
        self.run(expected, "claim_refund", lambda: self.w.tender.claim_refund(sender=self.accounts[who]))

    @rule(who=st.sampled_from(ACTORS))
    def cancel(self, who):
        if who == "regulator" and not self.cancellable:
            who = "owner"
        expected = self.model.cancel(self.addr(who))
        self.run(expected, "cancel", lambda: self.w.tender.cancel(doc("cancel"), sender=self.accounts[who]))

    @rule(sign=st.integers(0, 2))
    def move_on(self, sign):
        """The tender's next natural step: to the opening, to the evaluation, or the
        winner signs (two times in three) or lets the award lapse."""
        m, w = self.model, self.w
        if m.stage == OPEN and w.now < m.commit_deadline:
            w.travel_to(m.commit_deadline)
        elif m.stage == OPEN:
            w.travel_to(max(w.now, m.reveal_deadline))
            self.run(m.evaluate(w.now), "evaluate", lambda: w.tender.evaluate())
        elif m.stage == AWARDED and sign:
            self.sign_as("winner", "right")
        elif m.stage == AWARDED:
            w.travel_to(max(w.now, m.awarded_at + m.sign_window))
            self.run(m.lapse(w.now), "lapse_award", lambda: w.tender.lapse_award())

    @rule(step=st.sampled_from(["1 s", "1 h", "1 day", "next deadline", "next deadline", "next deadline - 1"]))
    def time_passes(self, step):
        m, now = self.model, self.w.now
        deadlines = [m.commit_deadline, m.reveal_deadline] + ([m.awarded_at + m.sign_window] if m.awarded_at else [])
        upcoming = [d for d in deadlines if d > now]
        targets = {"1 s": now + 1, "1 h": now + HOUR, "1 day": now + DAY,
                   "next deadline": upcoming[0] if upcoming else now + DAY,
                   "next deadline - 1": upcoming[0] - 1 if upcoming else now + HOUR}
        self.w.travel_to(max(now, targets[step]))

    # --- invariants -----------------------------------------------------------------------------------------

    @invariant()
    def matches_the_model(self):
        if not hasattr(self, "model"):
            return
        m, t, w = self.model, self.w.tender, self.w
        # T1 bond conservation
        assert w.balance(t) == t.bonds_held() == m.bonds_held
        # T2 every bond moves only along its lifecycle; forfeits go only to the owner
        for name in ACTORS:
            state = t.bond_state_of(self.accounts[name])
            assert state == m.state_of(self.addr(name)), name
            assert state == self.last_states[name] or (self.last_states[name], state) in BOND_MOVES
            self.last_states[name] = state
            received = sum(amount for to, amount in m.transfers if to == self.addr(name))
            spent = BOND * self.commits[name]
            assert w.balance(self.accounts[name]) == self.initial[name] + received - spent, name
        assert sum(a for to, a in m.transfers if to == m.owner) == m.forfeited_total == t.forfeited_total()
        assert t.refunded_total() == m.refunded_total
        # phases, bidders and the award
        assert t.phase() == m.phase(w.now)
        assert t.bidders() == m.bidders and t.bidder_count() <= 50  # T8
        assert t.ranking() == m.ranking
        assert t.winner() == (m.winner or ZERO) and t.contract_price() == m.contract_price
        # T6 the winner is the lowest valid price, earliest commitment first, moved down by lapses only
        if m.stage == AWARDED:
            assert t.award_index() == m.award_index and t.awarded_at() == m.awarded_at
            # T7 the winner's bond is still held
            assert m.state_of(m.winner) == HELD
        # T5 nothing about a price is in storage until its bid is opened
        for name in ACTORS:
            record = m.bids.get(self.addr(name))
            stored = t.storage("bids", self.accounts[name], "price")
            assert stored == (record.price if record and record.revealed else 0)

    # --- the end ---------------------------------------------------------------------------------------------

    def finish(self):
        """Drive the tender to its end: evaluate, let every award lapse or sign, claim
        every refund. Then the tender holds nothing (DOMAIN.md 2b teardown)."""
        m, t, w = self.model, self.w.tender, self.w
        event(f"phase reached by the rules: {('OPEN', 'REVEAL', 'AWARDED', 'SIGNED', 'FAILED', 'CANCELLED')[m.phase(w.now)]}")
        if m.stage == OPEN:
            w.travel_to(max(w.now, m.reveal_deadline))
            assert self.run(m.evaluate(w.now), "evaluate", lambda: t.evaluate())
            self.matches_the_model()
        while m.stage == AWARDED:
            w.travel_to(max(w.now, m.awarded_at + m.sign_window))
            assert self.run(m.lapse(w.now), "lapse_award", lambda: t.lapse_award())
            self.matches_the_model()
        for name in ACTORS:
            if m.state_of(self.addr(name)) == REFUNDABLE:
                assert self.run(m.claim_refund(self.addr(name)), "claim_refund",
                                lambda: t.claim_refund(sender=self.accounts[name]))
                self.matches_the_model()
        assert w.balance(t) == 0 == t.bonds_held()
        assert all(r.state in (FORFEITED, REFUNDED) for r in m.bids.values())
        assert w.balance(w.people.owner) == self.initial["owner"] + m.forfeited_total
        assert sum(w.balance(self.accounts[n]) for n in ACTORS) == sum(self.initial.values())


TestTenderMachine = TenderMachine.TestCase
TestTenderMachine.settings = campaign(examples=50, steps=40)
