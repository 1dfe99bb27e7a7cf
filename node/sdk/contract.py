"""Contract proxies, receipts and events, built from a contract's ABI and
shared by every backend: the JSON-RPC `Client`, the `AsyncClient` and the
in-process `Chain` (node/devchain.py).

A backend speaks the node's JSON formats (receipt records, call results, log
entries: docs/api.md) through a few methods, so a proxy neither knows nor
cares whether a node or the in-process chain answers:

    transact(sender, to, data, value, gas) -> receipt record  (to None: deploy)
    call(sender, to, data, value, gas)     -> {"status", "output", "gas_used", "failure"?}
    abi_of(address_hex)                    -> the contract's ABI or None
    get_logs(address, topics, from_block, to_block) -> [log entry]

(`AsyncClient` has the same methods as coroutines.)

    token = chain.deploy("contracts/token.ht", 1_000_000, sender=alice)
    receipt = token.transfer(bob, 10, sender=alice)   # mutating: a Receipt
    receipt.events[0].args      # {"sender": "0x..", "receiver": "0x..", "amount": 10}
    token.balance_of(bob)       # view: the value
    token.transfer.call(bob, 10, sender=alice)        # dry run: the return value
    token.transfer.encode(bob, 10)                    # call data

Keyword arguments `sender=`, `value=` and `gas=` are reserved for the
transaction; a contract parameter with one of those names is passed by position.
A failed transaction or call raises `TransactionFailed` (mostly its subclass
`ContractReverted`) with the decoded error, its arguments and the source line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from . import abi as sdk_abi
from .abi import AddressLike, TypeContext, address_bytes, normalize
from .errors import FAILURE_CLASSES, TransactionFailed, describe_failure

RESERVED = ("sender", "value", "gas")
VIEW_MUTABILITIES = ("view", "pure")


# --- the ABI, indexed ------------------------------------------------------------------

class AbiIndex:
    """One contract ABI with normalized specs, indexed by name, selector and topic."""

    def __init__(self, contract_abi: dict):
        self.abi = contract_abi
        self.context = TypeContext(contract_abi)
        self.functions: dict[str, dict] = {}
        self.constructor: dict | None = None
        self.by_selector: dict[bytes, dict] = {}
        for entry in contract_abi.get("functions", []):
            if entry.get("kind") == "constructor":
                self.constructor = entry
            else:
                self.functions[entry["name"]] = entry
                if entry.get("selector"):
                    self.by_selector[bytes.fromhex(entry["selector"])] = entry
        self.events: dict[bytes, dict] = {}
        self.events_by_name: dict[str, dict] = {}
        for entry in contract_abi.get("events", []):
            specs = [normalize(i) for i in entry.get("inputs", [])]
            info = {"entry": entry, "specs": specs, "indexed": [bool(i.get("indexed")) for i in entry.get("inputs", [])]}
            self.events[bytes.fromhex(entry["topic0"])] = info
            self.events_by_name.setdefault(entry["name"], info)
        self.errors: dict[bytes, dict] = {}
        for entry in contract_abi.get("errors", []):
            if entry.get("selector"):
                self.errors[bytes.fromhex(entry["selector"])] = {
                    "entry": entry, "specs": [normalize(i) for i in entry.get("inputs", [])]}

    def function(self, name: str) -> dict:
        try:
            return self.functions[name]
        except KeyError:
            raise AttributeError(f"the contract has no function {name!r}; it has "
                                 f"{', '.join(sorted(self.functions)) or 'none'}") from None

    def decode_log(self, log: dict) -> "Event | None":
        topics = [bytes.fromhex(t[2:]) for t in log.get("topics", [])]
        if not topics or topics[0] not in self.events:
            return None
        info = self.events[topics[0]]
        data = bytes.fromhex(log.get("data", "0x")[2:])
        data_specs = [s for s, indexed in zip(info["specs"], info["indexed"]) if not indexed]
        values = sdk_abi.decode_fields(self.context, data_specs, data)
        args = {}
        topic_iter = iter(topics[1:])
        for spec, indexed in zip(info["specs"], info["indexed"]):
            name = spec.get("name")
            if indexed:
                topic = next(topic_iter, None)
                args[name] = None if topic is None else sdk_abi.topic_value(self.context, spec, topic)
            else:
                args[name] = values[name]
        return Event(info["entry"]["name"], args, log.get("address"), log.get("log_index", 0), log)

    def decode_error(self, data: bytes) -> tuple[str, dict] | None:
        info = self.errors.get(data[:4])
        if info is None:
            return None
        try:
            return info["entry"]["name"], sdk_abi.decode_fields(self.context, info["specs"], data[4:])
        except (ValueError, UnicodeDecodeError):
            return None


_INDEXES: dict[int, tuple[dict, AbiIndex]] = {}


def abi_index(contract_abi: dict) -> AbiIndex:
    """The index of an ABI dict, cached while the dict lives (keyed by identity)."""
    found = _INDEXES.get(id(contract_abi))
    if found is not None and found[0] is contract_abi:
        return found[1]
    index = AbiIndex(contract_abi)
    if len(_INDEXES) > 512:
        _INDEXES.clear()
    _INDEXES[id(contract_abi)] = (contract_abi, index)
    return index


# --- receipts and events -----------------------------------------------------------------

class Event:
    """A decoded log: `name`, `args` (by field name; also `event.field` and
    `event["field"]`), the emitting `address`, and the raw `log` entry."""

    __slots__ = ("name", "args", "address", "log_index", "log")

    def __init__(self, name: str, args: dict, address: str, log_index: int = 0, log: dict | None = None):
        self.name = name
        self.args = args
        self.address = address
        self.log_index = log_index
        self.log = log or {}

    def __getattr__(self, item: str):
        try:
            return self.args[item]
        except KeyError:
            raise AttributeError(f"event {self.name} has no field {item!r}") from None

    def __getitem__(self, item: str):
        return self.args[item]

    def __eq__(self, other) -> bool:
        if isinstance(other, Event):
            return (self.name, self.args, self.address) == (other.name, other.args, other.address)
        return NotImplemented

    __hash__ = None  # mutable args

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.args.items())
        return f"{self.name}({shown})"

    def as_json(self) -> dict:
        return {"name": self.name, "address": self.address, "args": sdk_abi.to_json(self.args)}


@dataclass
class Receipt:
    """A mined transaction, decoded: the node's receipt record plus `events`,
    `return_value` and, for a deployment, the new `contract` proxy."""

    tx_hash: str
    block: int
    status: str
    gas_used: int
    sender: str
    to: str | None
    nonce: int
    output: bytes
    events: list[Event]
    return_value: Any = None
    created: str | None = None
    failure: dict | None = None
    record: dict = field(default_factory=dict, repr=False)
    contract: Any = field(default=None, repr=False)

    @property
    def success(self) -> bool:
        return self.status == "success"

    def events_named(self, name: str) -> list[Event]:
        return [e for e in self.events if e.name == name]

    def event(self, name: str) -> Event:
        """The one event called `name` (AssertionError if there is not exactly one)."""
        found = self.events_named(name)
        if len(found) != 1:
            raise AssertionError(f"expected one {name} event, found {len(found)} in {self.events}")
        return found[0]

    def as_json(self) -> dict:
        out = {"tx_hash": self.tx_hash, "block": self.block, "status": self.status, "gas_used": self.gas_used,
               "from": self.sender, "to": self.to, "nonce": self.nonce,
               "events": [e.as_json() for e in self.events],
               "return_value": sdk_abi.to_json(self.return_value)}
        if self.created:
            out["created"] = self.created
        if self.failure:
            out["failure"] = self.failure
        return out


def log_addresses(record: dict) -> set[str]:
    """Every contract address whose ABI decoding a record needs (logs and trace)."""
    found = {log["address"] for log in record.get("logs", [])}
    for point in (record.get("failure") or {}).get("trace", []):
        if point.get("address"):
            found.add(point["address"])
    if record.get("to"):
        found.add(record["to"])
    return found


def decode_events(logs: list[dict], abi_of: Callable[[str], dict | None]) -> list[Event]:
    events = []
    for log in logs:
        contract_abi = abi_of(log["address"])
        event = abi_index(contract_abi).decode_log(log) if contract_abi else None
        if event is None:  # unknown contract or event: keep it, undecoded
            event = Event("<unknown>", {"topics": log.get("topics"), "data": log.get("data")}, log["address"],
                          log.get("log_index", 0), log)
        events.append(event)
    return events


def decode_receipt(record: dict, abi_of: Callable[[str], dict | None], function: "FunctionBase | None" = None
                   ) -> Receipt:
    output = bytes.fromhex((record.get("output") or "0x")[2:])
    receipt = Receipt(
        tx_hash=record["tx_hash"], block=record.get("block"), status=record["status"],
        gas_used=record["gas_used"], sender=record.get("from"), to=record.get("to"), nonce=record.get("nonce"),
        output=output, events=decode_events(record.get("logs", []), abi_of), created=record.get("created"),
        failure=record.get("failure"), record=record)
    if receipt.success and function is not None:
        receipt.return_value = function.decode(output)
    return receipt


def failure_error(status: str, failure: dict | None, abi_of: Callable[[str], dict | None],
                  receipt: Receipt | None = None) -> TransactionFailed:
    """The exception for a failed transaction or call. The error is decoded
    again from its raw data with the ABIs of the contracts on the failure
    trace, so its arguments are Python values like any return value; the
    node's JSON decoding is the fallback."""
    failure = dict(failure or {"status": status})
    error = failure.get("error") or {}
    name, args = error.get("name"), dict(error.get("args") or {})
    data = bytes.fromhex((failure.get("data") or "0x")[2:])
    indexes = [abi_index(a) for a in (abi_of(p["address"]) for p in failure.get("trace", []) if p.get("address")) if a]
    if status == "revert" and len(data) >= 4:
        for index in indexes:
            decoded = index.decode_error(data)
            if decoded is not None:
                name, args = decoded
                break
    labels = {role_id: role for index in indexes for role, role_id in index.context.roles.items()}
    location = failure.get("location")
    cls = FAILURE_CLASSES.get(status, TransactionFailed)
    return cls(status, name, args, location, failure, receipt,
               describe_failure(status, name, args, location, failure, labels))


