"""Contracts working together: the escrow example pays from a token through an
interface, with roles, a state machine, retention and re-entrancy protection."""

import pathlib

from compiler.layout import encode_key, field_suffix, variable_id
from compiler.types import ADDRESS
from vm.runtime import ERROR_DATA
from vm.state import storage_key

from .chain import ACTORS, Chain

GOLDEN = pathlib.Path(__file__).parent / "golden"
alice, bob, carol = ACTORS["alice"], ACTORS["bob"], ACTORS["carol"]


def deploy_pair():
    chain = Chain()
    token = chain.deploy((GOLDEN / "token.ht").read_text(), 10_000, sender=alice)
    escrow = chain.deploy((GOLDEN / "escrow.ht").read_text(), token.address, bob, [1000, 2000], sender=alice)
    return chain, token, escrow


def test_escrow_pays_certified_milestone_minus_retention():
    chain, token, escrow = deploy_pair()
    assert token.call("transfer", escrow.address, 5000).value == 1
    supervisor_role = escrow.artifacts.abi["roles"]["SUPERVISOR"]
    assert escrow.call("grant_role", bytes.fromhex(supervisor_role), carol).success
    assert escrow.call("claim", 0, sender=bob).success
    assert escrow.call("certify", 0, 900, b"\x11" * 32, sender=carol).success
    paid = escrow.call("pay", 0, sender=alice)
    assert paid.success, paid
    assert token.call("balance_of", bob).value == 900 - 27
    assert escrow.call("retention_held").value == 27
    assert escrow.call("stages").value == [3, 0]
    milestone = escrow.call("milestones", 0).value
    assert milestone == [1000, 900, 27, b"\x11" * 32, 3]
    # The Transfer event of the token and MilestonePaid of the escrow, in order.
    assert [log.address for log in paid.logs] == [token.address, escrow.address]


def test_escrow_rejects_wrong_stage_and_wrong_role():
    chain, token, escrow = deploy_pair()
    result = escrow.call("certify", 0, 1, b"\x00" * 32, sender=bob)
    assert not result.success and result.output[:4] == bytes.fromhex(
        next(e for e in escrow.artifacts.abi["errors"] if e["name"] == "Unauthorized")["selector"])
    assert escrow.call("grant_role", bytes.fromhex(escrow.artifacts.abi["roles"]["SUPERVISOR"]), carol).success
    wrong = escrow.call("certify", 0, 1, b"\x00" * 32, sender=carol)
    selector = bytes.fromhex(next(e for e in escrow.artifacts.abi["errors"] if e["name"] == "WrongStage")["selector"])
    assert wrong.output == selector + bytes([0, 0, 0])
    assert escrow.where(wrong) is not None


def test_unfunded_payment_reverts_and_changes_nothing():
    chain, token, escrow = deploy_pair()
    escrow.call("grant_role", bytes.fromhex(escrow.artifacts.abi["roles"]["SUPERVISOR"]), carol)
    escrow.call("claim", 0, sender=bob)
    escrow.call("certify", 0, 900, b"\x11" * 32, sender=carol)
    before = dict(chain.state.data)
    result = escrow.call("pay", 0)
    assert not result.success
    assert chain.state.data == before


def test_layout_keys_match_storage_written():
    chain, token, escrow = deploy_pair()
    key = variable_id("balance_of") + encode_key(ADDRESS, alice)
    assert chain.state.get(storage_key(token.address, key)) == (10_000).to_bytes(2, "big")
    # escrow.milestones[1].planned, a struct field under a map entry
    path = variable_id("milestones") + (1).to_bytes(2, "big") + field_suffix("planned")
    assert chain.state.get(storage_key(escrow.address, path)) == (2000).to_bytes(2, "big")
    layout = escrow.artifacts.layout["variables"]["milestones"]
    assert layout["id"] == variable_id("milestones").hex()
    assert layout["layout"]["value"]["fields"][0]["suffix"] == field_suffix("planned").hex()


