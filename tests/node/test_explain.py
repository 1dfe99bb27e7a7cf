"""Failure explanations decode errors by their ABI types (strings as text)."""

import pytest

from node.explain import decode_revert, explain_failure
from vm.machine import FailurePoint
from vm import abi
from vm.container import selector

ABI = {"errors": [{"name": "BadParameter", "signature": "BadParameter(string,bytes32,string[])",
                   "selector": selector("BadParameter(string,bytes32,string[])").hex(),
                   "inputs": [{"name": "what", "type": "string<=64"}, {"name": "doc", "type": "bytes32"},
                              {"name": "notes", "type": "string<=8[<=2]"}]}]}


def test_custom_error_fields_decode_by_type():
    data = selector("BadParameter(string,bytes32,string[])") + abi.encode(
        "(string<=64,bytes32,string<=8[<=2])", [b"owner", b"\x01" * 32, [b"a", "\u96c4".encode()]])
    decoded = decode_revert(data, ABI)
    assert decoded["name"] == "BadParameter"
    assert decoded["args"] == {"what": "owner", "doc": "0x" + "01" * 32, "notes": ["a", "\u96c4"]}


def test_builtin_and_string_errors():
    assert decode_revert(selector("Overflow()"), None)["name"] == "Overflow"
    message = selector("Error(string)") + abi.encode("(string<=100)", [b"amount must be positive"])
    assert decode_revert(message, None)["args"] == {"message": "amount must be positive"}
    assert decode_revert(b"\x01\x02", None) is None


@pytest.mark.parametrize("metadata", [
    {"name": "Evil", "source_map": 5}, {"abi": []}, {"abi": {"errors": [5]}}, {"name": ["x"], "source_map": {}},
    {"abi": {"errors": [{"selector": "zz"}]}}, "not even an object",
])
def test_explaining_never_raises_whatever_the_stored_metadata(metadata):
    """Explanations run inside a block's commit: metadata stored by an older node
    (or anything else unexpected) gives the bare explanation, never an exception."""
    failure = [FailurePoint(b"\x42" * 20, 0, 3)]
    explanation = explain_failure("revert", b"\x83\x29\xce\xc9" + b"\x00" * 64, "", failure, lambda a: metadata)
    assert explanation["status"] == "revert" and explanation["data"].startswith("0x8329cec9")
