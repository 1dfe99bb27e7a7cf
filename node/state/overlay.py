"""The VM's view of the state store: the VM's five-method `State` protocol
over a store's latest version, with writes buffered until the block is applied.

Reads fall through to the store (the flat latest-state table) unless the
block has written the key; writes go to a buffer with an undo journal, so the
VM's snapshot/rollback/commit work as in `vm.state.MemoryState`. When the
block is done, `changes()` is what `store.apply` takes.
"""

from __future__ import annotations

from node.state.store import StoreBase

_ABSENT = object()


class StoreOverlay:
    """A `vm.state.State` over `store` (see the module doc)."""

    def __init__(self, store: StoreBase):
        self.store = store
        self.base_version = store.latest_version()
        self.written: dict[bytes, bytes | None] = {}
        self.journal: list[tuple[bytes, object]] = []

    def get(self, key: bytes) -> bytes | None:
        value = self.written.get(key, _ABSENT)
        if value is _ABSENT:
            return self.store.get(key)
        return value

    def set(self, key: bytes, value: bytes | None) -> None:
        self.journal.append((key, self.written.get(key, _ABSENT)))
        self.written[key] = value or None

    def snapshot(self) -> int:
        return len(self.journal)

    def rollback(self, snapshot: int) -> None:
        journal, written = self.journal, self.written
        while len(journal) > snapshot:
            key, old = journal.pop()
            if old is _ABSENT:
                del written[key]
            else:
                written[key] = old

    def commit(self, snapshot: int) -> None:
        if snapshot == 0:
            self.journal.clear()

    def changes(self) -> dict[bytes, bytes | None]:
        """Every key the block wrote, with its final value (None: deleted)."""
        return dict(self.written)