def test_reentrant_callback_into_sibling_function_reverts():
    attacker_source = '''#@ version 0.1
interface Victim:
    def transfer(to: address, amount: uint256) -> bool: nonpayable

victim: Victim

@external
def set_victim(v: Victim):
    self.victim = v

@external
@reentrant
def poke() -> bool:
    return extcall self.victim.transfer(msg.sender, 1)
'''
    victim_source = '''#@ version 0.1
interface Attacker:
    def poke() -> bool: nonpayable

balance: HashMap[address, uint256]

@deploy
def __init__():
    self.balance[msg.sender] = 100

@external
def transfer(to: address, amount: uint256) -> bool:
    self.balance[msg.sender] -= amount
    self.balance[to] += amount
    return True

@external
def withdraw(a: Attacker) -> bool:
    return extcall a.poke()
'''
    chain = Chain()
    victim = chain.deploy(victim_source)
    attacker = chain.deploy(attacker_source)
    assert attacker.call("set_victim", victim.address).success
    result = victim.call("withdraw", attacker.address)
    assert not result.success
    assert result.output == ERROR_DATA["Reentrancy"]
    assert victim.where(result) is not None


def test_multisig_holds_admin_and_executes_dynamic_calls():
    from vm import encode

    chain, token, escrow = deploy_pair()
    dave = ACTORS["dave"]
    multisig = chain.deploy((GOLDEN / "multisig.ht").read_text(), [alice, bob, dave], 2, sender=alice)
    admin = bytes.fromhex(escrow.artifacts.abi["roles"]["ADMIN"])
    supervisor = bytes.fromhex(escrow.artifacts.abi["roles"]["SUPERVISOR"])
    assert escrow.call("grant_role", admin, multisig.address).success
    assert escrow.call("renounce_role", admin).success
    assert not escrow.call("grant_role", supervisor, carol).success  # alice is no longer ADMIN

    args = encode("(bytes32,address)", [supervisor, carol])
    proposed = multisig.call("propose", escrow.address, b"grant_role(bytes32,address)", args, 3600, sender=bob)
    assert proposed.success and proposed.value == 0
    not_yet = multisig.call("execute", 0, sender=carol)
    assert not not_yet.success  # one approval of two
    assert not multisig.call("approve", 0, sender=carol).success  # not a signer
    assert multisig.call("approve", 0, sender=dave).success
    executed = multisig.call("execute", 0, sender=carol)
    assert executed.success, executed
    assert escrow.call("has_role", supervisor, carol).value == 1
    granted = [log for log in executed.logs if log.address == escrow.address]
    assert granted and granted[0].topics[3][-20:] == multisig.address  # the multisig is the sender
    assert not multisig.call("execute", 0, sender=carol).success  # at most once

    # Changing the signer set goes through a proposal that calls the multisig itself.
    proposal = multisig.call("propose", multisig.address, b"add_signer(address)", encode("(address)", [carol]), 3600, sender=alice)
    assert multisig.call("approve", proposal.value, sender=bob).success
    assert multisig.call("execute", proposal.value).success
    assert multisig.call("is_signer", carol).value == 1
    assert multisig.call("signers", 3).value == carol
    assert not multisig.call("add_signer", ACTORS["eve"], sender=alice).success  # only the contract itself

    # A failing inner call reverts the whole execution; `executed` stays false.
    bad = multisig.call("propose", escrow.address, b"pay(u16)", encode("(u16)", [0]), 3600, sender=alice)
    assert multisig.call("approve", bad.value, sender=bob).success
    failed = multisig.call("execute", bad.value)
    assert not failed.success
    assert multisig.call("execute", bad.value).output == failed.output


def test_expired_proposal_cannot_execute():
    from vm import encode

    chain = Chain()
    multisig = chain.deploy((GOLDEN / "multisig.ht").read_text(), [alice, bob], 1, sender=alice)
    proposal = multisig.call("propose", multisig.address, b"add_signer(address)", encode("(address)", [carol]), 10)
    chain.timestamp += 10
    result = multisig.call("execute", proposal.value)
    error = next(e for e in multisig.artifacts.abi["errors"] if e["name"] == "NotExecutable")
    assert result.output == bytes.fromhex(error["selector"]) + encode("(u64)", [proposal.value])
