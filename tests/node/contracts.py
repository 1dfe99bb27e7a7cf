"""The token contract and signed transactions for the node's tests."""

from __future__ import annotations

import functools
from pathlib import Path

import compiler
from node import crypto, tx
from vm import encode, selector

TOKEN_SOURCE = (Path(__file__).resolve().parent.parent / "compiler" / "golden" / "token.ht").read_text()
TRANSFER = selector("transfer(address,u256)")
BALANCE_OF = selector("balance_of(address)")


@functools.lru_cache(maxsize=1)
def token_artifacts():
    return compiler.compile(TOKEN_SOURCE, "token.ht")


def token_metadata() -> dict:
    artifacts = token_artifacts()
    return {"name": "Token", "abi": artifacts.abi, "source_map": artifacts.source_map, "source": TOKEN_SOURCE}


def deploy_token(key: crypto.Key, *, chain_id: int, nonce: int, supply: int, gas_limit: int = 3_000_000) -> tx.Transaction:
    data = tx.deployment_data(token_artifacts().container.serialize(), encode("(u256)", [supply]), token_metadata())
    return tx.make(key, chain_id=chain_id, nonce=nonce, gas_limit=gas_limit, data=data)


def transfer_data(to: bytes, amount: int) -> bytes:
    return TRANSFER + encode("(address,u256)", [to, amount])


def transfer(key: crypto.Key, token: bytes, to: bytes, amount: int, *, chain_id: int, nonce: int,
             gas_limit: int = 100_000) -> tx.Transaction:
    return tx.make(key, chain_id=chain_id, nonce=nonce, gas_limit=gas_limit, to=token,
                   data=transfer_data(to, amount))


def balance_call_data(owner: bytes) -> bytes:
    return BALANCE_OF + encode("(address)", [owner])
