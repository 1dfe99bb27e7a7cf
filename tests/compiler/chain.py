"""A tiny in-process chain for compiler tests: deploy compiled contracts and call
them through `vm.execute` on a `vm.MemoryState`, encoding arguments and decoding
results with the ABI artifact. (Proper tooling comes with the node's SDK.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler import compile as compile_source
from compiler.sourcemap import lookup
from vm import Account, BlockEnv, MemoryState, Message, decode, encode, execute
from vm.state import write_account

ACTORS = {name: bytes([i + 1]) * 20 for i, name in enumerate(["alice", "bob", "carol", "dave", "eve"])}
GAS = 50_000_000


@dataclass
class CallResult:
    success: bool
    value: object
    output: bytes
    logs: tuple
    failure: tuple
    gas_used: int
    status: object = None
    halt: str | None = None


@dataclass
class Chain:
    state: MemoryState = field(default_factory=MemoryState)
    timestamp: int = 1_700_000_000
    height: int = 1
    nonce: int = 0
    engine: object = None  # None: the VM's default (the translator); or vm.reference.REFERENCE

    def __post_init__(self):
        for actor in ACTORS.values():  # native balance, for @payable tests
            write_account(self.state, actor, Account(0, 10**24, b""))

    @property
    def env(self) -> BlockEnv:
        return BlockEnv(height=self.height, timestamp=self.timestamp, chain_id=1)

    def deploy(self, source_or_artifacts, *args, sender=ACTORS["alice"], value=0, file="<test>"):
        artifacts = compile_source(source_or_artifacts, file) if isinstance(source_or_artifacts, str) else source_or_artifacts
        ctor = next((f for f in artifacts.abi["functions"] if f["kind"] == "constructor"), None)
        data = encode(ctor["input_type"], list(args)) if ctor and ctor["inputs"] else b""
        self.nonce += 1
        result = execute(Message(sender, None, GAS, value=value, code=artifacts.bytecode, data=data, nonce=self.nonce),
                         self.state, self.env, engine=self.engine)
        if not result.success:
            raise AssertionError(f"deployment failed: {result.status} {result.halt} {result.output.hex()}")
        return Deployed(self, artifacts, result.created)


@dataclass
class Deployed:
    chain: Chain
    artifacts: object
    address: bytes

    def function(self, name: str) -> dict:
        for f in self.artifacts.abi["functions"]:
            if f["name"] == name and f["kind"] == "function":
                return f
        raise KeyError(name)

    def call(self, name: str, *args, sender=ACTORS["alice"], value=0, static=False) -> CallResult:
        f = self.function(name)
        data = encode(f["input_type"], list(args)) if f["inputs"] else b""
        chain = self.chain
        result = execute(Message(sender, self.address, GAS, value=value, selector=bytes.fromhex(f["selector"]),
                                 data=data, static=static), chain.state, chain.env, engine=chain.engine)
        value_out = None
        if result.success:
            outputs = decode(f["output_type"], result.output) if f["outputs"] else []
            value_out = outputs[0] if len(outputs) == 1 else outputs if outputs else None
        return CallResult(result.success, value_out, result.output, result.logs, result.failure, result.gas_used,
                          result.status, result.halt)

    def where(self, result: CallResult):
        """(line, column) of the innermost failure point in this contract's source, if any."""
        for point in result.failure:
            if point.address == self.address:
                found = lookup(self.artifacts.source_map, point.function, point.pc)
                return None if found is None else found[1:3]
        return None
