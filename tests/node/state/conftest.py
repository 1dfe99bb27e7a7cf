import itertools

import pytest

from node.state import MemoryStore, open_store

_counter = itertools.count()


@pytest.fixture(params=["lmdb", "memory"])
def make_store(request, tmp_path):
    """A factory for a fresh store of each kind; LMDB stores are closed after the test."""
    opened = []

    def make(**options):
        if request.param == "memory":
            store = MemoryStore(**options)
        else:
            store = open_store(tmp_path / f"db{next(_counter)}", **options)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