# --- proxies ----------------------------------------------------------------------------

def split_options(kwargs: dict) -> tuple[dict, dict]:
    """(transaction options, contract keyword arguments)."""
    options = {k: kwargs.pop(k) for k in RESERVED if k in kwargs}
    return options, kwargs


class FunctionBase:
    """Encoding and decoding for one function of a deployed contract."""

    def __init__(self, contract: "ContractBase", entry: dict):
        self.contract = contract
        self.entry = entry
        self.name = entry["name"]
        self.signature = entry.get("signature")
        self.selector = bytes.fromhex(entry["selector"]) if entry.get("selector") else b""
        self.mutability = entry.get("mutability", "nonpayable")
        self.input_specs = [normalize(i) for i in entry.get("inputs", [])]
        self.input_names = [i.get("name") or f"arg{n}" for n, i in enumerate(entry.get("inputs", []))]
        self.output_specs = [normalize(o) for o in entry.get("outputs", [])]

    @property
    def is_view(self) -> bool:
        return self.mutability in VIEW_MUTABILITIES

    def encode(self, *args, **kwargs) -> bytes:
        """Call data: selector + the canonical encoding of the arguments."""
        return self.selector + self.encode_arguments(args, kwargs)

    def encode_arguments(self, args: tuple, kwargs: dict) -> bytes:
        return sdk_abi.encode_arguments(self.contract.types, self.input_specs, self.input_names, args, kwargs,
                                        f"{self.contract.name}.{self.name}")

    def decode(self, output: bytes):
        return sdk_abi.decode_outputs(self.contract.types, self.output_specs, output)

    def __repr__(self) -> str:
        params = ", ".join(f"{n}: {s.get('lang_type') or s['type']}" for n, s in zip(self.input_names, self.input_specs))
        returns = ", ".join(s.get("lang_type") or s["type"] for s in self.output_specs)
        return f"<{self.contract.name}.{self.name}({params}){' -> ' + returns if returns else ''} {self.mutability}>"


