"""Unit tests of contracts/settlement_token.ht (DOMAIN.md C1): every function, every
role check and every revert path, on the in-process chain."""

from __future__ import annotations

import hashlib

import pytest

from node.devchain import Chain
from node.pytest_plugin import reverts
from tests.contracts.chain_checks import unchanged_on_revert

TOKEN = "contracts/settlement_token.ht"
NONE, RECEIVE_ONLY, FULL = 0, 1, 2
UINT256_MAX = 2**256 - 1
CASE = hashlib.sha3_256(b"court order 2026-17").digest()
YUAN = 100  # amounts are fen


class Actors:
    def __init__(self, chain: Chain):
        (self.deployer, self.issuer, self.regulator, self.operator, self.holder, self.other,
         self.stranger) = chain.accounts[:7]


@pytest.fixture(scope="module")
def base():
    chain = Chain()
    who = Actors(chain)
    token = chain.deploy(TOKEN, who.issuer, who.regulator, sender=who.deployer)
    token.set_operator(who.operator, True, sender=who.issuer)
    token.issue(who.operator, 1_000_000 * YUAN, sender=who.issuer)
    token.transfer(who.holder, 10_000 * YUAN, sender=who.operator)
    return chain, who, token


@pytest.fixture
def env(base):
    chain, who, token = base
    with chain.isolate():
        yield chain, who, token


# --- constructor and roles ---------------------------------------------------------------

def test_constructor_gives_roles_and_hands_admin_to_the_issuer(env):
    chain, who, token = env
    assert token.has_role(token.role("ISSUER"), who.issuer)
    assert token.has_role(token.role("REGULATOR"), who.regulator)
    assert token.has_role(token.role("ADMIN"), who.issuer)
    assert not token.has_role(token.role("ADMIN"), who.deployer)
    # the deployer cannot make itself issuer (K6)
    with reverts("Unauthorized", role=token.role("ADMIN"), caller=who.deployer.address):
        token.grant_role(token.role("ISSUER"), who.deployer, sender=who.deployer)


def test_an_issuer_deploying_itself_keeps_admin(env):
    chain, who, _ = env
    token = chain.deploy(TOKEN, who.issuer, who.regulator, sender=who.issuer)
    assert token.has_role(token.role("ADMIN"), who.issuer)
    assert token.total_supply() == 0 and token.issued_total() == 0 and token.redeemed_total() == 0


# every privileged function, with arguments that would succeed for the right caller
PRIVILEGED = {
    "set_operator": ("ISSUER", lambda w: (w.other, True)),
    "issue": ("ISSUER", lambda w: (w.operator, 5)),
    "set_protected": ("ISSUER", lambda w: (w.other, True)),
    "redeem": ("OPERATOR", lambda w: (5,)),
    "freeze": ("REGULATOR", lambda w: (w.other, FULL, CASE)),
    "unfreeze": ("REGULATOR", lambda w: (w.holder, CASE)),
}
HOLDERS = {"ISSUER": "issuer", "OPERATOR": "operator", "REGULATOR": "regulator"}
CALLERS = ["deployer", "issuer", "regulator", "operator", "holder", "stranger"]


@pytest.mark.parametrize("function", sorted(PRIVILEGED))
@pytest.mark.parametrize("caller", CALLERS)
def test_each_privileged_function_refuses_every_other_role(env, function, caller):
    chain, who, token = env
    role, make_args = PRIVILEGED[function]
    token.freeze(who.holder, RECEIVE_ONLY, CASE, sender=who.regulator)  # so that unfreeze could succeed
    sender = getattr(who, caller)
    if caller == HOLDERS[role]:
        getattr(token, function)(*make_args(who), sender=sender)  # the right role succeeds
        return
    with unchanged_on_revert(chain, token):
        with reverts("Unauthorized", role=token.role(role), caller=sender.address):
            getattr(token, function)(*make_args(who), sender=sender)


