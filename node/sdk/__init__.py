"""The Hutong Python SDK: contract proxies built from the ABI, over a node
(`Client`, `AsyncClient`) or the in-process chain (`node.devchain.Chain`).
See docs/sdk.md and node/sdk/README.md.
"""

from .client import AsyncClient, Client
from .contract import AsyncContract, Contract, Event, Receipt, load_source
from .errors import (
    ArgumentError, ContractReverted, ExecutionHalted, HutongError, NodeUnreachable, OutOfGas, RPCError,
    TransactionFailed, TransactionRejected,
)

__all__ = [
    "ArgumentError", "AsyncClient", "AsyncContract", "Client", "Contract", "ContractReverted", "Event", "ExecutionHalted", "HutongError",
    "NodeUnreachable", "OutOfGas", "RPCError", "Receipt", "TransactionFailed", "TransactionRejected", "load_source",
]
