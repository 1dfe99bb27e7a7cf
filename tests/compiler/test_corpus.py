"""The language test corpus: every `.ht` file under tests/compiler/corpus/ is
compiled, deployed and called as its inline expectations say (see
tests/compiler/corpus_runner.py for the expectation syntax)."""

import pathlib

import pytest

from vm.reference import REFERENCE

from .corpus_runner import run_file

CORPUS = pathlib.Path(__file__).parent / "corpus"
FILES = sorted(CORPUS.rglob("*.ht"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_corpus(path):
    run_file(str(path))


RUNNABLE = [p for p in FILES if "# call:" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", RUNNABLE, ids=[str(p.relative_to(CORPUS)) for p in RUNNABLE])
def test_corpus_on_the_reference_interpreter(path):
    """The same expectations hold when the VM's slow reference engine runs the code."""
    run_file(str(path), engine=REFERENCE)


def test_corpus_has_passing_and_failing_cases():
    failing = [p for p in FILES if "# error[" in p.read_text(encoding="utf-8")]
    assert len(failing) >= 10 and len(FILES) - len(failing) >= 10
