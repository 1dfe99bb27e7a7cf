"""The state store's errors, one class per thing a caller may want to handle."""

from __future__ import annotations


class StateError(Exception):
    """Base class of every error the state store raises on purpose."""


class StoreFormatError(StateError):
    """The database was written by another on-disk format version, with another
    hash function, or is not a state store at all."""


class StateCorruptionError(StateError):
    """Stored data disagrees with itself: a missing node, a malformed record, or
    a hash that does not recompute."""


class VersionError(StateError, LookupError):
    """A version that is not the next one (apply) or is not retained (reads)."""


class StoreFullError(StateError):
    """The block did not fit in the map and the map may not grow further. The
    block was not written; the store still holds the previous block."""


class ProofFormatError(StateError, ValueError):
    """Proof bytes that do not follow the proof layout (docs/state.md)."""