@pytest.mark.parametrize("function", ["grant_role", "revoke_role"])
@pytest.mark.parametrize("caller", ["deployer", "regulator", "operator", "holder", "stranger"])
def test_role_administration_is_the_issuers_alone(env, function, caller):
    chain, who, token = env
    sender = getattr(who, caller)
    with reverts("Unauthorized", role=token.role("ADMIN"), caller=sender.address):
        getattr(token, function)(token.role("OPERATOR"), who.stranger, sender=sender)


# --- issuance ------------------------------------------------------------------------------

def test_set_operator_grants_and_revokes(env):
    chain, who, token = env
    receipt = token.set_operator(who.other, True, sender=who.issuer)
    assert receipt.event("OperatorSet").args == {"operator": who.other.address, "enabled": True}
    assert token.has_role(token.role("OPERATOR"), who.other)
    token.issue(who.other, 7, sender=who.issuer)
    token.set_operator(who.other, False, sender=who.issuer)
    assert not token.has_role(token.role("OPERATOR"), who.other)
    with reverts("NotAnOperator", account=who.other.address):
        token.issue(who.other, 7, sender=who.issuer)
    with reverts("Unauthorized", role=token.role("OPERATOR")):
        token.redeem(7, sender=who.other)


def test_issue_adds_to_the_operator_and_both_totals(env):
    chain, who, token = env
    before = token.balance_of(who.operator), token.total_supply(), token.issued_total()
    receipt = token.issue(who.operator, 123_456, sender=who.issuer)
    assert receipt.event("Issued").args == {"operator": who.operator.address, "amount": 123_456}
    assert (token.balance_of(who.operator), token.total_supply(), token.issued_total()) == \
        (before[0] + 123_456, before[1] + 123_456, before[2] + 123_456)


def test_issue_reverts_on_zero_non_operator_and_overflow(env):
    chain, who, token = env
    with unchanged_on_revert(chain, token), reverts("ZeroAmount"):
        token.issue(who.operator, 0, sender=who.issuer)
    with unchanged_on_revert(chain, token), reverts("NotAnOperator", account=who.holder.address):
        token.issue(who.holder, 1, sender=who.issuer)
    headroom = UINT256_MAX - token.issued_total()
    token.issue(who.operator, headroom, sender=who.issuer)  # exactly up to the limit
    with unchanged_on_revert(chain, token), reverts("Overflow"):
        token.issue(who.operator, 1, sender=who.issuer)


def test_redeem_burns_from_the_operator(env):
    chain, who, token = env
    supply, balance = token.total_supply(), token.balance_of(who.operator)
    receipt = token.redeem(balance, sender=who.operator)  # everything, the boundary
    assert receipt.event("Redeemed").args == {"operator": who.operator.address, "amount": balance}
    assert token.balance_of(who.operator) == 0
    assert token.total_supply() == supply - balance
    assert token.redeemed_total() == balance
    assert token.issued_total() - token.redeemed_total() == token.total_supply()


def test_redeem_reverts_on_zero_and_beyond_the_balance(env):
    chain, who, token = env
    balance = token.balance_of(who.operator)
    with unchanged_on_revert(chain, token), reverts("ZeroAmount"):
        token.redeem(0, sender=who.operator)
    with unchanged_on_revert(chain, token), reverts("InsufficientBalance", needed=balance + 1, available=balance):
        token.redeem(balance + 1, sender=who.operator)


def test_set_protected_marks_and_unmarks(env):
    chain, who, token = env
    receipt = token.set_protected(who.other, True, sender=who.issuer)
    assert receipt.event("ProtectionSet").args == {"account": who.other.address, "protected": True}
    assert token.protected(who.other)
    token.set_protected(who.other, False, sender=who.issuer)
    assert not token.protected(who.other)


def test_protecting_a_frozen_account_reverts(env):
    chain, who, token = env
    token.freeze(who.holder, RECEIVE_ONLY, CASE, sender=who.regulator)
    with unchanged_on_revert(chain, token), reverts("AccountFrozen", account=who.holder.address):
        token.set_protected(who.holder, True, sender=who.issuer)
    token.set_protected(who.holder, False, sender=who.issuer)  # removing protection is always allowed


# --- payments ------------------------------------------------------------------------------------

