"""Executing transactions and blocks: pure functions of a state view.

`execute_transaction(state, context, decoded)` and `apply_block(state,
context, transactions)` take a `vm.State` (an overlay over the committed
store), change it, and return receipts. No I/O, no clock, no await: the same
inputs give the same state changes and receipts on every node.

Per transaction: check the nonce, expiry, gas and the sender's funds (else
`InvalidTransaction`: the transaction cannot be in a block); increment the
nonce and reserve `gas_limit * gas_price`; run the message in the VM with
`gas_limit - intrinsic` gas; refund unused gas and pay the fee for the used
gas to the block producer. A message that fails still costs its gas and bumps
the nonce; only the VM's own changes are undone (by the VM).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from vm import BlockEnv, Message, State, execute
from vm.state import ACCOUNT_PREFIX, Account

from .block import Receipt
from .errors import (
    NodeError, EXPIRED, GAS_LIMIT, INSUFFICIENT_FUNDS, NONCE_TOO_HIGH, NONCE_TOO_LOW, NOT_AUTHORIZED, UNDERPRICED, invalid,
)
from .protocol import TX_BASE_GAS, TX_DATA_BYTE_GAS
from .tx import Decoded, split_deployment


@dataclass(frozen=True)
class BlockContext:
    height: int
    timestamp: int
    chain_id: int
    producer: bytes  # address receiving fees
    gas_limit: int
    min_gas_price: int = 0
    deployers: frozenset | None = None


@dataclass
class BlockOutcome:
    receipts: list[Receipt]
    included: list[Decoded]
    gas_used: int
    # Contract metadata to store, by created address (from deployments).
    metadata: dict[bytes, dict] = field(default_factory=dict)
    excluded: list[tuple[Decoded, Exception]] = field(default_factory=list)


def intrinsic_gas(decoded: Decoded) -> int:
    return TX_BASE_GAS + TX_DATA_BYTE_GAS * len(decoded.tx.data)


def check_against_state(state: State, context: BlockContext, decoded: Decoded, *, exact_nonce: bool) -> Account:
    """State-dependent checks (cheapest first). Returns the sender's account."""
    tx = decoded.tx
    account = Account.decode(state.get(ACCOUNT_PREFIX + decoded.sender))
    if tx.nonce < account.nonce:
        raise invalid(NONCE_TOO_LOW, f"nonce {tx.nonce} is below the account nonce {account.nonce}")
    if exact_nonce and tx.nonce != account.nonce:
        raise invalid(NONCE_TOO_HIGH, f"nonce {tx.nonce} is ahead of the account nonce {account.nonce}")
    if tx.gas_price < context.min_gas_price:
        raise invalid(UNDERPRICED, f"gas price {tx.gas_price} is below the minimum {context.min_gas_price}")
    intrinsic = intrinsic_gas(decoded)
    if tx.gas_limit < intrinsic:
        raise invalid(GAS_LIMIT, f"gas limit {tx.gas_limit} is below the intrinsic cost {intrinsic}")
    if tx.gas_limit > context.gas_limit:
        raise invalid(GAS_LIMIT, f"gas limit {tx.gas_limit} exceeds the block gas limit {context.gas_limit}")
    if tx.expiry and context.height > tx.expiry:
        raise invalid(EXPIRED, f"transaction expired at height {tx.expiry}")
    needed = tx.gas_limit * tx.gas_price + tx.value
    if account.balance < needed:
        raise invalid(INSUFFICIENT_FUNDS, f"balance {account.balance} is below gas_limit*gas_price+value {needed}")
    if tx.is_deployment and context.deployers is not None and decoded.sender not in context.deployers:
        raise invalid(NOT_AUTHORIZED, "this chain restricts deployment to its listed deployers")
    return account


def execute_transaction(state: State, context: BlockContext, decoded: Decoded,
                        metadata_out: dict | None = None) -> Receipt:
    tx = decoded.tx
    account = check_against_state(state, context, decoded, exact_nonce=True)
    intrinsic = intrinsic_gas(decoded)
    metadata = None
    if tx.is_deployment:
        container, constructor_args, metadata = split_deployment(tx.data)
    sender_key = ACCOUNT_PREFIX + decoded.sender
    reserve = tx.gas_limit * tx.gas_price
    state.set(sender_key, Account(account.nonce + 1, account.balance - reserve, account.code_hash).encode())
    env = BlockEnv(context.height, context.timestamp, context.chain_id)
    gas = tx.gas_limit - intrinsic
    if tx.is_deployment:
        message = Message(decoded.sender, None, gas, value=tx.value, code=container, data=constructor_args,
                          nonce=tx.nonce)
    else:
        message = Message(decoded.sender, tx.to, gas, value=tx.value, selector=tx.data[:4], data=tx.data[4:])
    result = execute(message, state, env)
    gas_used = intrinsic + result.gas_used
    if tx.gas_price:
        refund = (tx.gas_limit - gas_used) * tx.gas_price
        sender = Account.decode(state.get(sender_key))
        state.set(sender_key, Account(sender.nonce, sender.balance + refund, sender.code_hash).encode())
        producer_key = ACCOUNT_PREFIX + context.producer
        producer = Account.decode(state.get(producer_key))
        state.set(producer_key, Account(producer.nonce, producer.balance + gas_used * tx.gas_price,
                                        producer.code_hash).encode())
    if result.created and metadata_out is not None and metadata:
        metadata_out[result.created] = metadata
    return Receipt(
        tx_hash=decoded.hash, status=result.status.value, gas_used=gas_used, output=result.output,
        logs=result.logs, created=result.created or b"", halt=result.halt or "",
        failure=tuple(result.failure), sender=decoded.sender, to=tx.to, nonce=tx.nonce,
    )


def apply_block(state: State, context: BlockContext, candidates: list[Decoded], *,
                drop_invalid: bool, check_receipt: Callable[[Receipt], None] | None = None) -> BlockOutcome:
    """Execute transactions in order into `state`.

    Building a block (`drop_invalid=True`), a transaction that cannot be
    included, or does not fit the remaining block gas, is skipped and its
    state effects undone. Replaying a block (`drop_invalid=False`), any such
    transaction makes the whole block invalid (the exception propagates).

    Building, an *unexpected* failure of one transaction (its execution raises
    something other than a NodeError, or `check_receipt` refuses its receipt,
    e.g. one that cannot be encoded) leaves that transaction out too, with the
    exception in `excluded`: one bad transaction never fails the whole block.
    """
    outcome = BlockOutcome([], [], 0)
    for decoded in candidates:
        if outcome.gas_used + decoded.tx.gas_limit > context.gas_limit:
            if drop_invalid:
                continue
            raise invalid(GAS_LIMIT, "block gas limit exceeded")
        mark = state.snapshot()
        created_before = set(outcome.metadata)
        try:
            receipt = execute_transaction(state, context, decoded, outcome.metadata)
            if check_receipt is not None:
                check_receipt(receipt)
        except NodeError as exc:  # InvalidTransaction, including a malformed deployment
            state.rollback(mark)
            if not drop_invalid:
                raise
            outcome.excluded.append((decoded, exc))
            continue
        except Exception as exc:  # unexpected: a bug, or a receipt that cannot be encoded
            state.rollback(mark)
            if not drop_invalid:
                raise
            for address in set(outcome.metadata) - created_before:
                del outcome.metadata[address]
            outcome.excluded.append((decoded, exc))
            continue
        state.commit(mark)
        outcome.receipts.append(receipt)
        outcome.included.append(decoded)
        outcome.gas_used += receipt.gas_used
    return outcome
