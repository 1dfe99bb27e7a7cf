"""The VM's State protocol over a store: the VM's own helpers work through it,
rollback undoes, and the block's changes apply to the store."""

from node.state import MemoryStore, StoreOverlay
from vm.state import Account, account_key, read_account, storage_key, write_account

ALICE = b"\xaa" * 20
BOB = b"\xbb" * 20


def test_overlay_reads_through_buffers_writes_and_applies(make_store):
    store = make_store()
    store.apply({storage_key(ALICE, b"\x01"): b"\x07"}, 0)
    overlay = StoreOverlay(store)
    assert overlay.get(storage_key(ALICE, b"\x01")) == b"\x07"
    write_account(overlay, ALICE, Account(nonce=1, balance=100))
    outer = overlay.snapshot()
    write_account(overlay, BOB, Account(balance=5))
    overlay.set(storage_key(ALICE, b"\x01"), None)
    assert read_account(overlay, BOB).balance == 5 and overlay.get(storage_key(ALICE, b"\x01")) is None
    overlay.rollback(outer)
    assert read_account(overlay, BOB).balance == 0
    assert overlay.get(storage_key(ALICE, b"\x01")) == b"\x07"
    overlay.set(storage_key(ALICE, b"\x02"), b"")
    overlay.commit(0)
    assert store.get(account_key(ALICE)) is None  # nothing reaches the store before apply
    root = store.apply(overlay.changes(), 1)
    assert read_account(StoreOverlay(store), ALICE) == Account(nonce=1, balance=100)
    reference = MemoryStore()
    reference.apply({storage_key(ALICE, b"\x01"): b"\x07", account_key(ALICE): Account(1, 100).encode()}, 0)
    assert root == reference.root()
