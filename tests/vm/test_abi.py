"""The canonical encoding: round trips, strictness, and no malleability."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vm import AbiError, decode, encode
from vm.abi import parse_type


def values_for(t):
    k = t.kind
    if k == "int":
        lo = -(1 << (t.bits - 1)) if t.signed else 0
        hi = (1 << (t.bits - 1)) - 1 if t.signed else (1 << t.bits) - 1
        return st.integers(lo, hi)
    if k == "bool":
        return st.integers(0, 1)
    if k == "address":
        return st.binary(min_size=20, max_size=20)
    if k == "fixed_bytes":
        return st.binary(min_size=t.size, max_size=t.size)
    if k == "bytes":
        return st.binary(max_size=t.size)
    if k == "string":
        return st.text(max_size=t.size // 4).map(lambda s: s.encode())
    if k == "array":
        return st.lists(values_for(t.elem), min_size=t.size, max_size=t.size)
    if k == "dynarray":
        return st.lists(values_for(t.elem), max_size=min(t.size, 5))
    return st.tuples(*[values_for(f) for f in t.fields]).map(list)


TYPES = ["(u8,i256,bool)", "(address,u256)", "(bytes<=40,string<=16)", "(u16[3],bool[<=4])",
         "((u8,address)[<=3],bytes32)", "(i64[2][<=2],string<=8[<=2])", "()"]


@pytest.mark.parametrize("descriptor", TYPES)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_round_trip_and_canonical(descriptor, data):
    value = data.draw(values_for(parse_type(descriptor)))
    encoded = encode(descriptor, value)
    assert decode(descriptor, encoded) == value
    assert encode(descriptor, decode(descriptor, encoded)) == encoded


@pytest.mark.parametrize("descriptor", TYPES)
@settings(max_examples=150, deadline=None)
@given(raw=st.binary(max_size=120))
def test_decoding_arbitrary_bytes_is_strict(descriptor, raw):
    try:
        value = decode(descriptor, raw)
    except AbiError:
        return
    assert encode(descriptor, value) == raw


@pytest.mark.parametrize("descriptor, raw", [
    ("(bool)", b"\x02"),
    ("(u16)", b"\x00"),
    ("(u16)", b"\x00\x01\x00"),
    ("(bytes<=2)", b"\x00\x00\x00\x03abc"),
    ("(string<=4)", b"\x00\x00\x00\x02\xff\xfe"),
    ("(u8[<=1])", b"\x00\x00\x00\x02\x01\x02"),
])
def test_rejections(descriptor, raw):
    with pytest.raises(AbiError):
        decode(descriptor, raw)


@pytest.mark.parametrize("descriptor, value", [
    ("(u8)", [256]), ("(u8)", [-1]), ("(i8)", [128]), ("(address)", [b"\x00" * 19]), ("(bool)", [2]),
    ("(bytes<=1)", [b"ab"]), ("(u8[2])", [[1]]), ("(u8[<=1])", [[1, 2]]), ("(u8,u8)", [1]),
])
def test_encoding_refuses_values_outside_the_type(descriptor, value):
    with pytest.raises(AbiError):
        encode(descriptor, value)


@pytest.mark.parametrize("text", ["u7", "u264", "(u8", "u8[", "bytes33", "bytes<=0", "(u8,)", "x", "u08", "u8[0]"])
def test_bad_type_descriptors(text):
    with pytest.raises(AbiError):
        parse_type(text)


def test_the_encoding_is_documented_bytes():
    assert encode("(u16,bool,address,bytes<=4)", [258, 1, b"\x11" * 20, b"ab"]) == (
        b"\x01\x02" + b"\x01" + b"\x11" * 20 + b"\x00\x00\x00\x02ab")
    assert encode("i8", -2) == b"\xfe"
    assert encode("u8[<=3]", [1, 2]) == b"\x00\x00\x00\x02\x01\x02"
