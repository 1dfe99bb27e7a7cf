"""Unit tests of contracts/multisig.ht (DOMAIN.md C6): every function, every caller
check and every revert path, executing real calls on a settlement token whose
issuer (and role administrator) is the multisig."""

from __future__ import annotations

import hashlib

import pytest

from node.devchain import Chain
from node.pytest_plugin import reverts
from tests.contracts.chain_checks import unchanged_on_revert

MULTISIG = "contracts/multisig.ht"
TOKEN = "contracts/settlement_token.ht"
DAY = 86_400
MAX_TTL = 365 * DAY
ZERO = "0x" + "00" * 20
CASE = hashlib.sha3_256(b"case 9").digest()


def call_of(function, *args):
    """(target, method signature, encoded arguments) of a proxy function call."""
    return function.contract.address, function.signature, function.encode(*args)[4:]


class Actors:
    def __init__(self, chain: Chain):
        (self.deployer, self.a, self.b, self.c, self.d, self.bank, self.regulator,
         self.stranger) = chain.accounts[:8]


@pytest.fixture(scope="module")
def base():
    chain = Chain()
    who = Actors(chain)
    multisig = chain.deploy(MULTISIG, [who.a, who.b, who.c], 2, sender=who.deployer)
    token = chain.deploy(TOKEN, multisig, who.regulator, sender=who.deployer)
    return chain, who, multisig, token


@pytest.fixture
def env(base):
    chain, who, multisig, token = base
    with chain.isolate():
        yield chain, who, multisig, token


def propose(multisig, call, sender, ttl=DAY):
    target, method, args = call
    return multisig.propose(target, method, args, ttl, sender=sender).return_value


def passed(multisig, call, who, ttl=DAY):
    """A proposal approved by a and b (2 of 3), not yet executed."""
    id = propose(multisig, call, who.a, ttl)
    multisig.approve(id, sender=who.b)
    return id


def run(multisig, call, who):
    """Propose, approve and execute (2 of 3); returns the execution receipt."""
    return multisig.execute(passed(multisig, call, who), sender=who.stranger)


# --- constructor --------------------------------------------------------------------------

def test_constructor_sets_signers_and_threshold_and_no_admin(env):
    chain, who, multisig, token = env
    assert multisig.signer_list() == [who.a.address, who.b.address, who.c.address]
    assert multisig.threshold() == 2 and multisig.signer_count() == 3
    assert all(multisig.is_signer(s) for s in (who.a, who.b, who.c))
    assert not multisig.is_signer(who.deployer)
    assert multisig.next_id() == 1
    assert "grant_role" not in multisig.functions  # nobody can bypass the signers
    events = [e.name for e in multisig.deploy_receipt.events]
    assert events == ["SignerAdded"] * 3


@pytest.mark.parametrize("signers, threshold, error", [
    (["a", "b"], 0, "BadThreshold"),
    (["a", "b"], 3, "BadThreshold"),
    ([], 1, "BadThreshold"),
    (["a", "a"], 1, "BadSigner"),
    (["a", "zero"], 1, "BadSigner"),
])
def test_constructor_rejects_bad_signers_and_thresholds(env, signers, threshold, error):
    chain, who, _, _ = env
    addresses = [ZERO if s == "zero" else getattr(who, s) for s in signers]
    with reverts(error):
        chain.deploy(MULTISIG, addresses, threshold, sender=who.deployer)


def test_ten_signers_and_one_of_one_are_fine(env):
    chain, who, _, _ = env
    ten = chain.deploy(MULTISIG, chain.accounts[:10], 10, sender=who.deployer)
    assert ten.signer_count() == 10
    one = chain.deploy(MULTISIG, [who.a], 1, sender=who.deployer)
    assert one.threshold() == 1


# --- propose --------------------------------------------------------------------------------

def test_propose_records_the_call_and_counts_the_proposers_approval(env):
    chain, who, multisig, token = env
    target, method, args = call_of(token.set_operator, who.bank, True)
    receipt = multisig.propose(target, method, args, DAY, sender=who.a)
    id = receipt.return_value
    assert id == 1 and multisig.next_id() == 2
    now = chain.timestamp
    assert [e.name for e in receipt.events] == ["Proposed", "Approved"]
    assert receipt.event("Proposed").args == {
        "id": 1, "proposer": who.a.address, "target": token.address, "method": "set_operator(address,bool)",
        "args_hash": hashlib.sha3_256(args).digest(), "expires_at": now + DAY}
    p = multisig.proposal(1)
    assert (p.target, p.method, p.args, p.proposer, p.created_at, p.expires_at, p.executed, p.cancelled) == \
        (token.address, method, args, who.a.address, now, now + DAY, False, False)
    assert multisig.approvals(1) == 1 and multisig.has_approved(1, who.a) and not multisig.has_approved(1, who.b)