def test_transfer_moves_and_emits(env):
    chain, who, token = env
    receipt = token.transfer(who.other, 2_500, sender=who.holder)
    assert receipt.return_value is True
    assert receipt.event("Transfer").args == {"sender": who.holder.address, "receiver": who.other.address,
                                              "amount": 2_500}
    assert token.balance_of(who.holder) == 10_000 * YUAN - 2_500
    assert token.balance_of(who.other) == 2_500


def test_transfer_of_the_whole_balance_and_to_oneself(env):
    chain, who, token = env
    token.transfer(who.holder, 10_000 * YUAN, sender=who.holder)
    assert token.balance_of(who.holder) == 10_000 * YUAN
    token.transfer(who.other, 10_000 * YUAN, sender=who.holder)
    assert token.balance_of(who.holder) == 0


def test_transfer_reverts_on_zero_and_insufficient_balance(env):
    chain, who, token = env
    with unchanged_on_revert(chain, token), reverts("ZeroAmount"):
        token.transfer(who.other, 0, sender=who.holder)
    with unchanged_on_revert(chain, token), reverts("InsufficientBalance", needed=10_000 * YUAN + 1,
                                                    available=10_000 * YUAN):
        token.transfer(who.other, 10_000 * YUAN + 1, sender=who.holder)
    with unchanged_on_revert(chain, token), reverts("InsufficientBalance", needed=1, available=0):
        token.transfer(who.holder, 1, sender=who.stranger)


@pytest.mark.parametrize("mode", [RECEIVE_ONLY, FULL])
def test_a_frozen_sender_cannot_pay(env, mode):
    chain, who, token = env
    token.freeze(who.holder, mode, CASE, sender=who.regulator)
    with unchanged_on_revert(chain, token), reverts("SenderFrozen", account=who.holder.address, mode=mode):
        token.transfer(who.other, 1, sender=who.holder)
    token.approve(who.other, 5, sender=who.holder)
    with unchanged_on_revert(chain, token), reverts("SenderFrozen", account=who.holder.address, mode=mode):
        token.transfer_from(who.holder, who.other, 5, sender=who.other)
    assert token.allowance(who.holder, who.other) == 5  # the failed pull consumed nothing


def test_receive_only_may_receive_but_full_may_not(env):
    chain, who, token = env
    token.freeze(who.other, RECEIVE_ONLY, CASE, sender=who.regulator)
    token.transfer(who.other, 10, sender=who.holder)
    assert token.balance_of(who.other) == 10
    token.freeze(who.other, FULL, CASE, sender=who.regulator)  # a freeze can be tightened
    with unchanged_on_revert(chain, token), reverts("ReceiverFrozen", account=who.other.address):
        token.transfer(who.other, 10, sender=who.holder)


def test_approve_sets_and_overwrites_without_infinite_allowance(env):
    chain, who, token = env
    receipt = token.approve(who.other, UINT256_MAX, sender=who.holder)
    assert receipt.return_value is True
    assert receipt.event("Approval").args == {"owner": who.holder.address, "spender": who.other.address,
                                              "amount": UINT256_MAX}
    token.transfer_from(who.holder, who.stranger, 3, sender=who.other)
    assert token.allowance(who.holder, who.other) == UINT256_MAX - 3  # the maximum is not "infinite"
    token.approve(who.other, 0, sender=who.holder)
    assert token.allowance(who.holder, who.other) == 0


def test_transfer_from_spends_exactly_the_amount(env):
    chain, who, token = env
    token.approve(who.other, 1_000, sender=who.holder)
    receipt = token.transfer_from(who.holder, who.stranger, 400, sender=who.other)
    assert receipt.return_value is True
    assert receipt.event("Transfer").args == {"sender": who.holder.address, "receiver": who.stranger.address,
                                              "amount": 400}
    assert token.allowance(who.holder, who.other) == 600  # K5
    token.transfer_from(who.holder, who.stranger, 600, sender=who.other)  # the whole allowance
    assert token.allowance(who.holder, who.other) == 0
    assert token.balance_of(who.stranger) == 1_000


