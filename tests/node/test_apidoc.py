"""docs/api.md is generated from the method registry, limits and error codes;
it must not be stale, and the registry must describe every method fully."""

from __future__ import annotations

from node import apidoc, errors
from node.api import REGISTRY


def test_api_doc_is_current():
    assert apidoc.TARGET.read_text() == apidoc.render(), "docs/api.md is stale: run `python -m node.apidoc`"


def test_every_method_has_a_doc_an_example_and_described_params():
    for method in REGISTRY.methods.values():
        assert method.doc and method.result, method.name
        assert method.example is not None or method.name == "rpc.discover", method.name
        if method.example is not None:
            assert len(method.example[0]) <= len(method.params), method.name
        for param in method.params:
            assert param.doc and param.type.schema, (method.name, param.name)


def test_every_error_code_is_explained_once():
    rows = apidoc.error_rows()
    codes = [code for code, _, _ in rows]
    assert len(codes) == len(set(codes))
    assert {name for _, name, _ in rows} == set(errors.MEANINGS)
