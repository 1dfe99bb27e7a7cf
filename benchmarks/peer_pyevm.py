"""py-evm 0.12.1b1 running the `vm` workloads compiled by Vyper 0.4.3, measured the
way /work/shared/PEERS.md measured them.

* Contracts: benchmarks/workloads/evm/*.vy, `vyper.compile_code` defaults
  (EVM version prague, checked arithmetic).
* Chain: `MiningChain.configure(vm_configuration=((0, PragueVM),))`,
  `from_genesis(AtomicDB(), ...)`; the contracts are deployed and the token's
  holders funded with signed transactions through `chain.apply_transaction`,
  then a block is mined.
* Execution: `state.computation_class.apply_message(state, Message(...),
  tx_context)` on `chain.get_vm().state`, py-evm's lowest-overhead path (what a
  transaction runs after validation: snapshot/commit and warm/cold access
  tracking, no signature, intrinsic gas, receipt or state root).
  Loop workloads revert to a snapshot after each run, so every run writes the
  same fresh storage; each token call ends with `state.lock_changes()`, the
  transaction boundary.
* Opcode counting: one extra untimed run in which every entry of
  `PragueComputation.opcodes` (the dispatch table the interpreter loop
  indexes) is a closure that counts and calls the real opcode. Timed runs use
  the untouched table and check the counted run's gas.
* Gas = message gas - gas remaining: execution gas only (no 21,000 intrinsic
  gas, no calldata cost).

Importing this module raises ImportError when py-evm or Vyper is missing; the
suite reports that and goes on without this peer.
"""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import eth_hash.auto
import eth_keys
import vyper
from eth.chains.base import MiningChain
from eth.db.atomic import AtomicDB
from eth.vm.forks.prague import PragueVM
from eth.vm.forks.prague.computation import PragueComputation
from eth.vm.message import Message
from eth._utils.address import generate_contract_address

from .harness import AnswerMismatch
from .vm_workloads import HOLDERS, INITIAL_BALANCE, SUPPLY, Prepared, TokenAnswer, Workload, transfer_schedule

NAME = "py-evm"
CONTRACT_DIR = Path(__file__).parent / "workloads" / "evm"
GAS = 10**9          # per message; (c) at N = 4,000 uses about 90 M
GAS_PRICE = 10**10   # above the genesis base fee
DEPLOYER_KEY = eth_keys.keys.PrivateKey(b"\x42" * 32)
DEPLOYER = DEPLOYER_KEY.public_key.to_canonical_address()
TRUE = (1).to_bytes(32, "big")


def versions() -> dict[str, str]:
    """Package versions and the crypto backends this process picked."""
    from importlib.metadata import version

    eth_hash.auto.keccak(b"")  # the backend is chosen on first use
    backend = eth_hash.auto.keccak._backend
    # AutoBackend forwards to the backend it picked: name that one.
    backend = getattr(getattr(backend, "keccak256", None), "__self__", backend)
    return {
        "py-evm": version("py-evm"),
        "vyper": vyper.__version__,
        "eth-hash backend": type(backend).__name__,
        "eth-keys backend": type(eth_keys.KeyAPI().backend).__name__,
    }


class World:
    """One chain holding every workload contract, built once per process."""

    def __init__(self):
        chain_class = MiningChain.configure(__name__="HutongBenchChain", vm_configuration=((0, PragueVM),),
                                            chain_id=1337)
        genesis = {"difficulty": 0, "gas_limit": 30_000_000, "timestamp": 1_700_000_000,
                   "coinbase": b"\x00" * 20}
        accounts = {DEPLOYER: {"balance": 10**24, "nonce": 0, "code": b"", "storage": {}}}
        self.chain = chain_class.from_genesis(AtomicDB(), genesis, accounts)
        self.nonce = 0
        self.contracts: dict[str, tuple[bytes, dict[str, bytes]]] = {}
        for name in ("workloads.vy", "token.vy"):
            self._deploy(name)
        token, selectors = self.contracts["token.vy"]
        for holder in HOLDERS:
            data = selectors["transfer(address,uint256)"] + _word(holder) + _word(INITIAL_BALANCE)
            self._transact(token, data)
        self.chain.mine_block()
        self.state = self.chain.get_vm().state
        self.context_class = self.state.get_transaction_context_class()

    def _transact(self, to: bytes, data: bytes):
        vm = self.chain.get_vm()
        tx = vm.create_unsigned_transaction(nonce=self.nonce, gas_price=GAS_PRICE, gas=5_000_000, to=to,
                                            value=0, data=data).as_signed_transaction(DEPLOYER_KEY)
        self.nonce += 1
        _, _, computation = self.chain.apply_transaction(tx)
        if not computation.is_success:
            raise AnswerMismatch(f"py-evm setup transaction failed: {computation.error!r}")

    def _deploy(self, name: str) -> None:
        source = (CONTRACT_DIR / name).read_text(encoding="utf-8")
        out = vyper.compile_code(source, output_formats=["bytecode", "method_identifiers"])
        initcode = bytes.fromhex(out["bytecode"].removeprefix("0x"))
        if name == "token.vy":
            initcode += _word(SUPPLY)
        address = generate_contract_address(DEPLOYER, self.nonce)
        self._transact(b"", initcode)
        selectors = {sig: int(sel, 16).to_bytes(4, "big") for sig, sel in out["method_identifiers"].items()}
        self.contracts[name] = (address, selectors)

    def message(self, sender: bytes, to: bytes, data: bytes):
        """apply_message on one freshly built Message and transaction context."""
        state = self.state
        message = Message(gas=GAS, to=to, sender=sender, value=0, data=data, code=state.get_code(to))
        return state.computation_class.apply_message(state, message, self.context_class(gas_price=GAS_PRICE,
                                                                                        origin=sender))


