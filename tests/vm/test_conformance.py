"""Consume the conformance fixtures in tests/fixtures/vm/ (filled by the
reference engine with `python -m tests.fixtures.vm.fill`): both engines must
reproduce every observable of every fixture exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fixtures.vm.fill import run_fixture
from vm import VerifyError, assemble_text, verify
from vm.opcodes import OPCODES

from .helpers import ENGINE_IDS, ENGINES

FIXTURES = sorted(
    (fixture for path in (Path(__file__).parent.parent / "fixtures" / "vm").glob("*.json")
     for fixture in json.loads(path.read_text())),
    key=lambda f: f["name"],
)


@pytest.mark.parametrize("engine", ENGINES, ids=ENGINE_IDS)
@pytest.mark.parametrize("fixture", FIXTURES, ids=[f["name"] for f in FIXTURES])
def test_fixture(fixture, engine):
    if "verify_error" in fixture["expect"]:
        with pytest.raises(VerifyError) as info:
            verify(bytes.fromhex(fixture["container"][2:]))
        assert info.value.rule == fixture["expect"]["verify_error"]
        return
    container = fixture["pre"]["0x" + "c0" * 20]["container"]
    assert "0x" + assemble_text(fixture["asm"]).serialize().hex() == container
    assert run_fixture(fixture, engine) == fixture["expect"]


def test_every_instruction_has_a_success_and_an_out_of_gas_fixture():
    used = {"success": set(), "out_of_gas": set()}
    for fixture in FIXTURES:
        status = fixture["expect"].get("status")
        if status in used:
            names = {line.split()[0] for line in fixture["asm"].splitlines()
                     if line.startswith("    ") and line.split()[0].isupper()}
            used[status] |= names
    every = {op.name for op in OPCODES}
    assert every - used["success"] == set()
    assert every - used["out_of_gas"] == set()


def test_fixtures_cover_every_outcome():
    kinds = {f["expect"].get("status") or "verify_error" for f in FIXTURES}
    assert kinds == {"success", "revert", "out_of_gas", "halt", "verify_error"}