def test_propose_reverts(env):
    chain, who, multisig, token = env
    target, method, args = call_of(token.set_operator, who.bank, True)
    with unchanged_on_revert(chain, multisig), reverts("NotASigner", account=who.stranger.address):
        multisig.propose(target, method, args, DAY, sender=who.stranger)
    with unchanged_on_revert(chain, multisig), reverts("BadSigner", account=ZERO):
        multisig.propose(ZERO, method, args, DAY, sender=who.a)
    for ttl in (0, MAX_TTL + 1):
        with unchanged_on_revert(chain, multisig), reverts("BadTtl", ttl=ttl):
            multisig.propose(target, method, args, ttl, sender=who.a)
    multisig.propose(target, method, args, MAX_TTL, sender=who.a)  # the longest allowed


# --- approve and revoke ----------------------------------------------------------------------------

def test_approve_and_revoke_count_approvals(env):
    chain, who, multisig, token = env
    id = propose(multisig, call_of(token.set_operator, who.bank, True), who.a)
    receipt = multisig.approve(id, sender=who.c)
    assert receipt.event("Approved").args == {"id": id, "signer": who.c.address}
    assert multisig.approvals(id) == 2
    receipt = multisig.revoke(id, sender=who.a)  # the proposer may revoke its own approval
    assert receipt.event("Revoked").args == {"id": id, "signer": who.a.address}
    assert multisig.approvals(id) == 1 and not multisig.has_approved(id, who.a)
    multisig.approve(id, sender=who.a)  # and approve again
    assert multisig.approvals(id) == 2


def test_approve_reverts(env):
    chain, who, multisig, token = env
    id = propose(multisig, call_of(token.set_operator, who.bank, True), who.a)
    with unchanged_on_revert(chain, multisig), reverts("NotASigner", account=who.stranger.address):
        multisig.approve(id, sender=who.stranger)  # M5
    with unchanged_on_revert(chain, multisig), reverts("AlreadyApproved", id=id, signer=who.a.address):
        multisig.approve(id, sender=who.a)
    for missing in (0, id + 1):
        with unchanged_on_revert(chain, multisig), reverts("NoSuchProposal", id=missing):
            multisig.approve(missing, sender=who.b)


def test_revoke_reverts(env):
    chain, who, multisig, token = env
    id = propose(multisig, call_of(token.set_operator, who.bank, True), who.a)
    with unchanged_on_revert(chain, multisig), reverts("NotApproved", id=id, signer=who.b.address):
        multisig.revoke(id, sender=who.b)
    with unchanged_on_revert(chain, multisig), reverts("NotASigner", account=who.stranger.address):
        multisig.revoke(id, sender=who.stranger)
    with unchanged_on_revert(chain, multisig), reverts("NoSuchProposal", id=9):
        multisig.revoke(9, sender=who.a)


# --- execute -----------------------------------------------------------------------------------------

def test_execute_runs_the_call_as_the_multisig(env):
    chain, who, multisig, token = env
    id = passed(multisig, call_of(token.set_operator, who.bank, True), who)
    receipt = multisig.execute(id, sender=who.stranger)  # anyone may execute
    assert [e.name for e in receipt.events] == ["Executed", "RoleGranted", "OperatorSet"]
    assert receipt.event("Executed").args == {"id": id, "executor": who.stranger.address}
    assert receipt.event("RoleGranted").args["sender"] == multisig.address  # msg.sender is the multisig
    assert token.has_role(token.role("OPERATOR"), who.bank)
    assert multisig.proposal(id).executed
    run(multisig, call_of(token.issue, who.bank, 5_000_000), who)
    assert token.balance_of(who.bank) == 5_000_000 and token.total_supply() == 5_000_000


def test_execute_needs_the_threshold(env):
    chain, who, multisig, token = env
    id = propose(multisig, call_of(token.set_operator, who.bank, True), who.a)
    with unchanged_on_revert(chain, multisig, token), reverts("NotEnoughApprovals", id=id, approvals=1,
                                                              threshold=2):
        multisig.execute(id, sender=who.a)
    multisig.approve(id, sender=who.b)
    multisig.revoke(id, sender=who.b)
    with reverts("NotEnoughApprovals", approvals=1):
        multisig.execute(id, sender=who.a)


