"""Unit tests of contracts/debt_voucher.ht (DOMAIN.md C4): every function, every
caller check and every revert path, paying through a real settlement token."""

from __future__ import annotations

import hashlib
import itertools

import pytest

from node.devchain import Chain
from node.pytest_plugin import reverts
from tests.contracts.chain_checks import unchanged_on_revert

TOKEN = "contracts/settlement_token.ht"
VOUCHER = "contracts/debt_voucher.ht"
DAY = 86_400
YUAN = 100
ZERO = "0x" + "00" * 20
ZERO_HASH = b"\x00" * 32
PENDING, ACTIVE, OFFERED, SPLIT, REDEEMED, CANCELLED = range(6)
CASE = hashlib.sha3_256(b"court case 3").digest()
_documents = itertools.count(1)


def document() -> bytes:
    """A fresh trade-document hash."""
    return hashlib.sha3_256(b"invoice %d" % next(_documents)).digest()


class Actors:
    def __init__(self, chain: Chain):
        (self.central, self.registrar, self.regulator, self.gc, self.supplier, self.sub_supplier,
         self.bank, self.stranger, self.gc2, self.deployer) = chain.accounts[:10]


@pytest.fixture(scope="module")
def base():
    chain = Chain()
    who = Actors(chain)
    token = chain.deploy(TOKEN, who.central, who.central, sender=who.central)
    voucher = chain.deploy(VOUCHER, token, who.registrar, who.regulator, sender=who.deployer)
    token.set_operator(who.bank, True, sender=who.central)
    token.issue(who.bank, 50_000_000 * YUAN, sender=who.central)
    token.transfer(who.gc, 5_000_000 * YUAN, sender=who.bank)
    token.approve(voucher, 5_000_000 * YUAN, sender=who.gc)
    token.approve(voucher, 5_000_000 * YUAN, sender=who.bank)
    voucher.set_credit_line(who.gc, 5_000_000 * YUAN, sender=who.registrar)
    return chain, who, token, voucher


@pytest.fixture
def env(base):
    chain, who, token, voucher = base
    with chain.isolate():
        yield chain, who, token, voucher


def issue(voucher, who, face=1_000_000 * YUAN, to=None, days=180, accept=True):
    """Issue (and accept) a voucher from the GC; returns its id."""
    chain = voucher.backend
    id = voucher.issue(to or who.supplier, face, chain.next_timestamp + days * DAY, document(),
                       sender=who.gc).return_value
    if accept:
        voucher.accept(id, sender=to or who.supplier)
    return id


def mature(chain, voucher, id):
    chain.set_time(max(voucher.voucher(id).maturity, chain.timestamp + 1))


# --- roles ------------------------------------------------------------------------------------

def test_constructor_roles_and_admin_goes_to_the_registrar(env):
    chain, who, token, voucher = env
    assert voucher.token() == token.address and voucher.next_id() == 1
    assert voucher.has_role(voucher.role("REGISTRAR"), who.registrar)
    assert voucher.has_role(voucher.role("REGULATOR"), who.regulator)
    assert voucher.has_role(voucher.role("ADMIN"), who.registrar)
    assert not voucher.has_role(voucher.role("ADMIN"), who.deployer)


PRIVILEGED = {
    "set_credit_line": ("REGISTRAR", "registrar", lambda w, id: (w.gc2, 1)),
    "freeze_voucher": ("REGULATOR", "regulator", lambda w, id: (id, CASE)),
    "unfreeze_voucher": ("REGULATOR", "regulator", lambda w, id: (id, CASE)),
    "grant_role": ("ADMIN", "registrar", lambda w, id: (b"\x01" * 32, w.stranger)),
    "revoke_role": ("ADMIN", "registrar", lambda w, id: (b"\x01" * 32, w.stranger)),
}
EVERYONE = ["central", "registrar", "regulator", "gc", "supplier", "sub_supplier", "bank", "stranger",
            "deployer"]


