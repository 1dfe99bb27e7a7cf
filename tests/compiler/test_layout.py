"""Storage layout soundness: distinct paths never share a key (checked against a
Python model under random writes), keys match `compiler.layout`, and adding or
reordering variables never moves the others."""

from hypothesis import HealthCheck, given, settings, strategies as st

from compiler import compile
from compiler.layout import encode_key, variable_id
from compiler.types import ADDRESS, StringType
from vm.state import storage_key

from .chain import Chain

SOURCE = """#@ version 0.1
struct Pair:
    a: uint64
    b: uint64

allowances: HashMap[address, HashMap[address, uint256]]
notes: HashMap[String[8], uint256]
pairs: HashMap[uint8, Pair]
flags: HashMap[uint8, DynArray[uint8, 3]]

@external
def set_allowance(o: address, s: address, v: uint256):
    self.allowances[o][s] = v

@external
def set_note(k: String[8], v: uint256):
    self.notes[k] = v

@external
def set_pair(k: uint8, a: uint64, b: uint64):
    self.pairs[k] = Pair(a=a, b=b)

@external
def push_flag(k: uint8, v: uint8):
    if len(self.flags[k]) < 3:
        self.flags[k].append(v)

@external
@view
def dump(o: address, s: address, k: String[8], i: uint8) -> (uint256, uint256, Pair, DynArray[uint8, 3]):
    return self.allowances[o][s], self.notes[k], self.pairs[i], self.flags[i]
"""

ADDRS = [bytes([i]) * 20 for i in range(1, 4)]
ARTIFACTS = compile(SOURCE, "layout.ht")

operation = st.one_of(
    st.tuples(st.just("set_allowance"), st.sampled_from(ADDRS), st.sampled_from(ADDRS), st.integers(0, 2**256 - 1)),
    st.tuples(st.just("set_note"), st.sampled_from(["", "a", "ab", "b"]), st.integers(0, 5)),
    st.tuples(st.just("set_pair"), st.integers(0, 3), st.integers(0, 2**64 - 1), st.integers(0, 2**64 - 1)),
    st.tuples(st.just("push_flag"), st.integers(0, 3), st.integers(0, 255)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, max_size=25))
def test_writes_never_alias(operations):
    contract = Chain().deploy(ARTIFACTS)
    allowances, notes, pairs, flags = {}, {}, {}, {}
    for op in operations:
        name, *args = op
        assert contract.call(name, *[a.encode() if isinstance(a, str) else a for a in args]).success
        if name == "set_allowance":
            allowances[(args[0], args[1])] = args[2]
        elif name == "set_note":
            notes[args[0]] = args[1]
        elif name == "set_pair":
            pairs[args[0]] = [args[1], args[2]]
        elif len(flags.setdefault(args[0], [])) < 3:
            flags[args[0]].append(args[1])
    for o in ADDRS:
        for s in ADDRS:
            for k in ["", "a", "ab", "b"]:
                for i in range(4):
                    got = contract.call("dump", o, s, k.encode(), i).value
                    assert got == [allowances.get((o, s), 0), notes.get(k, 0), pairs.get(i, [0, 0]), flags.get(i, [])]


def test_keys_follow_the_documented_layout():
    chain = Chain()
    contract = chain.deploy(ARTIFACTS)
    contract.call("set_allowance", ADDRS[0], ADDRS[1], 7)
    contract.call("set_note", b"ab", 9)
    key = variable_id("allowances") + encode_key(ADDRESS, ADDRS[0]) + encode_key(ADDRESS, ADDRS[1])
    assert chain.state.get(storage_key(contract.address, key)) == b"\x07"
    key = variable_id("notes") + encode_key(StringType(8), b"ab")
    assert chain.state.get(storage_key(contract.address, key)) == b"\x09"


def test_adding_and_reordering_variables_moves_nothing():
    base = "#@ version 0.1\na: uint256\nb: HashMap[address, uint256]\n"
    changed = "#@ version 0.1\nnew_one: uint8\nb: HashMap[address, uint256]\nextra: bool\na: uint256\n"
    before = compile(base + "@external\ndef f():\n    pass\n", "a.ht").layout["variables"]
    after = compile(changed + "@external\ndef f():\n    pass\n", "b.ht").layout["variables"]
    for name in ("a", "b"):
        assert before[name] == after[name]
