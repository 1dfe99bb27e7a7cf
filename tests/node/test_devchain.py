"""The in-process chain (node/devchain.py): the node's execution without a
server, contract proxies, snapshots, the clock and state roots."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from node.chain import ChainCore
from node.devchain import Chain
from node.devkeys import dev_genesis, dev_producer
from node.sdk.errors import ArgumentError, ContractReverted, OutOfGas, TransactionRejected
from node.sdk.storage import state_key, storage_path
from node.state import MemoryStore, verify_proof
from vm import create_address

HERE = Path(__file__).parent
TOKEN = HERE.parent / "compiler" / "golden" / "token.ht"
ESCROW = HERE.parent / "compiler" / "golden" / "escrow.ht"
LEDGER = HERE / "contracts" / "ledger.ht"
DEADLINE = 1_767_225_600 + 1000

LINES = [{"payee": "0x" + "22" * 20, "amount": 10, "memo": "steel"},
         ("0x" + "33" * 20, 20, "concrete")]


@pytest.fixture(scope="module")
def base():
    chain = Chain()
    alice, bob = chain.accounts[:2]
    token = chain.deploy(TOKEN, 1_000_000, sender=alice)
    ledger = chain.deploy(LEDGER, DEADLINE, sender=alice)
    return chain, token, ledger


@pytest.fixture
def setup(base):
    chain, token, ledger = base
    with chain.isolate():
        yield chain, token, ledger


def test_deploy_gives_the_vm_address_and_the_constructor_event(setup):
    chain, token, _ = setup
    alice = chain.accounts[0]
    assert token.address == "0x" + create_address(alice.address_bytes, 0).hex()
    receipt = token.deploy_receipt
    assert receipt.created == token.address and receipt.contract is token
    assert [e.name for e in receipt.events] == ["Transfer"]
    assert receipt.events[0].args == {"sender": "0x" + "00" * 20, "receiver": alice.address, "amount": 1_000_000}
    # deterministic: a second chain deploys the same code to the same address
    again = Chain().deploy(TOKEN, 1_000_000, sender=Chain().accounts[0])
    assert again.address == token.address


def test_send_returns_receipt_with_events_return_value_and_gas(setup):
    chain, token, _ = setup
    alice, bob = chain.accounts[:2]
    height = chain.height
    receipt = token.transfer(bob, 250, sender=alice)
    assert receipt.success and receipt.return_value is True
    assert receipt.block == height + 1 == chain.height
    assert receipt.gas_used > 10_000  # the intrinsic cost and the execution
    assert receipt.event("Transfer").args == {"sender": alice.address, "receiver": bob.address, "amount": 250}
    assert receipt.event("Transfer").amount == 250
    assert token.balance_of(bob) == 250 and token.balance_of(alice) == 1_000_000 - 250
    assert chain.receipt(receipt.tx_hash)["status"] == "success"


def test_the_chain_matches_the_node_transaction_for_transaction(setup):
    """Replay the chain's own signed transactions into the node's ChainCore:
    the same receipts and the same state root."""
    chain, token, ledger = setup
    alice, bob, carol = chain.accounts[:3]
    start = len(chain.blocks)
    token.transfer(bob, 5, sender=alice)
    with pytest.raises(ContractReverted):
        token.transfer(carol, 10**9, sender=bob)
    ledger.file(1, LINES, sender=alice)
    fresh = Chain()
    replay = [fresh.deploy(TOKEN, 1_000_000, sender=fresh.accounts[0]),
              fresh.deploy(LEDGER, DEADLINE, sender=fresh.accounts[0])]
    assert [c.address for c in replay] == [token.address, ledger.address]
    hashes = [h for block in fresh.blocks[1:] + chain.blocks[start:] for h in block["transactions"]]
    raws = {**fresh.transactions, **chain.transactions}
    core = ChainCore(MemoryStore(tables=("blocks", "hashes", "txs", "receipts", "logs", "logaddr", "contracts",
                                          "meta")), dev_genesis(), dev_producer())
    node_records = []
    for tx_hash in hashes:
        core.admit(raws[tx_hash])
        timestamp = (fresh.blocks + chain.blocks)[0]["timestamp"] + len(node_records) + 1
        _, records = core.commit(core.build_block(timestamp))
        node_records.extend(records)
    mine = [fresh.receipts.get(h) or chain.receipts[h] for h in hashes]
    assert len(node_records) == 5 and [r["status"] for r in mine] == ["success"] * 3 + ["revert", "success"]
    strip = lambda r: {k: v for k, v in r.items() if k != "block_hash"}  # noqa: E731  (dev blocks hash differently)
    assert [strip(r) for r in node_records] == [strip(r) for r in mine]
    assert core.store.root() == chain.state_root()


def test_views_and_dry_runs_change_nothing(setup):
    chain, token, _ = setup
    alice, bob = chain.accounts[:2]
    before, height = chain.state_root(), chain.height
    assert token.transfer.call(bob, 7, sender=alice) is True
    assert token.balance_of(alice) == 1_000_000
    assert chain.state_root() == before and chain.height == height
    assert token.transfer.estimate_gas(bob, 7, sender=alice) == token.transfer(bob, 7, sender=alice).gas_used


def test_revert_raises_with_error_arguments_and_source_line(setup):
    chain, token, _ = setup
    alice, bob = chain.accounts[:2]
    before = chain.state_root(ignore_nonces=True)
    nonce = bob.nonce
    with pytest.raises(ContractReverted) as caught:
        token.transfer(alice, 5, sender=bob)
    error = caught.value
    assert error.error == "InsufficientBalance"
    assert error.args == {"needed": 5, "available": 0}
    assert error.location["file"] == "token.ht" and error.location["line"] == 28
    assert error.location["function"] == "transfer"
    text = str(error)
    assert "InsufficientBalance(needed=5, available=0)" in text and "at token.ht:28:9 in transfer" in text
    assert "raise InsufficientBalance(needed=amount, available=available)" in text
    # mined, as on the node: the nonce moved, nothing else did
    assert error.receipt.status == "revert" and bob.nonce == nonce + 1
    assert chain.state_root(ignore_nonces=True) == before
    assert chain.state_root() != before


def test_call_reverts_raise_too_and_keep_nothing(setup):
    chain, token, _ = setup
    bob = chain.accounts[1]
    with pytest.raises(ContractReverted) as caught:
        token.transfer.call(bob, 1, sender=bob)
    assert caught.value.error == "InsufficientBalance" and caught.value.receipt is None
    assert bob.nonce == 0


def test_assert_messages_roles_and_out_of_gas(setup):
    chain, _, ledger = setup
    alice, bob = chain.accounts[:2]
    with pytest.raises(ContractReverted) as caught:
        ledger.file(1, [], sender=alice)
    assert caught.value.error == "Error" and caught.value.message == "empty batch"
    assert "reverted: 'empty batch'" in str(caught.value)
    with pytest.raises(ContractReverted) as caught:
        ledger.file(1, LINES, sender=bob)
    assert caught.value.error == "Unauthorized"
    assert caught.value.args == {"role": ledger.role("CLERK"), "caller": bob.address}
    assert "role=CLERK" in str(caught.value) and "@only(CLERK)" in str(caught.value)
    with pytest.raises(OutOfGas) as caught:
        ledger.spin(50_000, sender=alice, gas=60_000)
    assert caught.value.error == "OutOfGas" and caught.value.receipt.gas_used == 60_000


def test_constructor_revert_has_its_source_line(setup):
    chain, token, _ = setup
    source = "#@ version 0.1\n\n@deploy\ndef __init__(x: uint8):\n    assert x > 3, \"too small\"\n"
    with pytest.raises(ContractReverted) as caught:
        chain.deploy(source, 1, name="picky")
    assert caught.value.message == "too small" and caught.value.location["line"] == 5
    assert chain.deploy(source, 4, name="picky").name == "picky"


def test_struct_arrays_enums_tuples_and_keyword_arguments(setup):
    chain, _, ledger = setup
    alice = chain.accounts[0]
    receipt = ledger.file(batch=7, lines=LINES, sender=alice)
    assert receipt.return_value == 30
    assert receipt.event("Filed").args == {"batch": 7, "clerk": alice.address, "total": 30, "count": 2}
    line = ledger.line(7, 1)
    assert line == ("0x" + "33" * 20, 20, "concrete") and line.memo == "concrete"
    assert type(line).__name__ == "Line" and line._asdict()["amount"] == 20
    status, count = ledger.summary(7)
    assert status == ledger.Status.OPEN and status.name == "OPEN" and count == 2
    assert ledger.status(7) is ledger.Status.OPEN and ledger.status(8) == 0


def test_indexed_topics_of_every_kind_decode(setup):
    chain, _, ledger = setup
    import hashlib
    receipt = ledger.tag(-3, "0x" + "ab" * 32, "memo", True, b"\x01\x02", sender=chain.accounts[2])
    event = receipt.event("Tagged")
    assert event.level == -3 and event.tag == bytes.fromhex("ab" * 32)
    assert event.memo == hashlib.sha3_256((4).to_bytes(4, "big") + b"memo").digest()  # hashed, as indexed strings are
    assert event.paid is True and event.note == b"\x01\x02"
    assert ledger.notes(chain.accounts[2]) == b"\x01\x02"
    assert ledger.shift(-5, 10) == -15


def test_argument_errors_name_the_parameter_type_and_an_example(setup):
    _, token, ledger = setup
    with pytest.raises(ArgumentError, match=r"token.transfer argument amount: expected uint256 \(u256\), "
                                            r"got -1: out of range .*; example: 1000"):
        token.transfer("0x" + "11" * 20, -1)
    with pytest.raises(ArgumentError, match=r"argument to: expected address, got '0x12'.*example: \"0x1111"):
        token.transfer("0x12", 1)
    with pytest.raises(ArgumentError, match=r"lines\[0\].memo: expected String\[32\] \(string<=32\).*more than the bound"):
        ledger.file(1, [{"payee": "0x" + "22" * 20, "amount": 1, "memo": "x" * 33}])
    with pytest.raises(ArgumentError, match=r"lines\[0\]: expected Line .*missing field\(s\) memo.*example: "
                                            r"\{\"payee\": \"0x1111"):
        ledger.file(1, [{"payee": "0x" + "22" * 20, "amount": 1}])
    with pytest.raises(ArgumentError, match="is missing argument"):
        token.transfer("0x" + "11" * 20)
    with pytest.raises(ArgumentError, match="has no parameter"):
        token.transfer("0x" + "11" * 20, 1, amout=2)
    with pytest.raises(AttributeError, match="has no function or enum 'transfr'; functions: .*transfer"):
        token.transfr


def test_snapshot_and_revert_undo_state_blocks_logs_contracts_and_time(setup):
    chain, token, _ = setup
    alice, bob = chain.accounts[:2]
    root, height, clock, logs = chain.state_root(), chain.height, chain.next_timestamp, len(chain.get_logs())
    snapshot = chain.snapshot()
    token.transfer(bob, 1, sender=alice)
    inner = chain.snapshot()
    extra = chain.deploy(TOKEN, 5, sender=bob)
    chain.time_travel(3600)
    chain.revert(inner)
    assert chain.height == height + 1 and extra.address.encode() and chain.at(token.address)
    with pytest.raises(KeyError):
        chain.at(extra.address)
    chain.revert(snapshot)
    assert (chain.state_root(), chain.height, chain.next_timestamp, len(chain.get_logs())) == \
        (root, height, clock, logs)
    with pytest.raises(ValueError, match="unknown or discarded snapshot"):
        chain.revert(inner)
    token.transfer(bob, 2, sender=alice)
    chain.revert(snapshot)  # a snapshot can be reverted to again
    assert chain.state_root() == root


def test_time_travel_and_set_time_move_block_timestamps(setup):
    chain, _, ledger = setup
    alice = chain.accounts[0]
    first = ledger.file(1, LINES, sender=alice)
    assert chain.block(first.block)["timestamp"] <= DEADLINE
    chain.time_travel(DEADLINE)
    with pytest.raises(ContractReverted) as caught:
        ledger.file(2, LINES, sender=alice)
    assert caught.value.error == "TooLate" and caught.value.args["now"] > DEADLINE
    assert caught.value.args["deadline"] == DEADLINE
    block = chain.mine(3)
    assert block["height"] == chain.height and chain.timestamp == block["timestamp"]
    with pytest.raises(ValueError):
        chain.set_time(chain.timestamp)
    chain.set_time(chain.timestamp + 100)
    assert chain.mine()["timestamp"] == chain.blocks[-2]["timestamp"] + 100


def test_value_transfers_impersonation_and_rejections(setup):
    chain, _, ledger = setup
    alice = chain.accounts[0]
    balance = alice.balance
    ledger.pay(sender=alice, value=123)
    assert ledger.received() == 123 and alice.balance == balance - 123 and chain.balance(ledger) == 123
    stranger = "0x" + "77" * 20
    chain.set_balance(stranger, 50)
    ledger.pay(sender=stranger, value=50)  # no key: impersonated
    assert chain.balance(stranger) == 0 and chain.nonce(stranger) == 1
    with pytest.raises(TransactionRejected) as caught:
        ledger.pay(sender=stranger, value=1)
    assert caught.value.name == "insufficient_funds" and chain.nonce(stranger) == 1
    with pytest.raises(TransactionRejected, match="block gas limit"):
        ledger.pay(sender=alice, gas=10**9)
    fresh = chain.new_account(balance=7)
    assert fresh.balance == 7 and fresh not in chain.accounts


def test_storage_reads_through_the_layout_and_proofs(setup):
    chain, token, ledger = setup
    alice, bob = chain.accounts[:2]
    token.transfer(bob, 42, sender=alice)
    ledger.file(3, LINES, sender=alice)
    assert token.storage("balance_of", bob) == 42 and token.storage("total_supply") == 1_000_000
    assert ledger.storage("status", 3) is ledger.Status.OPEN
    assert ledger.storage("lines", 3) == 2  # a DynArray's length
    assert ledger.storage("lines", 3, 1, "memo") == "concrete"
    assert ledger.storage("lines", 3, 0, "payee") == "0x" + "22" * 20
    with pytest.raises(ArgumentError, match="no storage variable 'balances'"):
        token.storage("balances", bob)
    path, _ = storage_path(token.layout, "balance_of", bob)
    assert chain.storage(token, path) == (42).to_bytes(1, "big")
    assert path in chain.storage_dump(token)
    root, proof = chain.proof(state_key(token.address, path))
    assert root == chain.state_root()
    assert verify_proof(root, state_key(token.address, path), b"\x2a", proof)
    assert not verify_proof(root, state_key(token.address, path), b"\x2b", proof)


def test_events_by_name_and_logs_by_topic(setup):
    chain, token, _ = setup
    alice, bob, carol = chain.accounts[:3]
    start = chain.height + 1
    token.transfer(bob, 1, sender=alice)
    token.transfer(carol, 2, sender=alice)
    events = token.get_events("Transfer", from_block=start)
    assert [(e.receiver, e.amount) for e in events] == [(bob.address, 1), (carol.address, 2)]
    topic_bob = "0x" + bytes(12).hex() + bob.address[2:]
    assert len(chain.get_logs(token, [None, None, topic_bob], from_block=start)) == 1


def test_transactions_and_reverts_are_cheap(setup):
    """Contract suites run thousands of hypothesis steps on the chain. (Bounds
    are loose, 10-50x the usual figures, so a loaded machine does not fail them.)"""
    chain, token, _ = setup
    alice, bob = chain.accounts[:2]
    snapshot = chain.snapshot()
    started = time.perf_counter()
    for _ in range(300):
        token.transfer(bob, 1, sender=alice)
    per_send = (time.perf_counter() - started) / 300
    assert token.balance_of(bob) == 300
    started = time.perf_counter()
    chain.revert(snapshot)
    undo = time.perf_counter() - started
    assert token.balance_of(bob) == 0
    assert per_send < 0.02, f"{per_send * 1000:.2f} ms per transaction"
    assert undo < 0.1, f"reverting 300 transactions took {undo * 1000:.1f} ms"


def test_a_transaction_with_more_logs_than_a_receipt_holds_fails_and_the_chain_goes_on():
    from node.tx import deployment_data
    from vm import assemble_text, selector
    from vm.constants import MAX_LOGS_PER_TX
    chain = Chain()
    alice = chain.accounts[0]
    asm = f"""
.function spam external sig="spam(u64)" params=b locals=i returns=b
    LOAD 0
    DECODE "(u64)"
    STORE 1
again:
    LOAD 1
    JMPIFNOT done
    PUSHC 0x01
    LOG 0
    LOAD 1
    PUSHI 1
    SUB u256
    STORE 1
    JMP again
done:
    PUSHC 0x
    RET
.end
"""
    deployed = chain.transact(alice, None, deployment_data(assemble_text(asm).serialize()))
    assert deployed["status"] == "success"
    spam = deployed["created"]
    height = chain.height
    failed = chain.transact(alice, spam, selector("spam(u64)") + (2000).to_bytes(8, "big"))
    assert failed["status"] == "halt" and failed["halt"] == "too_many_logs" and failed["logs"] == []
    ok = chain.transact(alice, spam, selector("spam(u64)") + MAX_LOGS_PER_TX.to_bytes(8, "big"))
    assert ok["status"] == "success" and len(ok["logs"]) == MAX_LOGS_PER_TX
    assert chain.height == height + 2
    chain.mine()
    assert chain.height == height + 3
