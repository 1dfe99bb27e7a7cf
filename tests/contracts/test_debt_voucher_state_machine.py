"""A hypothesis state machine over contracts/debt_voucher.ht paying through
contracts/settlement_token.ht, with one shadow model of both (DOMAIN.md section 2b).

Every rule picks its sender from the whole actor pool (half the time the party the
function is meant for), every outcome is predicted by the model, a revert must change
nothing, and invariants V1-V8 (with the token's K1) are checked after every step. The
teardown matures everything, redeems every live piece and checks that the issuers'
outstanding amounts come back to what is still pending, with the voucher contract
holding no tokens at any point (V6)."""

from __future__ import annotations

import copy
import functools
import hashlib

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from node.devchain import Chain
from tests.contracts.chain_checks import campaign, count_step, outcome_of, preferring
from tests.contracts.model_debt_voucher import (ACTIVE, CANCELLED, DAY, LIVE, MAX_DEPTH, OFFERED, PENDING,
                                                REDEEMED, SPLIT, ZERO_ADDRESS, ZERO_HASH, VoucherModel)
from tests.contracts.model_settlement_token import NONE, UINT256_MAX, TokenModel

TOKEN = "contracts/settlement_token.ht"
VOUCHER = "contracts/debt_voucher.ht"
NAMES = ["central", "registrar", "regulator", "gc1", "gc2", "s1", "s2", "s3", "bank", "stranger"]
HASHES = [ZERO_HASH] + [hashlib.sha3_256(b"invoice %d" % i).digest() for i in range(3)]
CASE = hashlib.sha3_256(b"case").digest()


class World:
    """One chain, token and voucher contract for every example; each example starts
    from `base` (and a copy of the models at that point)."""

    def __init__(self):
        self.chain = Chain()
        self.actors = dict(zip(NAMES, self.chain.accounts))
        a = self.address = {name: account.address for name, account in self.actors.items()}
        self.token = self.chain.deploy(TOKEN, a["central"], a["central"], sender=self.actors["central"])
        self.voucher = self.chain.deploy(VOUCHER, self.token, a["registrar"], a["regulator"],
                                         sender=self.actors["stranger"])
        self.token_model = TokenModel(a["central"], a["central"])
        self.model = VoucherModel(self.voucher.address, self.token_model, a["registrar"], a["regulator"])
        token_setup = [("set_operator", "central", a["bank"], True), ("issue", "central", a["bank"], 10**13),
                       ("transfer", "bank", a["gc1"], 10**11), ("transfer", "bank", a["gc2"], 10**10),
                       ("approve", "gc1", self.voucher.address, 10**11),
                       ("approve", "gc2", self.voucher.address, 10**10),
                       ("approve", "bank", self.voucher.address, 10**12)]
        for name, sender, *args in token_setup:
            getattr(self.token, name)(*args, sender=self.actors[sender])
            assert getattr(self.token_model, name)(a[sender], *args) is None
        for issuer, limit in (("gc1", 10**9), ("gc2", 10**8)):
            self.voucher.set_credit_line(a[issuer], limit, sender=self.actors["registrar"])
            assert self.model.set_credit_line(a["registrar"], a[issuer], limit) is None
        # five vouchers to start from: three accepted, one pending, one offered to the bank
        for issuer, to, face, days, accept in (("gc1", "s1", 10**6, 180, True), ("gc1", "s2", 5 * 10**5, 90, True),
                                               ("gc2", "s1", 3 * 10**5, 30, True), ("gc1", "s3", 77, 60, False),
                                               ("gc2", "s2", 2 * 10**5, 120, True)):
            document = hashlib.sha3_256(b"setup %d" % self.model.next_id).digest()
            now = self.chain.next_timestamp
            self.voucher.issue(a[to], face, now + days * DAY, document, sender=self.actors[issuer])
            assert self.model.issue(a[issuer], now, a[to], face, now + days * DAY, document) is None
            if accept:
                self.voucher.accept(self.model.returned, sender=self.actors[to])
                assert self.model.accept(a[to], self.model.returned) is None
        offered = self.model.returned
        self.voucher.offer_discount(offered, a["bank"], 196_000, sender=self.actors["s2"])
        assert self.model.offer_discount(a["s2"], self.chain.timestamp, offered, a["bank"], 196_000) is None
        self.base = self.chain.snapshot()


