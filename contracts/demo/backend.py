"""A live node as a scenario backend: the SDK `Client` plus the two things a
scenario needs that a client does not have, the latest block's `timestamp` and
`set_time(t)`, which asks a `--dev` node to give its next block the timestamp
`t` (`hutong_devSetTime`, see CONTRACT-NEEDS.md)."""

from __future__ import annotations

from node.sdk.client import Client
from node.sdk.errors import RPCError

SET_TIME = "hutong_devSetTime"
METHOD_NOT_FOUND = -32601


class TimeTravelMissing(RuntimeError):
    """The node cannot move its clock (not --dev, or no hutong_devSetTime)."""


class NodeBackend:
    """Everything of the `Client`, plus `timestamp` and `set_time`."""

    def __init__(self, client: Client):
        self.client = client

    def __getattr__(self, item):  # deploy, transact, call, abi_of, get_logs, storage ...
        return getattr(self.client, item)

    @property
    def timestamp(self) -> int:
        return self.client.get_block("latest")["timestamp"]

    def set_time(self, timestamp: int) -> None:
        try:
            self.client.rpc(SET_TIME, timestamp)
        except RPCError as error:
            if error.code == METHOD_NOT_FOUND:
                raise TimeTravelMissing(
                    f"the node has no {SET_TIME}: Scenario A needs a --dev node that can move its clock "
                    "(see CONTRACT-NEEDS.md, entry 1)") from None
            raise

    def can_travel_in_time(self) -> bool:
        """Probe: a dev node answers -32602 (timestamp not after the head) to a call for time 0."""
        try:
            self.client.rpc(SET_TIME, 0)
        except RPCError as error:
            return error.code != METHOD_NOT_FOUND
        return True