class ContractBase(AddressLike):
    """What sync and async proxies share: address, ABI, types and lookup."""

    function_class: type = FunctionBase

    def __init__(self, backend, address, contract_abi: dict, name: str | None = None, layout: dict | None = None):
        self.backend = backend
        self.address = "0x" + address_bytes(address).hex()
        self.abi = contract_abi
        self.index = abi_index(contract_abi)
        self.types = self.index.context
        self.name = name or "contract"
        self.layout = layout
        self.functions = {n: self.function_class(self, e) for n, e in self.index.functions.items()}

    def __getattr__(self, item: str):
        if item.startswith("__"):
            raise AttributeError(item)
        functions = self.__dict__.get("functions", {})
        if item in functions:
            return functions[item]
        types = self.__dict__.get("types")
        if types is not None and item in types.enums:
            return types.enums[item]
        raise AttributeError(f"{self.__dict__.get('name', 'contract')} has no function or enum {item!r}; "
                             f"functions: {', '.join(sorted(functions)) or 'none'}")

    def __dir__(self):
        return [*super().__dir__(), *self.functions, *self.types.enums]

    def __repr__(self) -> str:
        return f"<{self.name} at {self.address}>"

    def role(self, name: str) -> bytes:
        """The 32-byte id of a role (`contract.role("SUPERVISOR")`)."""
        try:
            return self.types.roles[name]
        except KeyError:
            raise KeyError(f"{self.name} has no role {name!r}; roles: {', '.join(self.types.roles) or 'none'}") from None

    def decode_logs(self, logs: list[dict]) -> list[Event]:
        return decode_events(logs, lambda a: self.abi if a == self.address else None)

    def _event_topics(self, name: str | None) -> list:
        if name is None:
            return []
        info = self.index.events_by_name.get(name)
        if info is None:
            raise KeyError(f"{self.name} has no event {name!r}; events: {', '.join(self.index.events_by_name)}")
        return ["0x" + info["entry"]["topic0"]]


