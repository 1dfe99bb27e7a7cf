"""Python values and the ABI (node/sdk/abi.py): conversions both ways, text
arguments, topics, and the encoding/hash helpers against a contract's own."""

from __future__ import annotations

import json
import re

import pytest

from node.devchain import Chain
from node.sdk.abi import TypeContext, abi_encode, hash_values, normalize, topic_of, topic_value, to_json
from node.sdk.errors import ArgumentError

HASHER = """#@ version 0.1

struct Part:
    who: address
    amount: uint128

@external
@pure
def commit(who: address, price: uint128, salt: bytes32, memo: String[16]) -> bytes32:
    return sha3_256(abi_encode(who, price, salt, memo))

@external
@pure
def both(parts: DynArray[Part, 4], level: int16) -> (bytes32, bytes32):
    return sha256(abi_encode(parts, level)), sm3(abi_encode(parts, level))
"""

CONTEXT = TypeContext({"enums": [{"name": "Stage", "type": "u8", "members": {"OPEN": 0, "PAID": 1}}],
                       "roles": {"CLERK": "cc" * 32}})


def test_hash_helpers_match_the_contract():
    chain = Chain()
    hasher = chain.deploy(HASHER, name="hasher")
    who, salt = "0x" + "ab" * 20, b"\x07" * 32
    assert hasher.commit(who, 500, salt, "结算") == hash_values(
        ["address", "u128", "bytes32", "string<=16"], [who, 500, salt, "结算"])
    parts = [{"who": who, "amount": 3}, (who, 4)]
    sha, sm3 = hasher.both(parts, -2)
    as_tuples = [(who, 3), (who, 4)]  # a bare type string has no field names
    assert sha == hash_values(["(address,u128)[<=4]", "i16"], [as_tuples, -2], "sha256")
    named = hasher.both.input_specs[0]  # ...an ABI spec has them
    assert sm3 == hash_values([named, "i16"], [parts, -2], "sm3")
    assert abi_encode(["u16", "bool"], [258, True]) == b"\x01\x02\x01"
    with pytest.raises(ArgumentError, match="unknown hash"):
        hash_values(["u8"], [1], "md5")


@pytest.mark.parametrize("spec, value, vm_value, back", [
    ({"type": "u8"}, 255, 255, 255),
    ({"type": "i8"}, -128, -128, -128),
    ({"type": "bool"}, True, 1, True),
    ({"type": "address"}, "0x" + "0a" * 20, b"\x0a" * 20, "0x" + "0a" * 20),
    ({"type": "bytes4"}, "0xdeadbeef", b"\xde\xad\xbe\xef", b"\xde\xad\xbe\xef"),
    ({"type": "bytes<=8"}, b"ab", b"ab", b"ab"),
    ({"type": "string<=8"}, "工地", "工地".encode(), "工地"),
    ({"type": "u8", "enum": "Stage"}, "PAID", 1, 1),
    ({"type": "bytes32"}, "CLERK", b"\xcc" * 32, b"\xcc" * 32),
    ({"type": "u8[<=3]"}, (1, 2), [1, 2], [1, 2]),
])
def test_round_trips(spec, value, vm_value, back):
    spec = normalize(spec)
    assert CONTEXT.to_vm(spec, value) == vm_value
    assert CONTEXT.from_vm(spec, vm_value) == back


@pytest.mark.parametrize("spec, value, message", [
    ({"type": "u8"}, 256, "out of range 0..255"),
    ({"type": "u8"}, True, "not an integer"),
    ({"type": "i8"}, -129, "out of range -128..127"),
    ({"type": "bool"}, 2, "not a bool"),
    ({"type": "address"}, b"\x01" * 19, "19 bytes, not 20"),
    ({"type": "bytes4"}, "deadbeef", "written as 0x-hex"),
    ({"type": "bytes<=2"}, b"abc", "more than the bound 2"),
    ({"type": "u8", "enum": "Stage"}, "LOST", r"not a member of Stage \(OPEN, PAID\)"),
    ({"type": "u8[2]"}, [1], "1 elements, not 2"),
])
def test_conversion_errors(spec, value, message):
    with pytest.raises(ArgumentError, match=message):
        CONTEXT.to_vm(normalize(spec), value, "x")


def test_command_line_text():
    parse = CONTEXT.parse_text
    assert parse(normalize("u64"), "1_000") == 1000 and parse(normalize("i16"), "-0x10") == -16
    assert parse(normalize("bool"), "false") == 0
    assert parse(normalize({"type": "u8", "enum": "Stage"}), "PAID") == 1
    part = normalize({"type": "(address,u128)[<=2]", "element": {"type": "(address,u128)", "components": [
        {"name": "who", "type": "address"}, {"name": "amount", "type": "u128"}]}})
    assert parse(part, '[{"who": "0x' + "01" * 20 + '", "amount": "0x10"}]') == [[b"\x01" * 20, 16]]
    with pytest.raises(ArgumentError, match="expected bool, got 'yes'"):
        parse(normalize("bool"), "yes")
    with pytest.raises(ArgumentError, match="Expecting value"):
        parse(part, "[oops]")


@pytest.mark.parametrize("type_, value", [("u64", 7), ("i8", -3), ("bool", True), ("address", "0x" + "ab" * 20),
                                          ("bytes4", b"\x01\x02\x03\x04")])
def test_topics_round_trip(type_, value):
    spec = normalize(type_)
    assert topic_value(CONTEXT, spec, topic_of(CONTEXT, spec, value)) == value


def test_json_output():
    assert to_json({"a": b"\x01", "b": [CONTEXT.enums["Stage"].PAID]}) == {"a": "0x01", "b": ["PAID"]}


@pytest.mark.parametrize("type_, bad, example", [
    ("u8", 300, "255"), ("u16", 70000, "1000"), ("u256", -1, "1000"),
    ("i8", 200, "-5"), ("u8[3]", [1, 2, 300], "255"),
])
def test_argument_error_examples_fit_the_type(type_, bad, example):
    """`add8 argument b: expected u8, got 300: out of range 0..255; example: 1000`
    suggested a value that does not fit either."""
    spec = normalize({"type": type_})
    with pytest.raises(ArgumentError, match=rf"; example: {re.escape(example)}$") as info:
        CONTEXT.to_vm(spec, bad, "argument b")
    # ...and the example itself converts without an error
    element = spec["element"] if "element" in spec else spec  # an array's error names its element
    CONTEXT.to_vm(element, json.loads(example), "example")
    assert "argument b" in str(info.value)
