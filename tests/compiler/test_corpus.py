"""The language test corpus: every `.ht` file under tests/compiler/corpus/ is
compiled, deployed and called as its inline expectations say (see
tests/compiler/corpus_runner.py for the expectation syntax)."""

import pathlib

import pytest

from .corpus_runner import run_file

CORPUS = pathlib.Path(__file__).parent / "corpus"
FILES = sorted(CORPUS.rglob("*.ht"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_corpus(path):
    run_file(str(path))


def test_corpus_has_passing_and_failing_cases():
    failing = [p for p in FILES if "# error[" in p.read_text(encoding="utf-8")]
    assert len(failing) >= 10 and len(FILES) - len(failing) >= 10
