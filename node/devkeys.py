"""Dev accounts: ten deterministic keys, funded by a dev genesis.

THESE KEYS ARE PUBLIC. Anyone can derive them from this file. They exist for
`hutong node --dev`, `--dev-account N` in the CLI, the in-process chain and
tests, never for a real chain.
"""

from __future__ import annotations

from .block import Genesis
from .crypto import Key

DEV_ACCOUNT_COUNT = 10
DEV_BALANCE = 10**24
DEV_CHAIN_ID = 86


def dev_key(index: int) -> Key:
    if not 0 <= index < DEV_ACCOUNT_COUNT:
        raise ValueError(f"dev accounts are numbered 0..{DEV_ACCOUNT_COUNT - 1}")
    return Key.deterministic(f"hutong-dev-{index}")


def dev_producer() -> Key:
    return Key.deterministic("hutong-dev-producer")


def dev_genesis(chain_id: int = DEV_CHAIN_ID, timestamp: int = 1_767_225_600) -> Genesis:
    return Genesis(chain_id=chain_id, timestamp=timestamp, authorities=(dev_producer().public_key,),
                   balances=tuple(sorted((dev_key(i).address, DEV_BALANCE) for i in range(DEV_ACCOUNT_COUNT))))
