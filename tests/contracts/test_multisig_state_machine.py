"""A hypothesis state machine over contracts/multisig.ht executing real calls on a
settlement token it administers (it is the token's issuer, regulator and role
administrator), with shadow models of both (DOMAIN.md section 2b).

Proposals are drawn from a menu of token calls, signer-management calls on the
multisig itself, a missing method and a re-entrant `execute`. Every outcome is
predicted by the models, a revert must change nothing, and M1-M5 are checked after
every step."""

from __future__ import annotations

import copy
import functools
import hashlib

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from node.devchain import Chain
from tests.contracts.chain_checks import campaign, count_step, outcome_of
from tests.contracts.model_multisig import MAX_TTL, ZERO_ADDRESS, MultisigModel
from tests.contracts.model_settlement_token import TokenModel

MULTISIG = "contracts/multisig.ht"
TOKEN = "contracts/settlement_token.ht"
DAY = 86_400
POOL = ["p1", "p2", "p3", "p4", "p5"]          # possible signers; p1-p3 start as signers
NAMES = [*POOL, "bank", "stranger"]
CASE = hashlib.sha3_256(b"case").digest()
MANAGEMENT_EVENTS = {"SignerAdded", "SignerRemoved", "ThresholdChanged"}


class World:
    def __init__(self):
        self.chain = Chain()
        self.actors = dict(zip(NAMES, self.chain.accounts))
        a = self.address = {name: account.address for name, account in self.actors.items()}
        self.multisig = self.chain.deploy(MULTISIG, [a["p1"], a["p2"], a["p3"]], 2, sender=self.actors["stranger"])
        self.token = self.chain.deploy(TOKEN, self.multisig, self.multisig, sender=self.actors["stranger"])
        self.model = MultisigModel(self.multisig.address, [a["p1"], a["p2"], a["p3"]], 2)
        self.token_model = TokenModel(self.multisig.address, self.multisig.address)
        self.base = self.chain.snapshot()


world = functools.cache(World)  # built by the first example, shared by the rest


actors = st.sampled_from(NAMES)
ttls = st.sampled_from([0, 1, 3600, DAY, 7 * DAY, 30 * DAY, 30 * DAY, MAX_TTL, MAX_TTL, MAX_TTL + 1])
jumps = st.sampled_from([1, 1, 3599, 3600, DAY, 7 * DAY, 30 * DAY])
# "signer": a current signer (drawn in the rule); otherwise anyone
senders = st.one_of(st.just("signer"), st.just("signer"), actors)
CALLS = ["set_operator", "issue", "freeze", "unfreeze", "add_signer", "remove_signer", "set_threshold",
         "missing", "reenter"]


class MultisigMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.world = w = world()
        self.chain, self.multisig, self.token = w.chain, w.multisig, w.token
        self.chain.revert(w.base)
        self.a = w.address
        self.model = copy.deepcopy(w.model)
        self.token_model = copy.deepcopy(w.token_model)
        self.executed_ids: set[int] = set()

    # --- helpers --------------------------------------------------------------------------

    @property
    def now(self) -> int:
        return self.chain.next_timestamp

    def send(self, name: str, expected: str | None, sender: str, *args):
        count_step("multisig")
        function = getattr(self.multisig, name)
        signers, threshold = self.multisig.signer_list(), self.multisig.threshold()
        receipt = outcome_of(self.chain, lambda: function(*args, sender=self.world.actors[sender]), expected)
        if receipt and name != "execute":  # M4: only an execution may change the signers
            assert not MANAGEMENT_EVENTS & {e.name for e in receipt.events}
            assert (self.multisig.signer_list(), self.multisig.threshold()) == (signers, threshold)
        return receipt

    def who(self, sender: str, data) -> str:
        """The name of the sender: "signer" becomes one of the current signers."""
        if sender != "signer":
            return sender
        signer = data.draw(st.sampled_from(self.model.signers))
        return next(name for name in NAMES if self.a[name] == signer)

    def pick(self, data) -> int:
        """A proposal id: mostly an open one, else any or a missing one."""
        ids = sorted(self.model.proposals)
        open_ids = [i for i in ids if not (self.model.proposals[i].executed or self.model.proposals[i].cancelled)]
        choice = data.draw(st.sampled_from(["open", "open", "open", "any", "missing"]))
        if choice == "open" and open_ids:
            return data.draw(st.sampled_from(open_ids))
        if choice == "any" and ids:
            return data.draw(st.sampled_from(ids))
        return data.draw(st.sampled_from([0, self.model.next_id]))

    def menu(self, data):
        """(function proxy, arguments, model effect) of one proposable call."""
        kind = data.draw(st.sampled_from(CALLS))
        token, multisig, ms = self.token, self.multisig, self.model.address
        someone = data.draw(st.sampled_from([*NAMES, "zero", "multisig"]))
        account = {"zero": ZERO_ADDRESS, "multisig": ms}.get(someone) or self.a[someone]
        if kind == "set_operator":
            enabled = data.draw(st.booleans())
            return token.set_operator, (self.a["bank"], enabled), \
                lambda m: self.token_model.set_operator(ms, self.a["bank"], enabled)
        if kind == "issue":
            amount = data.draw(st.sampled_from([0, 1, 10**6]))
            return token.issue, (self.a["bank"], amount), lambda m: self.token_model.issue(ms, self.a["bank"], amount)
        if kind == "freeze":
            mode = data.draw(st.integers(0, 2))
            return token.freeze, (self.a["bank"], mode, CASE), \
                lambda m: self.token_model.freeze(ms, self.a["bank"], mode, CASE)
        if kind == "unfreeze":
            return token.unfreeze, (self.a["bank"], CASE), lambda m: self.token_model.unfreeze(ms, self.a["bank"], CASE)
        if kind == "add_signer":
            return multisig.add_signer, (account,), lambda m: m.add_signer(ms, account)
        if kind == "remove_signer":
            return multisig.remove_signer, (account,), lambda m: m.remove_signer(ms, account)
        if kind == "set_threshold":
            threshold = data.draw(st.integers(0, 6))
            return multisig.set_threshold, (threshold,), lambda m: m.set_threshold(ms, threshold)
        if kind == "missing":
            return None, (), lambda m: "UnknownFunction"
        other = data.draw(st.integers(0, self.model.next_id))
        return multisig.execute, (other,), lambda m: "Reentrancy"

    # --- rules -------------------------------------------------------------------------------

    @rule(sender=senders, ttl=ttls, data=st.data())
    def propose(self, sender, ttl, data):
        sender = self.who(sender, data)
        function, args, effect = self.menu(data)
        if function is None:
            target, method, encoded = self.token.address, "mint(address,u256)", b""
        else:
            target, method, encoded = function.contract.address, function.signature, function.encode(*args)[4:]
        expected = self.model.propose(self.a[sender], self.now, target, method.encode(), encoded, ttl, effect)
        receipt = self.send("propose", expected, sender, target, method, encoded, ttl)
        if receipt:
            assert receipt.return_value == self.model.returned
            assert receipt.event("Proposed").args["args_hash"] == hashlib.sha3_256(encoded).digest()

    @rule(sender=senders, data=st.data())
    def approve(self, sender, data):
        sender = self.who(sender, data)
        id = self.pick(data)
        self.send("approve", self.model.approve(self.a[sender], self.now, id), sender, id)

    @rule(sender=senders, data=st.data())
    def revoke(self, sender, data):
        sender = self.who(sender, data)
        id = self.pick(data)
        self.send("revoke", self.model.revoke(self.a[sender], self.now, id), sender, id)

    @rule(sender=actors, data=st.data())
    def execute(self, sender, data):
        id = self.pick(data)
        approvals, threshold = self.multisig.approvals(id), self.multisig.threshold()
        now = self.now
        expected = self.model.execute(self.a[sender], now, id)
        receipt = self.send("execute", expected, sender, id)
        if receipt:
            # M2: enough current approvals and not expired at that moment; M3: once
            assert receipt.events[0].name == "Executed" and receipt.events[0].args["id"] == id
            assert approvals >= threshold and now < self.model.proposals[id].expires_at
            assert id not in self.executed_ids
            self.executed_ids.add(id)

    @rule(sender=senders, data=st.data())
    def cancel(self, sender, data):
        sender = self.who(sender, data)
        id = self.pick(data)
        self.send("cancel", self.model.cancel(self.a[sender], self.now, id), sender, id)

    @rule(sender=actors, function=st.sampled_from(["add_signer", "remove_signer", "set_threshold"]),
          who=st.sampled_from(POOL))
    def manage_directly(self, sender, function, who):
        """M4: nobody but the multisig itself may call these."""
        args = (1,) if function == "set_threshold" else (self.a[who],)
        self.send(function, "OnlySelf", sender, *args)

    @rule(seconds=jumps)
    def time_travel(self, seconds):
        count_step("multisig")
        self.chain.time_travel(seconds)

    # --- invariants --------------------------------------------------------------------------------

    @invariant()
    def signers_and_threshold(self):
        """M1: the signer set is the model's, without duplicates, and 1 <= threshold <= n."""
        signers = self.multisig.signer_list()
        assert signers == self.model.signers and len(set(signers)) == len(signers)
        threshold = self.multisig.threshold()
        assert threshold == self.model.threshold and 1 <= threshold <= len(signers)
        for name in NAMES:
            assert self.multisig.is_signer(self.a[name]) == (self.a[name] in signers)

    @invariant()
    def proposals_and_live_approvals(self):
        """Every proposal's record and live approvals (M5: removed signers' do not count)."""
        assert self.multisig.next_id() == self.model.next_id
        for id, expected in self.model.proposals.items():
            p = self.multisig.proposal(id)
            assert (p.executed, p.cancelled, p.expires_at, p.proposer) == \
                (expected.executed, expected.cancelled, expected.expires_at, expected.proposer)
            assert self.multisig.approvals(id) == self.model.approvals(id)
            for name in POOL:
                assert self.multisig.has_approved(id, self.a[name]) == self.model.has_approved(id, self.a[name])

    @invariant()
    def the_token_is_what_the_executed_calls_made_it(self):
        bank = self.a["bank"]
        assert self.token.balance_of(bank) == self.token_model.balances[bank]
        assert self.token.total_supply() == self.token_model.total_supply
        assert self.token.freeze_mode_of(bank) == self.token_model.mode[bank]
        assert self.token.has_role(self.token.role("OPERATOR"), bank) == self.token_model.has("OPERATOR", bank)


MultisigMachine.TestCase.settings = campaign(examples=50, steps=50)
test_multisig_state_machine = MultisigMachine.TestCase