def test_execute_happens_once(env):
    chain, who, multisig, token = env
    id = passed(multisig, call_of(token.set_operator, who.bank, True), who)
    multisig.execute(id, sender=who.a)
    with unchanged_on_revert(chain, multisig, token), reverts("ProposalClosed", id=id, executed=True,
                                                              cancelled=False):
        multisig.execute(id, sender=who.a)  # M3
    with reverts("ProposalClosed"):
        multisig.approve(id, sender=who.c)
    with reverts("ProposalClosed"):
        multisig.revoke(id, sender=who.a)
    with reverts("ProposalClosed"):
        multisig.cancel(id, sender=who.a)


def test_a_failing_call_reverts_the_execution_and_leaves_the_proposal_open(env):
    chain, who, multisig, token = env
    id = passed(multisig, call_of(token.issue, who.bank, 100), who)  # the bank is not an operator yet
    with unchanged_on_revert(chain, multisig, token), reverts("NotAnOperator", account=who.bank.address):
        multisig.execute(id, sender=who.a)
    assert not multisig.proposal(id).executed
    run(multisig, call_of(token.set_operator, who.bank, True), who)
    multisig.execute(id, sender=who.a)  # now it goes through
    assert token.balance_of(who.bank) == 100


def test_a_call_to_a_missing_method_reverts(env):
    chain, who, multisig, token = env
    id = passed(multisig, (token.address, "mint(address,u256)", b""), who)
    with unchanged_on_revert(chain, multisig, token), reverts("UnknownFunction"):
        multisig.execute(id, sender=who.a)


def test_expiry_is_exact(env):
    chain, who, multisig, token = env
    id = passed(multisig, call_of(token.set_operator, who.bank, True), who, ttl=DAY)
    expires_at = multisig.proposal(id).expires_at
    with chain.isolate():
        chain.set_time(expires_at - 1)
        multisig.execute(id, sender=who.a)  # the last second
    chain.set_time(expires_at)
    with unchanged_on_revert(chain, multisig, token), reverts("ProposalExpired", id=id, expires_at=expires_at):
        multisig.execute(id, sender=who.a)
    with reverts("ProposalExpired"):
        multisig.approve(id, sender=who.c)
    with reverts("ProposalExpired"):
        multisig.cancel(id, sender=who.a)


def test_the_multisig_cannot_be_reentered_through_a_proposal(env):
    chain, who, multisig, token = env
    inner = passed(multisig, call_of(token.set_operator, who.bank, True), who)
    outer = passed(multisig, call_of(multisig.execute, inner), who)
    with unchanged_on_revert(chain, multisig, token), reverts("Reentrancy"):
        multisig.execute(outer, sender=who.a)
    assert not multisig.proposal(inner).executed


# --- cancel -------------------------------------------------------------------------------------------

def test_cancel_is_the_proposers(env):
    chain, who, multisig, token = env
    id = passed(multisig, call_of(token.set_operator, who.bank, True), who)
    for other in (who.b, who.c, who.stranger):
        with unchanged_on_revert(chain, multisig), reverts("NotProposer", id=id, caller=other.address):
            multisig.cancel(id, sender=other)
    receipt = multisig.cancel(id, sender=who.a)
    assert receipt.event("Cancelled").args == {"id": id}
    assert multisig.proposal(id).cancelled
    with unchanged_on_revert(chain, multisig, token), reverts("ProposalClosed", executed=False, cancelled=True):
        multisig.execute(id, sender=who.a)
    with reverts("NoSuchProposal", id=77):
        multisig.cancel(77, sender=who.a)


# --- signer management -------------------------------------------------------------------------------

@pytest.mark.parametrize("caller", ["a", "b", "deployer", "stranger"])
@pytest.mark.parametrize("function, args", [("add_signer", ("d",)), ("remove_signer", ("c",)),
                                            ("set_threshold", (1,))])
def test_signer_management_only_through_the_multisig_itself(env, caller, function, args):
    chain, who, multisig, token = env
    sender = getattr(who, caller)
    values = [getattr(who, a) if isinstance(a, str) else a for a in args]
    with unchanged_on_revert(chain, multisig), reverts("OnlySelf", caller=sender.address):
        getattr(multisig, function)(*values, sender=sender)  # M4


def test_add_remove_and_threshold_through_proposals(env):
    chain, who, multisig, token = env
    receipt = run(multisig, call_of(multisig.add_signer, who.d), who)
    assert receipt.event("SignerAdded").args == {"signer": who.d.address}
    assert multisig.signer_list() == [who.a.address, who.b.address, who.c.address, who.d.address]
    receipt = run(multisig, call_of(multisig.set_threshold, 3), who)
    assert receipt.event("ThresholdChanged").args == {"old_threshold": 2, "new_threshold": 3}
    id = propose(multisig, call_of(multisig.remove_signer, who.b), who.a)
    multisig.approve(id, sender=who.c)
    multisig.approve(id, sender=who.d)
    receipt = multisig.execute(id, sender=who.a)
    assert receipt.event("SignerRemoved").args == {"signer": who.b.address}
    assert multisig.signer_list() == [who.a.address, who.c.address, who.d.address]
    assert not multisig.is_signer(who.b)


