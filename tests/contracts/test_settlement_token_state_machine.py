"""A hypothesis state machine over contracts/settlement_token.ht with a plain-Python
shadow model (DOMAIN.md section 2b): every rule picks its sender from the whole actor
pool, every outcome (success or the exact error) is predicted by the model, a revert
must change nothing, and invariants K1-K6 are checked after every step."""

from __future__ import annotations

import copy
import functools

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from node.devchain import Chain
from tests.contracts.chain_checks import campaign, count_step, outcome_of, preferring
from tests.contracts.model_settlement_token import FULL, NONE, UINT256_MAX, TokenModel

TOKEN = "contracts/settlement_token.ht"
DAY = 86_400
NAMES = ["issuer", "regulator", "bank1", "bank2", "holder1", "holder2", "holder3", "stranger"]


class World:
    """One chain and token for every example; each example starts from `base`."""

    def __init__(self):
        self.chain = Chain()
        self.actors = dict(zip(NAMES, self.chain.accounts))
        self.address = {name: account.address for name, account in self.actors.items()}
        self.token = self.chain.deploy(TOKEN, self.actors["issuer"], self.actors["regulator"],
                                       sender=self.actors["stranger"])
        a = self.address
        self.model = TokenModel(a["issuer"], a["regulator"])
        # a starting point with money in circulation: bank1 is an operator and has paid two
        # holders; holder3 is a protected wage account
        setup = [("set_operator", "issuer", a["bank1"], True), ("issue", "issuer", a["bank1"], 10**9),
                 ("transfer", "bank1", a["holder1"], 10**6), ("transfer", "bank1", a["holder2"], 5),
                 ("set_protected", "issuer", a["holder3"], True)]
        for name, sender, *args in setup:
            getattr(self.token, name)(*args, sender=self.actors[sender])
            assert getattr(self.model, name)(a[sender], *args) is None
        self.base = self.chain.snapshot()


world = functools.cache(World)  # built by the first example, shared by the rest


actors = st.sampled_from(NAMES)


def callers(*natural: str):
    return preferring(natural, actors)


payers = callers("bank1", "bank2", "holder1", "holder2")
# small, typical, exact boundaries (resolved against the model) and huge amounts
amounts = st.one_of(st.integers(0, 3), st.integers(4, 10**12),
                    st.sampled_from(["balance", "balance+1", "allowance", "allowance+1", "max"]))
modes = st.integers(0, 2)
cases = st.binary(min_size=32, max_size=32)
jumps = st.sampled_from([1, 3599, 3600, DAY, 14 * DAY, 28 * DAY, 365 * DAY])


class TokenMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.world = world()
        self.chain, self.token = self.world.chain, self.world.token
        self.chain.revert(self.world.base)
        self.a = self.world.address
        self.model = copy.deepcopy(self.world.model)

    # --- helpers -------------------------------------------------------------------------

    def amount(self, kind, owner: str, spender: str | None = None) -> int:
        if isinstance(kind, int):
            return kind
        balance = self.model.balances[owner]
        allowance = self.model.allowances[(owner, spender)] if spender else 0
        return {"balance": balance, "balance+1": balance + 1, "allowance": allowance,
                "allowance+1": allowance + 1, "max": UINT256_MAX}[kind]

    def send(self, name: str, expected: str | None, sender: str, *args):
        """Send `token.name(*args)` as `sender`; the outcome must be the model's."""
        count_step("settlement_token")
        function = getattr(self.token, name)
        return outcome_of(self.chain, lambda: function(*args, sender=self.world.actors[sender]), expected)

    def events(self, receipt) -> list[tuple]:
        return [(e.name, e.args) for e in receipt.events] if receipt else []

    # --- rules -----------------------------------------------------------------------------

    @rule(sender=callers("issuer"), operator=actors, enabled=st.booleans())
    def set_operator(self, sender, operator, enabled):
        expected = self.model.set_operator(self.a[sender], self.a[operator], enabled)
        receipt = self.send("set_operator", expected, sender, self.a[operator], enabled)
        if receipt:
            assert self.events(receipt)[-1] == ("OperatorSet", {"operator": self.a[operator], "enabled": enabled})

    @rule(sender=callers("issuer"), operator=callers("bank1", "bank2"), kind=amounts)
    def issue(self, sender, operator, kind):
        amount = self.amount(kind, self.a[operator])
        expected = self.model.issue(self.a[sender], self.a[operator], amount)
        receipt = self.send("issue", expected, sender, self.a[operator], amount)
        if receipt:
            assert self.events(receipt) == [("Issued", {"operator": self.a[operator], "amount": amount})]

    @rule(sender=callers("bank1", "bank2"), kind=amounts)
    def redeem(self, sender, kind):
        amount = self.amount(kind, self.a[sender])
        expected = self.model.redeem(self.a[sender], amount)
        receipt = self.send("redeem", expected, sender, amount)
        if receipt:
            assert self.events(receipt) == [("Redeemed", {"operator": self.a[sender], "amount": amount})]

    @rule(sender=callers("issuer"), account=actors, protected=st.booleans())
    def set_protected(self, sender, account, protected):
        expected = self.model.set_protected(self.a[sender], self.a[account], protected)
        self.send("set_protected", expected, sender, self.a[account], protected)

    @rule(sender=payers, to=actors, kind=amounts)
    def transfer(self, sender, to, kind):
        amount = self.amount(kind, self.a[sender])
        modes_before = self.model.mode[self.a[sender]], self.model.mode[self.a[to]]
        expected = self.model.transfer(self.a[sender], self.a[to], amount)
        receipt = self.send("transfer", expected, sender, self.a[to], amount)
        if receipt:
            assert self.events(receipt) == [("Transfer", {"sender": self.a[sender], "receiver": self.a[to],
                                                          "amount": amount})]
            assert modes_before[0] == NONE and modes_before[1] != FULL  # K3

    @rule(sender=payers, spender=actors, kind=amounts)
    def approve(self, sender, spender, kind):
        amount = self.amount(kind, self.a[sender])
        self.model.approve(self.a[sender], self.a[spender], amount)
        receipt = self.send("approve", None, sender, self.a[spender], amount)
        assert self.events(receipt) == [("Approval", {"owner": self.a[sender], "spender": self.a[spender],
                                                      "amount": amount})]

    @rule(sender=actors, owner=payers, to=actors, kind=amounts)
    def transfer_from(self, sender, owner, to, kind):
        amount = self.amount(kind, self.a[owner], self.a[sender])
        allowance_before = self.token.allowance(self.a[owner], self.a[sender])
        modes_before = self.model.mode[self.a[owner]], self.model.mode[self.a[to]]
        expected = self.model.transfer_from(self.a[sender], self.a[owner], self.a[to], amount)
        receipt = self.send("transfer_from", expected, sender, self.a[owner], self.a[to], amount)
        if receipt:
            assert self.token.allowance(self.a[owner], self.a[sender]) == allowance_before - amount  # K5
            assert modes_before[0] == NONE and modes_before[1] != FULL  # K3
            assert self.events(receipt) == [("Transfer", {"sender": self.a[owner], "receiver": self.a[to],
                                                          "amount": amount})]
        else:
            assert self.token.allowance(self.a[owner], self.a[sender]) == allowance_before

    @rule(sender=callers("regulator"), account=callers("holder1", "holder3"), mode=modes, case=cases)
    def freeze(self, sender, account, mode, case):
        expected = self.model.freeze(self.a[sender], self.a[account], mode, case)
        receipt = self.send("freeze", expected, sender, self.a[account], mode, case)
        if receipt:
            assert self.events(receipt) == [("Frozen", {"account": self.a[account], "mode": mode,
                                                        "case_hash": case})]
            assert self.token.freeze_case(self.a[account]) == case

    @rule(sender=callers("regulator"), account=actors, case=cases)
    def unfreeze(self, sender, account, case):
        expected = self.model.unfreeze(self.a[sender], self.a[account], case)
        self.send("unfreeze", expected, sender, self.a[account], case)

    @rule(seconds=jumps)
    def time_travel(self, seconds):
        count_step("settlement_token")
        self.chain.time_travel(seconds)

    # --- invariants -------------------------------------------------------------------------

    @invariant()
    def supply_is_conserved(self):
        """K1 (and K2: only issue/redeem move supply, as the model says)."""
        balances = [self.token.balance_of(a) for a in self.a.values()]
        assert balances == [self.model.balances[a] for a in self.a.values()]
        supply = self.token.total_supply()
        assert sum(balances) == supply == self.token.issued_total() - self.token.redeemed_total()
        assert (supply, self.token.issued_total(), self.token.redeemed_total()) == \
            (self.model.total_supply, self.model.issued_total, self.model.redeemed_total)

    @invariant()
    def freezes_protection_and_roles_match(self):
        """K4, and the regulator's and issuer's view of every account."""
        for address in self.a.values():
            mode, protected = self.token.freeze_mode_of(address), self.token.protected(address)
            assert (mode, protected) == (self.model.mode[address], address in self.model.protected)
            assert not (protected and mode != NONE)  # K4
            assert self.token.can_send(address) == self.model.can_send(address)
            assert self.token.can_receive(address) == self.model.can_receive(address)
            assert self.token.has_role(self.token.role("OPERATOR"), address) == \
                self.model.has("OPERATOR", address)

    @invariant()
    def only_the_issuer_holds_issuing_power(self):
        """K6: nobody gained ISSUER, REGULATOR or ADMIN along the way."""
        for name, address in self.a.items():
            assert self.token.has_role(self.token.role("ISSUER"), address) == (name == "issuer")
            assert self.token.has_role(self.token.role("ADMIN"), address) == (name == "issuer")
            assert self.token.has_role(self.token.role("REGULATOR"), address) == (name == "regulator")

    def teardown(self):
        """Every allowance matches the model (checked once per example: 64 pairs)."""
        for owner in self.a.values():
            for spender in self.a.values():
                assert self.token.allowance(owner, spender) == self.model.allowances[(owner, spender)]


TokenMachine.TestCase.settings = campaign(examples=60, steps=50)
test_settlement_token_state_machine = TokenMachine.TestCase