@pytest.mark.parametrize("function", sorted(PRIVILEGED))
@pytest.mark.parametrize("caller", EVERYONE)
def test_each_privileged_function_refuses_every_other_role(env, function, caller):
    chain, who, token, voucher = env
    role, holder, make_args = PRIVILEGED[function]
    id = issue(voucher, who)
    if function == "unfreeze_voucher":
        voucher.freeze_voucher(id, CASE, sender=who.regulator)
    sender = getattr(who, caller)
    if caller == holder:
        getattr(voucher, function)(*make_args(who, id), sender=sender)
        return
    with unchanged_on_revert(chain, voucher), reverts("Unauthorized", role=voucher.role(role),
                                                      caller=sender.address):
        getattr(voucher, function)(*make_args(who, id), sender=sender)


# the functions reserved to one party of a voucher, and who that party is
PARTY_ONLY = {
    "accept": ("supplier", "NotHolder", lambda v, w, id: (id,), "pending"),
    "decline": ("supplier", "NotHolder", lambda v, w, id: (id,), "pending"),
    "split": ("supplier", "NotHolder", lambda v, w, id: (id, [1, 1_000_000 * YUAN - 1]), "active"),
    "transfer": ("supplier", "NotHolder", lambda v, w, id: (id, w.sub_supplier), "active"),
    "transfer_partial": ("supplier", "NotHolder", lambda v, w, id: (id, w.sub_supplier, 7), "active"),
    "offer_discount": ("supplier", "NotHolder", lambda v, w, id: (id, w.bank, 5), "active"),
    "cancel_offer": ("supplier", "NotHolder", lambda v, w, id: (id,), "offered"),
    "accept_discount": ("bank", "NotOfferedTo", lambda v, w, id: (id,), "offered"),
    "redeem": ("gc", "NotIssuer", lambda v, w, id: (id,), "matured"),
    "redeem_many": ("gc", "NotIssuer", lambda v, w, id: ([id],), "matured"),
}


@pytest.mark.parametrize("function", sorted(PARTY_ONLY))
@pytest.mark.parametrize("caller", EVERYONE)
def test_each_voucher_party_function_refuses_everyone_else(env, function, caller):
    chain, who, token, voucher = env
    party, error, make_args, stage = PARTY_ONLY[function]
    id = issue(voucher, who, accept=stage != "pending")
    if stage == "offered":
        voucher.offer_discount(id, who.bank, 900_000 * YUAN, sender=who.supplier)
    if stage == "matured":
        mature(chain, voucher, id)
    sender = getattr(who, caller)
    if caller == party:
        getattr(voucher, function)(*make_args(voucher, who, id), sender=sender)
        return
    with unchanged_on_revert(chain, voucher, token), reverts(error, id=id, caller=sender.address):
        getattr(voucher, function)(*make_args(voucher, who, id), sender=sender)


# --- credit lines and issue -------------------------------------------------------------------

def test_set_credit_line_cannot_go_below_outstanding(env):
    chain, who, token, voucher = env
    issue(voucher, who, face=3_000_000 * YUAN)
    receipt = voucher.set_credit_line(who.gc, 3_000_000 * YUAN, sender=who.registrar)  # exactly outstanding
    assert receipt.event("CreditLineSet").args == {"issuer": who.gc.address, "limit": 3_000_000 * YUAN}
    with unchanged_on_revert(chain, voucher), reverts("LimitBelowOutstanding", limit=3_000_000 * YUAN - 1,
                                                      outstanding=3_000_000 * YUAN):
        voucher.set_credit_line(who.gc, 3_000_000 * YUAN - 1, sender=who.registrar)


def test_issue_creates_a_pending_root(env):
    chain, who, token, voucher = env
    maturity = chain.next_timestamp + 180 * DAY
    h = document()
    receipt = voucher.issue(who.supplier, 1_000_000 * YUAN, maturity, h, sender=who.gc)
    assert receipt.return_value == 1
    assert receipt.event("Issued").args == {"id": 1, "issuer": who.gc.address, "to": who.supplier.address,
                                            "face": 1_000_000 * YUAN, "maturity": maturity, "trade_hash": h}
    v = voucher.voucher(1)
    assert (v.issuer, v.holder, v.face, v.maturity, v.root, v.parent, v.depth, v.children, v.status,
            v.frozen, v.trade_hash, v.financed, v.offer_bank, v.offer_price) == \
        (who.gc.address, who.supplier.address, 1_000_000 * YUAN, maturity, 1, 0, 0, [], PENDING, False, h,
         False, ZERO, 0)
    assert voucher.outstanding(who.gc) == 1_000_000 * YUAN
    assert voucher.trade_used(h) == 1
    assert token.balance_of(voucher) == 0


