"""ChainCore on a real LMDB store: replaying blocks built elsewhere gives the
same state roots, tampered blocks are refused without a trace, the log index
is paged under caps, and dry runs read one consistent version."""

from __future__ import annotations

import dataclasses

import pytest

from node import crypto, tx
from node.block import Block, signing_payload
from node.chain import TABLES, ChainCore
from node.devkeys import dev_genesis, dev_key, dev_producer
from node.errors import InvalidBlock, LimitExceeded, NodeError
from node.state import open_store
from vm import Message, decode

from .contracts import balance_call_data, deploy_token, transfer

GENESIS = dev_genesis()
CHAIN_ID = GENESIS.chain_id
ALICE, BOB, CAROL = dev_key(0), dev_key(1), dev_key(2)


def new_chain(path, producer=None) -> ChainCore:
    return ChainCore(open_store(path, tables=TABLES, hash_name=GENESIS.state_hash), GENESIS, producer)


def produce(chain: ChainCore, transactions, timestamp=None):
    for signed in transactions:
        chain.admit(signed.encode())
    return chain.commit(chain.build_block(timestamp or chain.head.timestamp + 1))


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A producer's chain: a token deployment, transfers, a revert, value moves."""
    chain = new_chain(tmp_path_factory.mktemp("producer"), dev_producer())
    blocks = []
    block, receipts = produce(chain, [deploy_token(ALICE, chain_id=CHAIN_ID, nonce=0, supply=10_000)])
    blocks.append(block)
    token = crypto.parse_address(receipts[0]["created"])
    block, _ = produce(chain, [transfer(ALICE, token, BOB.address, 300, chain_id=CHAIN_ID, nonce=1),
                               transfer(ALICE, token, CAROL.address, 200, chain_id=CHAIN_ID, nonce=2),
                               transfer(BOB, token, CAROL.address, 10**9, chain_id=CHAIN_ID, nonce=0)])
    blocks.append(block)
    block, _ = produce(chain, [tx.make(CAROL, chain_id=CHAIN_ID, nonce=0, gas_limit=20_000, to=BOB.address,
                                       value=12345)])
    blocks.append(block)
    block, _ = produce(chain, [])
    blocks.append(block)
    roots = [chain.store.root(h) for h in range(chain.head.height + 1)]
    yield chain, blocks, roots, token
    chain.store.close()


def test_a_second_chain_replaying_the_blocks_ends_with_identical_state_roots(history, tmp_path):
    producer, blocks, roots, token = history
    follower = new_chain(tmp_path)
    for block in blocks:
        committed, receipts = follower.replay_block(Block.decode(block.encode()), now=block.header.timestamp)
        assert committed.hash == block.hash
        assert receipts == [producer.receipt(bytes.fromhex(r["tx_hash"][2:])) for r in receipts]
    assert [follower.store.root(h) for h in range(follower.head.height + 1)] == roots
    assert follower.store.verify_tree() == producer.head.state_root
    revert = follower.receipt(tx.decode(blocks[1].transactions[2]).hash)
    assert revert["status"] == "revert" and revert["failure"]["error"]["name"] == "InsufficientBalance"
    assert revert["failure"]["location"]["line"] == 28
    follower.store.close()


def resign(block: Block, key=None, **changes) -> Block:
    header = dataclasses.replace(block.header, **changes)
    key = key or dev_producer()
    return Block(header, key.sign(signing_payload(header)), block.transactions)


def tampered(blocks):
    first, second = blocks[0], blocks[1]
    stranger = crypto.Key.deterministic("not-an-authority")
    yield "state root", resign(first, state_root=b"\x11" * 32), "state root"
    yield "receipts root", resign(first, receipts_root=b"\x11" * 32), "receipts root"
    yield "gas used", resign(first, gas_used=first.header.gas_used + 1), "gas used"
    yield "extra transaction", Block(first.header, first.signature, first.transactions + second.transactions[:1]), \
        "transactions root"
    yield "dropped transaction", resign(Block(first.header, first.signature, ())), "transactions root"
    yield "signature", Block(first.header, b"\x00" * 64, first.transactions), "signature"
    yield "authority", resign(first, key=stranger, producer=stranger.public_key), "not an authority"
    yield "parent", resign(second), "does not extend"
    yield "timestamp not after parent", resign(first, timestamp=GENESIS.timestamp), "exceed its parent"
    yield "timestamp far ahead", resign(first, timestamp=first.header.timestamp + 10_000), "ahead of this node"
    yield "gas limit", resign(first, gas_limit=1), "gas limit"
    forged = bytearray(first.transactions[0])
    forged[-1] ^= 1
    yield "forged transaction", Block(first.header, first.signature, (bytes(forged),)), "transaction 0"