_WORLD: World | None = None


def world() -> World:
    global _WORLD
    if _WORLD is None:
        _WORLD = World()
    return _WORLD


def _word(value) -> bytes:
    if isinstance(value, bytes):
        return value.rjust(32, b"\x00")
    return value.to_bytes(32, "big")


@contextmanager
def counting_opcodes():
    """Replace every entry of the dispatch table with a counting closure."""
    mix: Counter[str] = Counter()
    original = PragueComputation.opcodes

    def counting(opcode_fn):
        name = getattr(opcode_fn, "mnemonic", None) or opcode_fn.__wrapped__.mnemonic

        def count(computation):
            mix[name] += 1
            return opcode_fn(computation=computation)
        return count

    PragueComputation.opcodes = {code: counting(fn) for code, fn in original.items()}
    try:
        yield mix
    finally:
        PragueComputation.opcodes = original


def _gas_used(computation) -> int:
    return GAS - computation.get_gas_remaining()


def _check(workload: Workload, computation) -> None:
    if not computation.is_success:
        raise AnswerMismatch(f"{workload.key}: py-evm: {computation.error!r}")


def prepare(workload: Workload, n: int, quick: bool) -> Prepared:
    w = world()
    address, selectors = w.contracts[workload.evm_contract]
    extra = {"versions": versions()}
    if workload.shape == "loop":
        return _prepare_loop(w, workload, n, address, selectors[workload.evm_signature], extra)
    return _prepare_token(w, workload, n, address, selectors, extra)


def _prepare_loop(w: World, workload: Workload, n: int, address: bytes, function: bytes, extra: dict) -> Prepared:
    data = function + _word(n)
    state = w.state

    def one():
        snapshot = state.snapshot()
        computation = w.message(DEPLOYER, address, data)
        state.revert(snapshot)
        return computation

    with counting_opcodes() as mix:
        counted = one()
    _check(workload, counted)
    output, gas = counted.output, _gas_used(counted)

    def run():
        computation = one()
        if computation.output != output or _gas_used(computation) != gas:
            raise AnswerMismatch(f"{workload.key}: py-evm timed run returned {computation.output!r} with "
                                 f"{_gas_used(computation)} gas, not {output!r} with {gas}")

    answer = int.from_bytes(output, "big") if workload.evm_result == "uint256" else bytes(output)
    extra["opcode_mix"] = dict(mix.most_common(6))
    return Prepared(NAME, run, answer, ops=sum(mix.values()), gas=gas, extra=extra)


def _prepare_token(w: World, workload: Workload, n: int, token: bytes, selectors: dict, extra: dict) -> Prepared:
    state = w.state
    transfer = selectors[workload.evm_signature]
    calls = [(HOLDERS[s], transfer + _word(HOLDERS[r]) + _word(amount)) for s, r, amount in transfer_schedule(n)]

    # Count one call, then undo it: all calls cost the same (cold slots, non-zero balances).
    sender, data = calls[0]
    state.lock_changes()
    snapshot = state.snapshot()
    with counting_opcodes() as mix:
        counted = w.message(sender, token, data)
    state.revert(snapshot)
    _check(workload, counted)
    gas_per_call = _gas_used(counted)

    # The first pass is the answer; later runs go on from the state it leaves.
    logs = []
    for sender, data in calls:
        computation = w.message(sender, token, data)
        state.lock_changes()
        if computation.output != TRUE or _gas_used(computation) != gas_per_call:
            raise AnswerMismatch(f"{workload.key}: py-evm call returned {computation.output!r} "
                                 f"with {_gas_used(computation)} gas")
        logs.extend(computation.get_log_entries())
    balance_of = selectors["balanceOf(address)"]
    balances = tuple(int.from_bytes(w.message(DEPLOYER, token, balance_of + _word(holder)).output, "big")
                     for holder in HOLDERS)
    state.lock_changes()
    three_topics = [entry for entry in logs if len(entry[1]) == 3]
    answer = TokenAnswer(balances, len(three_topics), sum(int.from_bytes(entry[2], "big") for entry in three_topics))

    expected_gas = gas_per_call * len(calls)
    message, lock_changes = w.message, state.lock_changes

    def run():
        gas = 0
        for sender, data in calls:
            computation = message(sender, token, data)
            lock_changes()
            if computation.output != TRUE:
                raise AnswerMismatch(f"{workload.key}: py-evm transfer returned {computation.output!r}")
            gas += GAS - computation.get_gas_remaining()
        if gas != expected_gas:
            raise AnswerMismatch(f"{workload.key}: a py-evm timed run used {gas} gas, not {expected_gas}")

    extra["opcode_mix"] = dict(mix.most_common(6))
    return Prepared(NAME, run, answer, ops=sum(mix.values()), gas=gas_per_call, extra=extra)