def test_issue_reverts(env):
    chain, who, token, voucher = env
    now = chain.next_timestamp
    good = now + 180 * DAY
    with unchanged_on_revert(chain, voucher), reverts("ZeroAmount"):
        voucher.issue(who.supplier, 0, good, document(), sender=who.gc)
    for to in (ZERO, who.gc):
        with unchanged_on_revert(chain, voucher), reverts("BadRecipient"):
            voucher.issue(to, 1, good, document(), sender=who.gc)
    for offset in (-1, 365 * DAY + 1):
        maturity = chain.next_timestamp + offset
        with unchanged_on_revert(chain, voucher), reverts("BadMaturity", maturity=maturity):
            voucher.issue(who.supplier, 1, maturity, document(), sender=who.gc)
    with unchanged_on_revert(chain, voucher), reverts("TradeDocumentUsed", trade_hash=ZERO_HASH, root=0):
        voucher.issue(who.supplier, 1, good, ZERO_HASH, sender=who.gc)
    with unchanged_on_revert(chain, voucher), reverts("CreditExceeded", needed=1, limit=0):
        voucher.issue(who.supplier, 1, good, document(), sender=who.stranger)  # no credit line
    with unchanged_on_revert(chain, voucher), reverts("CreditExceeded", needed=5_000_000 * YUAN + 1,
                                                      limit=5_000_000 * YUAN):
        voucher.issue(who.supplier, 5_000_000 * YUAN + 1, good, document(), sender=who.gc)


def test_issue_maturity_boundaries(env):
    chain, who, token, voucher = env
    voucher.issue(who.supplier, 1, chain.next_timestamp + 365 * DAY, document(), sender=who.gc)  # the longest
    voucher.issue(who.supplier, 1, chain.next_timestamp + 1, document(), sender=who.gc)  # the shortest
    now = chain.next_timestamp
    with reverts("BadMaturity", maturity=now, now=now):
        voucher.issue(who.supplier, 1, now, document(), sender=who.gc)  # maturity must be in the future


def test_each_trade_document_backs_one_root_even_after_a_decline(env):
    chain, who, token, voucher = env
    h = document()
    id = voucher.issue(who.supplier, 10, chain.next_timestamp + DAY, h, sender=who.gc).return_value
    voucher.decline(id, sender=who.supplier)
    with unchanged_on_revert(chain, voucher), reverts("TradeDocumentUsed", trade_hash=h, root=id):
        voucher.issue(who.supplier, 10, chain.next_timestamp + DAY, h, sender=who.gc)  # V4
    voucher.set_credit_line(who.gc2, 100, sender=who.registrar)
    with reverts("TradeDocumentUsed", root=id):
        voucher.issue(who.supplier, 10, chain.next_timestamp + DAY, h, sender=who.gc2)  # another issuer too


def test_credit_is_exact_to_the_fen(env):
    chain, who, token, voucher = env
    issue(voucher, who, face=4_999_999 * YUAN)
    issue(voucher, who, face=1 * YUAN)  # exactly the line
    assert voucher.outstanding(who.gc) == voucher.credit_line(who.gc)
    with reverts("CreditExceeded", needed=5_000_000 * YUAN + 1):
        issue(voucher, who, face=1)