class ContractFunction(FunctionBase):
    """A function of a contract on a synchronous backend (Client or Chain)."""

    def __call__(self, *args, **kwargs):
        """A view returns its value; anything else is sent as a transaction and
        returns the Receipt."""
        if self.is_view:
            return self.call(*args, **kwargs)
        return self.transact(*args, **kwargs)

    def call(self, *args, **kwargs):
        """Run without a transaction (nothing is kept) and return the decoded value."""
        options, kwargs = split_options(kwargs)
        data = self.encode(*args, **kwargs)
        backend = self.contract.backend
        result = backend.call(options.get("sender"), self.contract.address, data, options.get("value", 0),
                              options.get("gas"))
        if result["status"] != "success":
            raise failure_error(result["status"], result.get("failure"), backend.abi_of)
        return self.decode(bytes.fromhex(result["output"][2:]))

    def transact(self, *args, **kwargs) -> Receipt:
        """Send a transaction; return the Receipt or raise TransactionFailed."""
        options, kwargs = split_options(kwargs)
        data = self.encode(*args, **kwargs)
        backend = self.contract.backend
        record = backend.transact(options.get("sender"), self.contract.address, data, options.get("value", 0),
                                  options.get("gas"))
        receipt = decode_receipt(record, backend.abi_of, self)
        if not receipt.success:
            raise failure_error(receipt.status, receipt.failure, backend.abi_of, receipt)
        return receipt

    def estimate_gas(self, *args, **kwargs) -> int:
        options, kwargs = split_options(kwargs)
        return self.contract.backend.estimate_gas(options.get("sender"), self.contract.address,
                                                  self.encode(*args, **kwargs), options.get("value", 0))


class Contract(ContractBase):
    """A deployed contract on a synchronous backend (`Client` or `Chain`)."""

    function_class = ContractFunction

    def get_events(self, name: str | None = None, from_block: int = 0, to_block: int | str = "latest") -> list[Event]:
        """This contract's events (optionally only those called `name`), decoded."""
        logs = self.backend.get_logs(self.address, self._event_topics(name), from_block, to_block)
        return self.decode_logs(logs)

    def storage(self, variable: str, *path) -> Any:
        """A storage value read directly (no call), located by the layout:
        `token.storage("balance_of", bob)`, `escrow.storage("milestones", 0, "stage")`."""
        from .storage import decode_leaf, storage_path
        if self.layout is None:
            self.layout = self.backend.layout_of(self.address)
        path_bytes, leaf = storage_path(self.layout, variable, *path)
        return decode_leaf(leaf, self.backend.storage(self.address, path_bytes), self.types)