def test_transfer_from_reverts(env):
    chain, who, token = env
    token.approve(who.other, 1_000, sender=who.holder)
    with unchanged_on_revert(chain, token), reverts("InsufficientAllowance", needed=1_001, available=1_000):
        token.transfer_from(who.holder, who.stranger, 1_001, sender=who.other)
    with unchanged_on_revert(chain, token), reverts("InsufficientAllowance", needed=1, available=0):
        token.transfer_from(who.holder, who.stranger, 1, sender=who.stranger)  # someone else's allowance
    with unchanged_on_revert(chain, token), reverts("ZeroAmount"):
        token.transfer_from(who.holder, who.stranger, 0, sender=who.other)
    token.approve(who.stranger, 10**12, sender=who.other)
    with unchanged_on_revert(chain, token), reverts("InsufficientBalance", needed=10**12, available=0):
        token.transfer_from(who.other, who.holder, 10**12, sender=who.stranger)
    token.freeze(who.stranger, FULL, CASE, sender=who.regulator)
    with unchanged_on_revert(chain, token), reverts("ReceiverFrozen", account=who.stranger.address):
        token.transfer_from(who.holder, who.stranger, 1, sender=who.other)


# --- regulation ------------------------------------------------------------------------------------

def test_freeze_records_mode_and_case_and_unfreeze_clears_them(env):
    chain, who, token = env
    receipt = token.freeze(who.holder, FULL, CASE, sender=who.regulator)
    assert receipt.event("Frozen").args == {"account": who.holder.address, "mode": FULL, "case_hash": CASE}
    assert token.freeze_mode_of(who.holder) == FULL and token.freeze_case(who.holder) == CASE
    assert not token.can_send(who.holder) and not token.can_receive(who.holder)
    receipt = token.unfreeze(who.holder, CASE, sender=who.regulator)
    assert receipt.event("Unfrozen").args == {"account": who.holder.address, "case_hash": CASE}
    assert token.freeze_mode_of(who.holder) == NONE and token.freeze_case(who.holder) == b"\x00" * 32
    assert token.can_send(who.holder) and token.can_receive(who.holder)


def test_views_by_mode(env):
    chain, who, token = env
    token.freeze(who.other, RECEIVE_ONLY, CASE, sender=who.regulator)
    assert (token.can_send(who.other), token.can_receive(who.other)) == (False, True)
    assert (token.can_send(who.stranger), token.can_receive(who.stranger)) == (True, True)


def test_freeze_reverts_on_mode_none_and_on_protected_accounts(env):
    chain, who, token = env
    with unchanged_on_revert(chain, token), reverts("BadFreezeMode"):
        token.freeze(who.holder, NONE, CASE, sender=who.regulator)
    token.set_protected(who.other, True, sender=who.issuer)
    for mode in (RECEIVE_ONLY, FULL):
        with unchanged_on_revert(chain, token), reverts("AccountProtected", account=who.other.address):
            token.freeze(who.other, mode, CASE, sender=who.regulator)  # K4


def test_unfreeze_of_an_account_that_is_not_frozen_reverts(env):
    chain, who, token = env
    with unchanged_on_revert(chain, token), reverts("NotFrozen", account=who.holder.address):
        token.unfreeze(who.holder, CASE, sender=who.regulator)


def test_out_of_range_freeze_mode_is_refused_before_the_body_runs(env):
    chain, who, token = env
    data = token.freeze.selector + bytes.fromhex(who.holder.address[2:]) + bytes([3]) + CASE
    record = chain.transact(who.regulator, token.address, data)
    assert record["status"] == "revert"
    assert record["failure"]["error"]["name"] == "AbiDecodeError"
    assert token.freeze_mode_of(who.holder) == NONE


def test_the_revert_check_notices_a_change(env):
    """unchanged_on_revert must fail when the wrapped call did change something."""
    chain, who, token = env
    with pytest.raises(AssertionError, match="left events"):
        with unchanged_on_revert(chain, token):
            token.transfer(who.other, 1, sender=who.holder)
    chain.set_balance(who.other, 5)  # no event, no contract storage: only the state root sees it
    with pytest.raises(AssertionError, match="changed the state"):
        with unchanged_on_revert(chain):
            chain.set_balance(who.other, 6)