def test_accept_and_decline(env):
    chain, who, token, voucher = env
    id = issue(voucher, who, accept=False)
    receipt = voucher.accept(id, sender=who.supplier)
    assert receipt.event("Accepted").args == {"id": id}
    assert voucher.voucher(id).status == ACTIVE
    with unchanged_on_revert(chain, voucher), reverts("WrongStatus", id=id, status=ACTIVE):
        voucher.accept(id, sender=who.supplier)
    with reverts("WrongStatus", status=ACTIVE):
        voucher.decline(id, sender=who.supplier)
    other = issue(voucher, who, face=2 * YUAN, accept=False)
    receipt = voucher.decline(other, sender=who.supplier)
    assert receipt.event("Declined").args == {"id": other}
    assert voucher.voucher(other).status == CANCELLED
    assert voucher.outstanding(who.gc) == 1_000_000 * YUAN  # the declined face is released
    for missing in (0, 99):
        with reverts("NoSuchVoucher", id=missing):
            voucher.accept(missing, sender=who.supplier)


def test_a_pending_voucher_cannot_be_traded(env):
    chain, who, token, voucher = env
    id = issue(voucher, who, accept=False)
    with reverts("WrongStatus", status=PENDING):
        voucher.transfer(id, who.sub_supplier, sender=who.supplier)
    with reverts("WrongStatus", status=PENDING):
        voucher.offer_discount(id, who.bank, 1, sender=who.supplier)


# --- split and transfer ----------------------------------------------------------------------------