class AsyncContractFunction(FunctionBase):
    """A function of a contract on an `AsyncClient`: every call is awaited."""

    async def __call__(self, *args, **kwargs):
        if self.is_view:
            return await self.call(*args, **kwargs)
        return await self.transact(*args, **kwargs)

    async def call(self, *args, **kwargs):
        options, kwargs = split_options(kwargs)
        data = self.encode(*args, **kwargs)
        backend = self.contract.backend
        result = await backend.call(options.get("sender"), self.contract.address, data, options.get("value", 0),
                                    options.get("gas"))
        if result["status"] != "success":
            abis = await backend.abis_for(result.get("failure") or {})
            raise failure_error(result["status"], result.get("failure"), abis.get)
        return self.decode(bytes.fromhex(result["output"][2:]))

    async def transact(self, *args, **kwargs) -> Receipt:
        options, kwargs = split_options(kwargs)
        data = self.encode(*args, **kwargs)
        backend = self.contract.backend
        record = await backend.transact(options.get("sender"), self.contract.address, data,
                                        options.get("value", 0), options.get("gas"))
        abis = await backend.abis_for(record)
        receipt = decode_receipt(record, abis.get, self)
        if not receipt.success:
            raise failure_error(receipt.status, receipt.failure, abis.get, receipt)
        return receipt

    async def estimate_gas(self, *args, **kwargs) -> int:
        options, kwargs = split_options(kwargs)
        return await self.contract.backend.estimate_gas(options.get("sender"), self.contract.address,
                                                        self.encode(*args, **kwargs), options.get("value", 0))


class AsyncContract(ContractBase):
    """A deployed contract on an `AsyncClient`."""

    function_class = AsyncContractFunction

    async def get_events(self, name: str | None = None, from_block: int = 0,
                         to_block: int | str = "latest") -> list[Event]:
        logs = await self.backend.get_logs(self.address, self._event_topics(name), from_block, to_block)
        return self.decode_logs(logs)


# --- deployment ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """A compiled contract ready to deploy: artifacts, a name, the source text."""

    artifacts: Any
    name: str
    file: str
    text: str

    @property
    def abi(self) -> dict:
        return self.artifacts.abi

    def metadata(self) -> dict:
        """What the node stores with the code (node/tx.py): enough to explain failures."""
        return {"name": self.name, "abi": self.artifacts.abi, "source_map": self.artifacts.source_map,
                "source": self.text}

    def constructor_arguments(self, args: tuple, kwargs: dict) -> bytes:
        index = abi_index(self.artifacts.abi)
        entry = index.constructor
        inputs = entry.get("inputs", []) if entry else []
        specs = [normalize(i) for i in inputs]
        names = [i.get("name") or f"arg{n}" for n, i in enumerate(inputs)]
        return sdk_abi.encode_arguments(index.context, specs, names, args, kwargs, f"{self.name} constructor")

    def deployment_data(self, args: tuple, kwargs: dict) -> bytes:
        from node.tx import deployment_data
        return deployment_data(self.artifacts.bytecode, self.constructor_arguments(args, kwargs), self.metadata())


def load_source(source, name: str | None = None) -> Source:
    """Compile a contract from a path (`"contracts/token.ht"`, a `Path`), from
    source text (anything with a newline), or wrap existing artifacts."""
    if isinstance(source, Source):
        return source
    if hasattr(source, "container") and hasattr(source, "abi"):
        return Source(source, name or "contract", f"{name or 'contract'}.ht", "")
    if isinstance(source, os.PathLike) or (isinstance(source, str) and "\n" not in source):
        path = os.fspath(source)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        file = os.path.basename(path)
    else:
        text, file = source, f"{name or 'contract'}.ht"
    artifacts = _compile(text, file)
    return Source(artifacts, name or os.path.splitext(file)[0], file, text)


@lru_cache(maxsize=256)
def _compile(text: str, file: str):
    """Compiled once per (source, file name): test suites deploy the same contract often."""
    from compiler import compile as compile_source
    return compile_source(text, file)
