"""The node's authenticated, versioned state: a Jellyfish-style Merkle tree in
LMDB (or in memory), with proofs anyone can check against a block's root.

See docs/state.md for the design and node/state/README.md for the files.
"""

from node.state import native

# Before anything imports the tree: its compiled build, when it matches (native.py).
native_problem = native.activate(__path__)

from node.state.errors import (  # noqa: E402 (after the activation above)
    ProofFormatError, StateCorruptionError, StateError, StoreFormatError, StoreFullError, VersionError)
from node.state.hashing import EMPTY, HASH_NAMES
from node.state.lmdb_store import StateStore, open_store
from node.state.memory_store import MemoryStore
from node.state.overlay import StoreOverlay
from node.state.proof import Proof, verify_proof

EMPTY_ROOT = EMPTY

__all__ = [
    "EMPTY_ROOT", "HASH_NAMES", "MemoryStore", "Proof", "ProofFormatError", "StateCorruptionError", "StateError",
    "StateStore", "StoreFormatError", "StoreFullError", "StoreOverlay", "VersionError", "open_store", "verify_proof",
]