@pytest.mark.parametrize("case", range(12))
def test_a_tampered_block_is_refused_and_changes_nothing(history, tmp_path, case):
    _, blocks, roots, _ = history
    name, block, message = list(tampered(blocks))[case]
    follower = new_chain(tmp_path)
    before = (follower.head, follower.store.root(), follower.store.latest_version())
    with pytest.raises(InvalidBlock, match=message):
        follower.replay_block(block, now=blocks[0].header.timestamp)
    assert (follower.head, follower.store.root(), follower.store.latest_version()) == before, name
    follower.replay_block(blocks[0], now=blocks[0].header.timestamp)  # the real block still goes in
    assert follower.store.root() == roots[1]
    follower.store.close()


def test_a_full_block_keeps_later_nonces_of_a_sender_for_the_next_block(tmp_path):
    chain = new_chain(tmp_path, dev_producer())
    # Nonces 0 and 1 may each use the whole block (the rule counts gas used plus the limit), so 1 waits;
    # nonce 2 would fit, but must wait behind 1 rather than be dropped.
    transactions = [tx.make(ALICE, chain_id=CHAIN_ID, nonce=n, gas_limit=gas, to=BOB.address, value=1)
                    for n, gas in enumerate([GENESIS.block_gas_limit, GENESIS.block_gas_limit, 20_000])]
    for expected in ([0], [1, 2]):
        _, receipts = produce(chain, transactions if expected == [0] else [])
        assert [r["nonce"] for r in receipts] == expected
    assert len(chain.mempool) == 0
    chain.store.close()


def test_logs_are_paged_from_the_index_and_capped(history):
    chain, _, _, token = history
    every = chain.logs(0, chain.head.height, None, [], limit=100, scan_limit=1000)
    assert [(e["block"], e["tx_index"]) for e in every] == [(1, 0), (2, 0), (2, 1)]
    by_address = chain.logs(0, chain.head.height, token, [], limit=100, scan_limit=1000)
    assert by_address == every
    assert chain.logs(0, chain.head.height, BOB.address, [], limit=100, scan_limit=1000) == []
    receiver = "0x" + bytes(12).hex() + CAROL.address.hex()
    assert [e["block"] for e in chain.logs(0, 9, None, [None, None, receiver], 100, 1000)] == [2]
    assert len(chain.logs(0, chain.head.height, None, [], limit=1, scan_limit=1000)) == 2  # limit + 1: "more"
    with pytest.raises(LimitExceeded, match="more than 1 logs lie"):
        chain.logs(0, chain.head.height, None, [None, None, receiver], limit=100, scan_limit=1)


def test_dry_runs_read_the_state_at_a_height(history):
    chain, _, _, token = history
    call = Message(CAROL.address, token, 1_000_000, selector=balance_call_data(CAROL.address)[:4],
                   data=balance_call_data(CAROL.address)[4:])
    at_deploy, _ = chain.dry_run(call, 10_000_000, height=1)
    now, _ = chain.dry_run(call, 10_000_000)
    assert decode("(u256)", at_deploy.output) == [0] and decode("(u256)", now.output) == [200]
    with pytest.raises(NodeError, match="no block at height"):
        chain.dry_run(call, 10_000_000, height=chain.head.height + 5)


def test_admit_many_reports_each_refusal_in_order(tmp_path):
    chain = new_chain(tmp_path, dev_producer())
    good = tx.decode(tx.make(ALICE, chain_id=CHAIN_ID, nonce=0, gas_limit=20_000, to=BOB.address).encode())
    broke = tx.decode(tx.make(crypto.Key.deterministic("poor"), chain_id=CHAIN_ID, nonce=0, gas_limit=20_000,
                              to=BOB.address, value=1).encode())
    results = chain.admit_many([good, broke, good])
    assert results[0] is good
    assert [r.name for r in results[1:]] == ["insufficient_funds", "already_known"]
    chain.store.close()