world = functools.cache(World)  # built by the first example, shared by the rest


actors = st.sampled_from(NAMES)


def callers(*natural: str):
    return preferring(natural, actors)


amounts = st.one_of(st.integers(0, 3), st.integers(4, 2 * 10**9), st.just(UINT256_MAX))
# maturities relative to now: the past, now, the boundaries of the 365-day tenor, typical
tenors = st.sampled_from([-1, 0, 1, 30 * DAY, 90 * DAY, 180 * DAY, 365 * DAY, 365 * DAY + 1])
# mostly short steps, so that pieces trade for a while before they mature
jumps = st.sampled_from([1, 1, 3600, DAY, DAY, 14 * DAY, 28 * DAY, 90 * DAY])
missing_ids = st.integers(0, 3)
faces = st.one_of(st.integers(1, 10**6), st.integers(1, 10**6), amounts)
good_tenors = st.sampled_from([30 * DAY, 90 * DAY, 180 * DAY])


class VoucherMachine(RuleBasedStateMachine):

    def __init__(self):
        super().__init__()
        self.world = w = world()
        self.chain, self.token, self.voucher = w.chain, w.token, w.voucher
        self.chain.revert(w.base)
        self.a = w.address
        self.model = copy.deepcopy(w.model)
        self.token_model = self.model.token
        self.fresh = 0
        self.final: dict[int, tuple] = {}     # terminal vouchers: (holder, face) must never change (V5)
        self.redeemed: set[int] = set()

    # --- helpers ------------------------------------------------------------------------

    @property
    def now(self) -> int:
        """The timestamp the next transaction will have."""
        return self.chain.next_timestamp

    def party(self, name: str, id: int) -> str:
        """`name` as an address; "holder", "issuer" and "offer_bank" mean that party of
        voucher `id` (the stranger when there is none)."""
        v = self.model.vouchers.get(id)
        if name in ("holder", "issuer", "offer_bank"):
            address = getattr(v, name) if v is not None else ZERO_ADDRESS
            return self.a["stranger"] if address == ZERO_ADDRESS else address
        return self.a[name]

    def pick(self, data, *statuses: int) -> int:
        """A voucher id: mostly one in a fitting status, else any voucher or a missing id."""
        fitting = [id for id, v in self.model.vouchers.items() if v.status in statuses]
        choice = data.draw(st.sampled_from(["fitting", "fitting", "fitting", "any", "missing"]))
        if choice == "fitting" and fitting:
            return data.draw(st.sampled_from(fitting))
        if choice == "missing":
            return data.draw(st.sampled_from([0, self.model.next_id, self.model.next_id + 5]))
        return data.draw(st.sampled_from(sorted(self.model.vouchers)))

    def actor(self, address: str):
        return next(acc for acc in self.world.actors.values() if acc.address == address)

    def send(self, contract, name: str, expected: str | None, sender: str, *args):
        count_step("debt_voucher")
        function = getattr(contract, name)
        receipt = outcome_of(self.chain, lambda: function(*args, sender=self.actor(sender)), expected)
        if receipt:
            self.check_events(receipt)
        return receipt

    def check_events(self, receipt):
        """V5 and V7 on every successful transaction's events."""
        timestamp = self.chain.block(receipt.block)["timestamp"]
        for event in receipt.events:
            if event.name in ("Transferred", "Split", "Discounted"):
                id = event.args["id"] if "id" in event.args else event.args["parent"]
                assert timestamp < self.model.vouchers[id].maturity, f"{event.name} at or after maturity"
            if event.name == "Discounted":
                assert event.args["price"] <= event.args["face"]  # V7
                assert self.model.vouchers[event.args["id"]].holder == event.args["bank"]
            if event.name == "Redeemed":
                assert event.args["id"] not in self.redeemed, "a piece was redeemed twice"
                self.redeemed.add(event.args["id"])

    # --- credit and issue ------------------------------------------------------------------

    @rule(sender=callers("registrar"), issuer=callers("gc1", "gc2"),
          kind=st.one_of(st.sampled_from(["outstanding", "outstanding-1"]), st.integers(10**8, 10**10), amounts))
    def set_credit_line(self, sender, issuer, kind):
        outstanding = self.model.outstanding[self.a[issuer]]
        limit = {"outstanding": outstanding, "outstanding-1": max(outstanding - 1, 0)}.get(kind, kind)
        expected = self.model.set_credit_line(self.a[sender], self.a[issuer], limit)
        self.send(self.voucher, "set_credit_line", expected, self.a[sender], self.a[issuer], limit)

    @rule(sender=callers("gc1", "gc2"), to=callers("s1", "s2", "s3"), face=faces,
          tenor=st.one_of(good_tenors, tenors), document=st.sampled_from(["fresh", "fresh", *HASHES]))
    def issue(self, sender, to, face, tenor, document):
        if document == "fresh":
            self.fresh += 1
            document = hashlib.sha3_256(b"fresh %d" % self.fresh).digest()
        maturity = max(self.now + tenor, 0)
        expected = self.model.issue(self.a[sender], self.now, self.a[to], face, maturity, document)
        receipt = self.send(self.voucher, "issue", expected, self.a[sender], self.a[to], face, maturity, document)
        if receipt is not None:
            assert receipt.return_value == self.model.returned

    @rule(sender=callers("holder"), data=st.data())
    def accept(self, sender, data):
        id = self.pick(data, PENDING)
        who = self.party(sender, id)
        self.send(self.voucher, "accept", self.model.accept(who, id), who, id)

    @rule(sender=callers("holder"), data=st.data())
    def decline(self, sender, data):
        id = self.pick(data, PENDING)
        who = self.party(sender, id)
        self.send(self.voucher, "decline", self.model.decline(who, id), who, id)

    # --- trading ---------------------------------------------------------------------------

    @rule(sender=callers("holder"), data=st.data())
    def split(self, sender, data):
        id = self.pick(data, ACTIVE)
        if id not in self.model.vouchers:
            return
        who = self.party(sender, id)
        face = self.model.vouchers[id].face
        shape = data.draw(st.sampled_from(["exact", "exact", "off by one", "any"]))
        if shape == "any" or face < 2:
            parts = data.draw(st.lists(amounts, min_size=1, max_size=10))
        else:
            n = data.draw(st.integers(2, min(10, face)))
            cuts = sorted(data.draw(st.lists(st.integers(1, face - 1), min_size=n - 1, max_size=n - 1,
                                             unique=True)))
            parts = [b - a for a, b in zip([0, *cuts], [*cuts, face])]
            if shape == "off by one":
                parts[-1] += data.draw(st.sampled_from([-1, 1]))
        expected = self.model.split(who, self.now, id, parts)
        receipt = self.send(self.voucher, "split", expected, who, id, parts)
        if receipt is not None:
            assert receipt.return_value == self.model.returned

    @rule(sender=callers("holder"), to=actors, data=st.data())
    def transfer(self, sender, to, data):
        id = self.pick(data, ACTIVE)
        who = self.party(sender, id)
        expected = self.model.transfer(who, self.now, id, self.a[to])
        self.send(self.voucher, "transfer", expected, who, id, self.a[to])

    @rule(sender=callers("holder"), to=callers("s2", "s3", "bank"),
          kind=st.one_of(st.sampled_from(["inside", "inside", "face-1", "face", "face+1"]), amounts),
          data=st.data())
    def transfer_partial(self, sender, to, kind, data):
        id = self.pick(data, ACTIVE)
        if id not in self.model.vouchers:
            return
        who = self.party(sender, id)
        face = self.model.vouchers[id].face
        inside = data.draw(st.integers(1, face - 1)) if face > 1 else 1
        amount = {"inside": inside, "face-1": face - 1, "face": face, "face+1": face + 1}.get(kind, kind)
        expected = self.model.transfer_partial(who, self.now, id, self.a[to], amount)
        receipt = self.send(self.voucher, "transfer_partial", expected, who, id, self.a[to], amount)
        if receipt is not None:
            assert list(receipt.return_value) == self.model.returned

    # --- discount --------------------------------------------------------------------------

    @rule(sender=callers("holder"), bank=callers("bank"),
          kind=st.one_of(st.sampled_from(["face", "face+1", "below", "below"]), amounts), data=st.data())
    def offer_discount(self, sender, bank, kind, data):
        id = self.pick(data, ACTIVE)
        if id not in self.model.vouchers:
            return
        who = self.party(sender, id)
        face = self.model.vouchers[id].face
        price = {"face": face, "face+1": face + 1, "below": face * 98 // 100}.get(kind, kind)
        expected = self.model.offer_discount(who, self.now, id, self.a[bank], price)
        self.send(self.voucher, "offer_discount", expected, who, id, self.a[bank], price)

    @rule(sender=callers("holder"), data=st.data())
    def cancel_offer(self, sender, data):
        id = self.pick(data, OFFERED)
        who = self.party(sender, id)
        self.send(self.voucher, "cancel_offer", self.model.cancel_offer(who, id), who, id)

    @rule(sender=callers("offer_bank"), data=st.data())
    def accept_discount(self, sender, data):
        id = self.pick(data, OFFERED)
        who = self.party(sender, id)
        expected = self.model.accept_discount(who, self.now, id)
        self.send(self.voucher, "accept_discount", expected, who, id)

    # --- maturity --------------------------------------------------------------------------

    @rule(sender=callers("issuer"), data=st.data())
    def redeem(self, sender, data):
        id = self.pick(data, ACTIVE, OFFERED)
        who = self.party(sender, id)
        expected = self.model.redeem(who, self.now, id)
        self.send(self.voucher, "redeem", expected, who, id)

    @rule(sender=callers("gc1", "gc2"), data=st.data())
    def redeem_many(self, sender, data):
        ids = [self.pick(data, ACTIVE, OFFERED) for _ in range(data.draw(st.integers(0, 5)))]
        expected = self.model.redeem_many(self.a[sender], self.now, ids)
        self.send(self.voucher, "redeem_many", expected, self.a[sender], ids)

    # --- regulation ------------------------------------------------------------------------

    @rule(sender=callers("regulator"), data=st.data())
    def freeze_voucher(self, sender, data):
        id = self.pick(data, *LIVE)
        expected = self.model.freeze_voucher(self.a[sender], id, CASE)
        self.send(self.voucher, "freeze_voucher", expected, self.a[sender], id, CASE)

    @rule(sender=callers("regulator"), data=st.data())
    def unfreeze_voucher(self, sender, data):
        id = self.pick(data, *LIVE)
        expected = self.model.unfreeze_voucher(self.a[sender], id, CASE)
        self.send(self.voucher, "unfreeze_voucher", expected, self.a[sender], id, CASE)

    # --- the token side: allowances and account freezes --------------------------------------

    @rule(payer=st.sampled_from(["gc1", "gc2", "bank"]),
          amount=st.one_of(st.integers(0, 10**9), st.just(10**12)))
    def approve_voucher(self, payer, amount):
        self.token_model.approve(self.a[payer], self.voucher.address, amount)
        self.send(self.token, "approve", None, self.a[payer], self.voucher.address, amount)

    @rule(account=st.sampled_from(["gc1", "s1", "s2", "bank"]), mode=st.integers(0, 2))
    def freeze_account(self, account, mode):
        central = self.a["central"]
        if mode == NONE:
            expected = self.token_model.unfreeze(central, self.a[account], CASE)
            self.send(self.token, "unfreeze", expected, central, self.a[account], CASE)
        else:
            expected = self.token_model.freeze(central, self.a[account], mode, CASE)
            self.send(self.token, "freeze", expected, central, self.a[account], mode, CASE)

    @rule(seconds=jumps)
    def time_travel(self, seconds):
        count_step("debt_voucher")
        self.chain.time_travel(seconds)

    # --- invariants --------------------------------------------------------------------------

    @invariant()
    def every_voucher_matches_the_model(self):
        """The full record of every voucher; V5 (terminal pieces never change) and V8."""
        for id, expected in self.model.vouchers.items():
            actual = self.voucher.voucher(id)
            assert list(actual) == expected.as_tuple(), f"voucher {id}"
            assert actual.face > 0 and actual.depth <= MAX_DEPTH  # V8
            if actual.status in (SPLIT, REDEEMED, CANCELLED):
                final = (actual.holder, actual.face)
                assert self.final.setdefault(id, final) == final  # V5
        assert self.voucher.next_id() == self.model.next_id

    @invariant()
    def pieces_are_conserved(self):
        """V1 per split, V2 per root (through the contract's own leaves_of)."""
        vouchers = {id: self.voucher.voucher(id) for id in self.model.vouchers}
        for id, v in vouchers.items():
            if v.status == SPLIT:
                assert sum(vouchers[c].face for c in v.children) == v.face  # V1
            if v.root == id:
                leaves = self.voucher.leaves_of(id)
                assert leaves == self.model.leaves_of(id)
                assert sum(vouchers[leaf].face for leaf in leaves) == v.face  # V2

    @invariant()
    def credit_is_within_the_line(self):
        """V3 for both issuers; V4 for every trade document."""
        for issuer in ("gc1", "gc2", "s1"):
            address = self.a[issuer]
            live = sum(v.face for v in self.model.vouchers.values()
                       if v.issuer == address and v.status in LIVE)
            outstanding = self.voucher.outstanding(address)
            assert outstanding == live == self.model.outstanding[address]
            assert outstanding <= self.voucher.credit_line(address) == self.model.credit_line[address]
        roots = {}
        for id, v in self.model.vouchers.items():
            if v.root == id:
                assert v.trade_hash not in roots, "one trade document backs two roots"  # V4
                roots[v.trade_hash] = id
                assert self.voucher.trade_used(v.trade_hash) == id

    @invariant()
    def money_passes_through(self):
        """V6 and K1: the voucher contract never holds tokens; every balance is the model's."""
        assert self.token.balance_of(self.voucher) == 0
        balances = {name: self.token.balance_of(address) for name, address in self.a.items()}
        assert balances == {name: self.token_model.balances[address] for name, address in self.a.items()}
        assert sum(balances.values()) == self.token.total_supply()

    def fund(self, address: str, amount: int) -> None:
        """Top `address` up to `amount` tokens (new money through the bank)."""
        missing = amount - self.token_model.balances[address]
        if missing > 0:
            central, bank = self.a["central"], self.a["bank"]
            for name, sender, *args in (("issue", central, bank, missing), ("transfer", bank, address, missing)):
                assert getattr(self.token_model, name)(sender, *args) is None
                getattr(self.token, name)(*args, sender=self.actor(sender))

    def teardown(self):
        """Mature everything, lift the account freezes and redeem every live piece: the
        outstanding amounts fall to what is still pending and no tokens stay behind."""
        central = self.a["central"]
        for name in ("gc1", "s1", "s2", "bank"):
            if self.token_model.mode[self.a[name]] != NONE:
                self.token_model.unfreeze(central, self.a[name], CASE)
                self.token.unfreeze(self.a[name], CASE, sender=self.actor(central))
        self.chain.time_travel(366 * DAY)
        for issuer in ("gc1", "gc2"):
            address = self.a[issuer]
            live = [id for id, v in self.model.vouchers.items() if v.issuer == address and v.status in
                    (ACTIVE, OFFERED)]
            due = sum(self.model.vouchers[id].face for id in live)
            self.fund(address, due)
            self.token_model.approve(address, self.voucher.address, due)
            self.token.approve(self.voucher, due, sender=self.actor(address))
            for start in range(0, len(live), 50):
                chunk = live[start:start + 50]
                assert self.model.redeem_many(address, self.now, chunk) is None
                self.voucher.redeem_many(chunk, sender=self.actor(address))
            pending = sum(v.face for v in self.model.vouchers.values() if v.issuer == address and
                          v.status == PENDING)
            assert self.voucher.outstanding(address) == pending
        self.money_passes_through()
        self.every_voucher_matches_the_model()


VoucherMachine.TestCase.settings = campaign(examples=50, steps=60)
test_debt_voucher_state_machine = VoucherMachine.TestCase