def test_split_creates_children_that_add_up(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    parts = [300_000 * YUAN, 300_000 * YUAN, 400_000 * YUAN]
    receipt = voucher.split(id, parts, sender=who.supplier)
    children = receipt.return_value
    assert children == [2, 3, 4]
    assert receipt.event("Split").args == {"parent": id, "children": children, "parts": parts}
    parent = voucher.voucher(id)
    assert parent.status == SPLIT and parent.children == children
    for child, part in zip(children, parts):
        v = voucher.voucher(child)
        assert (v.issuer, v.holder, v.face, v.maturity, v.root, v.parent, v.depth, v.status, v.trade_hash) == \
            (who.gc.address, who.supplier.address, part, parent.maturity, id, id, 1, ACTIVE, ZERO_HASH)
    assert sum(voucher.voucher(c).face for c in children) == parent.face  # V1
    assert voucher.leaves_of(id) == children
    assert voucher.outstanding(who.gc) == 1_000_000 * YUAN  # splitting creates no credit


def test_split_reverts(env):
    chain, who, token, voucher = env
    id = issue(voucher, who, face=100)
    cases = [([100], "BadParts"), ([50, 49], "BadParts"), ([50, 51], "BadParts"), ([100, 0], "ZeroAmount"),
             ([2**256 - 1, 2], "Overflow")]
    for parts, error in cases:
        with unchanged_on_revert(chain, voucher), reverts(error):
            voucher.split(id, parts, sender=who.supplier)
    voucher.split(id, [10] * 10, sender=who.supplier)  # ten parts is the maximum the ABI takes
    with reverts("WrongStatus", status=SPLIT):
        voucher.split(id, [50, 50], sender=who.supplier)  # V5: a split voucher never changes again
    with reverts("WrongStatus", status=SPLIT):
        voucher.transfer(id, who.sub_supplier, sender=who.supplier)


def test_split_depth_is_at_most_eight(env):
    chain, who, token, voucher = env
    id = issue(voucher, who, face=2**9)
    for depth in range(8):
        id = voucher.split(id, [voucher.voucher(id).face // 2] * 2, sender=who.supplier).return_value[0]
    assert voucher.voucher(id).depth == 8
    with unchanged_on_revert(chain, voucher), reverts("TooDeep", id=id):
        voucher.split(id, [1, 1], sender=who.supplier)  # V8
    with reverts("TooDeep", id=id):
        voucher.transfer_partial(id, who.sub_supplier, 1, sender=who.supplier)


def test_transfer_changes_the_holder(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    receipt = voucher.transfer(id, who.sub_supplier, sender=who.supplier)
    assert receipt.event("Transferred").args == {"id": id, "sender": who.supplier.address,
                                                 "receiver": who.sub_supplier.address}
    assert voucher.voucher(id).holder == who.sub_supplier.address
    with reverts("NotHolder", caller=who.supplier.address):
        voucher.transfer(id, who.stranger, sender=who.supplier)  # no recourse to the former holder


def test_transfer_refuses_bad_recipients(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    for to in (ZERO, who.supplier, who.gc):  # nobody, oneself, the issuer
        with unchanged_on_revert(chain, voucher), reverts("BadRecipient", account=to if to == ZERO else to.address):
            voucher.transfer(id, to, sender=who.supplier)


def test_transfer_partial_splits_and_passes_on_the_first_part(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    receipt = voucher.transfer_partial(id, who.sub_supplier, 400_000 * YUAN, sender=who.supplier)
    assert list(receipt.return_value) == [2, 3]
    assert [e.name for e in receipt.events] == ["Split", "Transferred"]
    assert voucher.voucher(2).holder == who.sub_supplier.address and voucher.voucher(2).face == 400_000 * YUAN
    assert voucher.voucher(3).holder == who.supplier.address and voucher.voucher(3).face == 600_000 * YUAN


def test_transfer_partial_reverts(env):
    chain, who, token, voucher = env
    id = issue(voucher, who, face=100)
    with unchanged_on_revert(chain, voucher), reverts("ZeroAmount"):
        voucher.transfer_partial(id, who.sub_supplier, 0, sender=who.supplier)
    for amount in (100, 101):
        with unchanged_on_revert(chain, voucher), reverts("BadParts", face=100):
            voucher.transfer_partial(id, who.sub_supplier, amount, sender=who.supplier)
    with unchanged_on_revert(chain, voucher), reverts("BadRecipient"):
        voucher.transfer_partial(id, who.gc, 1, sender=who.supplier)
    voucher.transfer_partial(id, who.sub_supplier, 99, sender=who.supplier)  # the boundary face - 1


def test_nothing_trades_at_or_after_maturity(env):
    chain, who, token, voucher = env
    id = issue(voucher, who, days=10)
    maturity = voucher.voucher(id).maturity
    with chain.isolate():
        chain.set_time(maturity - 1)
        voucher.transfer(id, who.sub_supplier, sender=who.supplier)  # the last second
    chain.set_time(maturity)
    for call in (lambda: voucher.transfer(id, who.sub_supplier, sender=who.supplier),
                 lambda: voucher.split(id, [1, 1_000_000 * YUAN - 1], sender=who.supplier),
                 lambda: voucher.transfer_partial(id, who.sub_supplier, 1, sender=who.supplier),
                 lambda: voucher.offer_discount(id, who.bank, 1, sender=who.supplier)):
        with unchanged_on_revert(chain, voucher), reverts("Matured", id=id, maturity=maturity):
            call()  # V5


# --- discount -------------------------------------------------------------------------------------

def test_discount_price_is_act_365_rounded_in_the_sellers_favour(env):
    chain, who, token, voucher = env
    assert voucher.discount_price(600_000 * YUAN, 365, 150) == 591_000 * YUAN  # scenario C
    assert voucher.discount_price(100, 365, 1) == 100  # 0.01 fen of discount rounds to none
    assert voucher.discount_price(1_000_000, 500, 73) == 990_000
    assert voucher.discount_price(1_000_001, 500, 73) == 990_001  # the 0.01 fen stays with the seller
    assert voucher.discount_price(5, 10_000, 365) == 0
    with reverts("Overflow"):
        voucher.discount_price(5, 20_000, 365)  # a discount larger than the face


def test_offer_and_accept_discount_pays_the_holder_directly(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    receipt = voucher.offer_discount(id, who.bank, 990_000 * YUAN, sender=who.supplier)
    assert receipt.event("DiscountOffered").args == {"id": id, "bank": who.bank.address, "price": 990_000 * YUAN}
    v = voucher.voucher(id)
    assert (v.status, v.offer_bank, v.offer_price) == (OFFERED, who.bank.address, 990_000 * YUAN)
    with reverts("WrongStatus", status=OFFERED):
        voucher.transfer(id, who.sub_supplier, sender=who.supplier)  # an offered voucher is reserved
    bank, seller = token.balance_of(who.bank), token.balance_of(who.supplier)
    receipt = voucher.accept_discount(id, sender=who.bank)
    assert receipt.event("Discounted").args == {"id": id, "seller": who.supplier.address, "bank": who.bank.address,
                                                "price": 990_000 * YUAN, "face": 1_000_000 * YUAN}
    assert receipt.event("Transfer").args == {"sender": who.bank.address, "receiver": who.supplier.address,
                                              "amount": 990_000 * YUAN}
    assert token.balance_of(who.bank) == bank - 990_000 * YUAN
    assert token.balance_of(who.supplier) == seller + 990_000 * YUAN
    assert token.balance_of(voucher) == 0  # V6
    v = voucher.voucher(id)
    assert (v.holder, v.status, v.financed, v.offer_bank, v.offer_price) == (who.bank.address, ACTIVE, True, ZERO, 0)
    # pieces of a financed voucher stay financed
    children = voucher.split(id, [1, 1_000_000 * YUAN - 1], sender=who.bank).return_value
    assert all(voucher.voucher(c).financed for c in children)


def test_a_price_equal_to_the_face_is_allowed(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    voucher.offer_discount(id, who.bank, 1_000_000 * YUAN, sender=who.supplier)
    voucher.accept_discount(id, sender=who.bank)


def test_offer_discount_reverts(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    with unchanged_on_revert(chain, voucher), reverts("ZeroAmount"):
        voucher.offer_discount(id, who.bank, 0, sender=who.supplier)
    with unchanged_on_revert(chain, voucher), reverts("PriceAboveFace", price=1_000_000 * YUAN + 1,
                                                      face=1_000_000 * YUAN):
        voucher.offer_discount(id, who.bank, 1_000_000 * YUAN + 1, sender=who.supplier)  # V7
    for bank in (ZERO, who.supplier, who.gc):
        with unchanged_on_revert(chain, voucher), reverts("BadRecipient"):
            voucher.offer_discount(id, bank, 1, sender=who.supplier)


def test_cancel_offer(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    with reverts("WrongStatus", status=ACTIVE):
        voucher.cancel_offer(id, sender=who.supplier)
    voucher.offer_discount(id, who.bank, 5, sender=who.supplier)
    receipt = voucher.cancel_offer(id, sender=who.supplier)
    assert receipt.event("OfferCancelled").args == {"id": id}
    v = voucher.voucher(id)
    assert (v.status, v.offer_bank, v.offer_price) == (ACTIVE, ZERO, 0)
    with unchanged_on_revert(chain, voucher, token), reverts("WrongStatus", status=ACTIVE):
        voucher.accept_discount(id, sender=who.bank)


def test_accept_discount_reverts(env):
    chain, who, token, voucher = env
    id = issue(voucher, who, days=10)
    voucher.offer_discount(id, who.bank, 5, sender=who.supplier)
    with unchanged_on_revert(chain, voucher, token), reverts("NoSuchVoucher", id=55):
        voucher.accept_discount(55, sender=who.bank)
    token.approve(voucher, 4, sender=who.bank)
    with unchanged_on_revert(chain, voucher, token), reverts("InsufficientAllowance", needed=5, available=4):
        voucher.accept_discount(id, sender=who.bank)
    token.approve(voucher, 5_000_000 * YUAN, sender=who.bank)
    token.freeze(who.supplier, 2, CASE, sender=who.central)
    with unchanged_on_revert(chain, voucher, token), reverts("ReceiverFrozen", account=who.supplier.address):
        voucher.accept_discount(id, sender=who.bank)
    token.unfreeze(who.supplier, CASE, sender=who.central)
    voucher.freeze_voucher(id, CASE, sender=who.regulator)
    with unchanged_on_revert(chain, voucher, token), reverts("IsFrozen", id=id):
        voucher.accept_discount(id, sender=who.bank)
    chain.set_time(voucher.voucher(id).maturity)
    with unchanged_on_revert(chain, voucher, token), reverts("Matured", id=id):
        voucher.accept_discount(id, sender=who.bank)


# --- redeem ------------------------------------------------------------------------------------------

def test_redeem_pays_the_holder_from_the_issuer(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    voucher.transfer(id, who.sub_supplier, sender=who.supplier)
    mature(chain, voucher, id)
    gc, holder = token.balance_of(who.gc), token.balance_of(who.sub_supplier)
    receipt = voucher.redeem(id, sender=who.gc)
    assert receipt.event("Redeemed").args == {"id": id, "holder": who.sub_supplier.address,
                                              "face": 1_000_000 * YUAN}
    assert token.balance_of(who.gc) == gc - 1_000_000 * YUAN  # V6
    assert token.balance_of(who.sub_supplier) == holder + 1_000_000 * YUAN
    assert token.balance_of(voucher) == 0
    assert voucher.voucher(id).status == REDEEMED
    assert voucher.outstanding(who.gc) == 0
    with unchanged_on_revert(chain, voucher, token), reverts("WrongStatus", id=id, status=REDEEMED):
        voucher.redeem(id, sender=who.gc)  # at most once
    with reverts("WrongStatus", status=REDEEMED):
        voucher.transfer(id, who.stranger, sender=who.sub_supplier)


def test_redeem_reverts(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    pending = issue(voucher, who, face=5, accept=False)
    parent = issue(voucher, who, face=10)
    voucher.split(parent, [5, 5], sender=who.supplier)
    maturity = voucher.voucher(id).maturity
    chain.set_time(maturity - 1)
    with unchanged_on_revert(chain, voucher, token), reverts("NotMatured", id=id, maturity=maturity):
        voucher.redeem(id, sender=who.gc)
    chain.set_time(voucher.voucher(parent).maturity)
    for unredeemable, status in ((pending, PENDING), (parent, SPLIT)):
        with unchanged_on_revert(chain, voucher, token), reverts("WrongStatus", id=unredeemable, status=status):
            voucher.redeem(unredeemable, sender=who.gc)
    with reverts("NoSuchVoucher", id=0):
        voucher.redeem(0, sender=who.gc)
    token.approve(voucher, 999_999 * YUAN, sender=who.gc)
    with unchanged_on_revert(chain, voucher, token), reverts("InsufficientAllowance"):
        voucher.redeem(id, sender=who.gc)
    token.approve(voucher, 10_000_000 * YUAN, sender=who.gc)
    token.transfer(who.bank, token.balance_of(who.gc) - 1, sender=who.gc)
    with unchanged_on_revert(chain, voucher, token), reverts("InsufficientBalance", needed=1_000_000 * YUAN):
        voucher.redeem(id, sender=who.gc)


def test_redeem_of_an_offered_voucher_lapses_the_offer(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    voucher.offer_discount(id, who.bank, 5, sender=who.supplier)
    mature(chain, voucher, id)
    voucher.redeem(id, sender=who.gc)
    v = voucher.voucher(id)
    assert (v.status, v.holder, v.offer_bank, v.offer_price) == (REDEEMED, who.supplier.address, ZERO, 0)


def test_redeem_many_is_all_or_nothing(env):
    chain, who, token, voucher = env
    ids = [issue(voucher, who, face=100 * (i + 1)) for i in range(3)]
    mature(chain, voucher, ids[-1])
    with unchanged_on_revert(chain, voucher, token), reverts("WrongStatus", id=ids[0], status=REDEEMED):
        voucher.redeem_many([ids[0], ids[1], ids[0]], sender=who.gc)  # a duplicate undoes the whole call
    before = token.balance_of(who.supplier)
    receipt = voucher.redeem_many(ids, sender=who.gc)
    assert [e.args["id"] for e in receipt.events_named("Redeemed")] == ids
    assert token.balance_of(who.supplier) == before + 600
    voucher.redeem_many([], sender=who.gc)  # nothing to do


# --- freeze --------------------------------------------------------------------------------------------

def test_a_frozen_voucher_cannot_move_but_is_redeemed_to_the_holder_of_record(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    receipt = voucher.freeze_voucher(id, CASE, sender=who.regulator)
    assert receipt.event("VoucherFrozen").args == {"id": id, "case_hash": CASE}
    assert voucher.voucher(id).frozen and voucher.freeze_case(id) == CASE
    for call in (lambda: voucher.transfer(id, who.sub_supplier, sender=who.supplier),
                 lambda: voucher.split(id, [1, 1_000_000 * YUAN - 1], sender=who.supplier),
                 lambda: voucher.transfer_partial(id, who.sub_supplier, 1, sender=who.supplier),
                 lambda: voucher.offer_discount(id, who.bank, 1, sender=who.supplier)):
        with unchanged_on_revert(chain, voucher), reverts("IsFrozen", id=id):
            call()
    with unchanged_on_revert(chain, voucher), reverts("IsFrozen", id=id):
        voucher.freeze_voucher(id, CASE, sender=who.regulator)
    mature(chain, voucher, id)
    before = token.balance_of(who.supplier)
    voucher.redeem(id, sender=who.gc)
    assert token.balance_of(who.supplier) == before + 1_000_000 * YUAN


def test_unfreeze_restores_trading(env):
    chain, who, token, voucher = env
    id = issue(voucher, who)
    with unchanged_on_revert(chain, voucher), reverts("NotFrozen", id=id):
        voucher.unfreeze_voucher(id, CASE, sender=who.regulator)
    voucher.freeze_voucher(id, CASE, sender=who.regulator)
    receipt = voucher.unfreeze_voucher(id, CASE, sender=who.regulator)
    assert receipt.event("VoucherUnfrozen").args == {"id": id, "case_hash": CASE}
    assert not voucher.voucher(id).frozen and voucher.freeze_case(id) == ZERO_HASH
    voucher.transfer(id, who.sub_supplier, sender=who.supplier)


def test_only_live_vouchers_can_be_frozen(env):
    chain, who, token, voucher = env
    pending = issue(voucher, who, face=5, accept=False)
    voucher.freeze_voucher(pending, CASE, sender=who.regulator)  # a pending voucher can be
    parent = issue(voucher, who, face=10)
    voucher.split(parent, [5, 5], sender=who.supplier)
    declined = issue(voucher, who, face=5, accept=False)
    voucher.decline(declined, sender=who.supplier)
    for id, status in ((parent, SPLIT), (declined, CANCELLED)):
        with unchanged_on_revert(chain, voucher), reverts("WrongStatus", id=id, status=status):
            voucher.freeze_voucher(id, CASE, sender=who.regulator)
    with reverts("NoSuchVoucher", id=999):
        voucher.freeze_voucher(999, CASE, sender=who.regulator)


# --- views -------------------------------------------------------------------------------------------------

def test_leaves_of_walks_the_tree_depth_first(env):
    chain, who, token, voucher = env
    root = issue(voucher, who, face=1_000)
    a, b = voucher.split(root, [400, 600], sender=who.supplier).return_value
    c, d, e = voucher.split(a, [100, 100, 200], sender=who.supplier).return_value
    assert voucher.leaves_of(root) == [c, d, e, b]
    assert voucher.leaves_of(a) == [c, d, e] and voucher.leaves_of(b) == [b]
    assert sum(voucher.voucher(i).face for i in voucher.leaves_of(root)) == 1_000  # V2
    with reverts("NoSuchVoucher", id=77):
        voucher.leaves_of(77)


def test_leaves_of_refuses_a_tree_too_large_to_walk(env):
    chain, who, token, voucher = env
    root = issue(voucher, who, face=10**6)
    tens = voucher.split(root, [10**5] * 10, sender=who.supplier).return_value
    hundreds = []
    for id in tens:
        hundreds += voucher.split(id, [10**4] * 10, sender=who.supplier).return_value
    assert len(voucher.leaves_of(root)) == 100  # 111 pieces: walkable
    for id in hundreds[:8]:
        voucher.split(id, [10**3] * 10, sender=who.supplier)
    assert len(voucher.leaves_of(root)) == 172  # 191 pieces
    voucher.split(hundreds[8], [10**3] * 10, sender=who.supplier)  # 201 pieces: one too many to walk
    with reverts("TreeTooLarge", root=root):
        voucher.leaves_of(root)
    subtree = voucher.leaves_of(tens[0])  # a subtree still walks
    assert len(subtree) == 91 and sum(voucher.voucher(i).face for i in subtree) == 10**5