@pytest.mark.parametrize("call, error", [
    (lambda m, w: call_of(m.add_signer, w.b), "BadSigner"),            # already a signer
    (lambda m, w: call_of(m.add_signer, ZERO), "BadSigner"),
    (lambda m, w: call_of(m.add_signer, m), "BadSigner"),              # itself
    (lambda m, w: call_of(m.remove_signer, w.stranger), "NotASigner"),
    (lambda m, w: call_of(m.set_threshold, 0), "BadThreshold"),
    (lambda m, w: call_of(m.set_threshold, 4), "BadThreshold"),
])
def test_signer_management_keeps_its_rules(env, call, error):
    chain, who, multisig, token = env
    id = passed(multisig, call(multisig, who), who)
    with unchanged_on_revert(chain, multisig), reverts(error):
        multisig.execute(id, sender=who.a)


def test_removal_cannot_leave_fewer_signers_than_the_threshold(env):
    chain, who, multisig, token = env
    run(multisig, call_of(multisig.remove_signer, who.c), who)  # 2 of 2 now
    id = passed(multisig, call_of(multisig.remove_signer, who.b), who)
    with unchanged_on_revert(chain, multisig), reverts("BadThreshold", threshold=2, signers=1):
        multisig.execute(id, sender=who.a)


def test_at_most_ten_signers(env):
    chain, who, multisig, token = env
    for _ in range(7):
        run(multisig, call_of(multisig.add_signer, chain.new_account()), who)
    assert multisig.signer_count() == 10
    extra = chain.new_account()
    id = passed(multisig, call_of(multisig.add_signer, extra), who)
    with unchanged_on_revert(chain, multisig), reverts("TooManySigners"):
        multisig.execute(id, sender=who.a)


def test_a_removed_signers_approvals_no_longer_count_even_after_it_returns(env):
    chain, who, multisig, token = env
    target = propose(multisig, call_of(token.set_operator, who.bank, True), who.c)  # c approves
    run(multisig, call_of(multisig.remove_signer, who.c), who)
    assert multisig.approvals(target) == 0 and not multisig.has_approved(target, who.c)
    with reverts("NotASigner", account=who.c.address):
        multisig.approve(target, sender=who.c)
    run(multisig, call_of(multisig.add_signer, who.c), who)
    assert multisig.approvals(target) == 0  # M5: the old approval is not revived
    multisig.approve(target, sender=who.a)
    with reverts("NotEnoughApprovals", approvals=1):
        multisig.execute(target, sender=who.a)
    multisig.approve(target, sender=who.c)  # a fresh approval counts
    multisig.execute(target, sender=who.a)


def test_a_threshold_raised_after_approval_applies_at_execution(env):
    chain, who, multisig, token = env
    id = passed(multisig, call_of(token.set_operator, who.bank, True), who)
    raise_it = propose(multisig, call_of(multisig.set_threshold, 3), who.b)
    multisig.approve(raise_it, sender=who.c)
    multisig.execute(raise_it, sender=who.c)
    with reverts("NotEnoughApprovals", approvals=2, threshold=3):
        multisig.execute(id, sender=who.a)
    multisig.approve(id, sender=who.c)
    multisig.execute(id, sender=who.a)


# --- holding roles in other contracts ----------------------------------------------------------------------

def test_the_multisig_holds_the_tokens_roles_and_uses_them(env):
    chain, who, multisig, token = env
    assert token.has_role(token.role("ADMIN"), multisig) and token.has_role(token.role("ISSUER"), multisig)
    run(multisig, call_of(token.grant_role, token.role("REGULATOR"), multisig), who)
    run(multisig, call_of(token.set_operator, who.bank, True), who)
    run(multisig, call_of(token.issue, who.bank, 1_000), who)
    receipt = run(multisig, call_of(token.freeze, who.bank, 2, CASE), who)
    assert receipt.event("Frozen").args["account"] == who.bank.address
    with reverts("SenderFrozen"):
        token.transfer(who.stranger, 1, sender=who.bank)
    # a single signer alone cannot use any of these roles
    with reverts("Unauthorized"):
        token.unfreeze(who.bank, CASE, sender=who.a)
