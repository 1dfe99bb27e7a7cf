"""The state A/B tool (benchmarks/state_ab.py): the base revision loads beside
this checkout, both stores take the same blocks, and the paired figures come
out. Timings are never asserted on."""

import subprocess
import sys

import pytest

from benchmarks import state_ab

ROOT = state_ab.REPO


def test_the_base_revision_is_exported_as_its_own_package(tmp_path):
    state_ab.export_base("HEAD", tmp_path)
    sources = list((tmp_path / "node_base").rglob("*.py"))
    assert sources and not (tmp_path / "node").exists()
    for source in sources:
        text = source.read_text(encoding="utf-8")
        assert "from node." not in text and "import node." not in text, source
    assert "from node_base.state.helper import serve" in (tmp_path / "node_base/state/helper.py").read_text()


def test_an_ab_run_pairs_the_blocks_and_checks_the_roots():
    proc = subprocess.run([sys.executable, "-m", "benchmarks.state_ab", "--keys", "2000", "--blocks", "16",
                           "--block-size", "300"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "6 paired blocks of 300 updates" in proc.stdout
    assert proc.stdout.count("updates/s") == 2 and "this faster in" in proc.stdout
    # like against like: a compiled checkout compiles the base's tree too
    from node.state import native
    build = "compiled with mypyc" if native.active() else "pure Python"
    assert f"base's tree: {build}" in proc.stdout and f"this's tree: {build}" in proc.stdout


def test_two_revisions_that_disagree_are_stopped():
    class Store:  # a store of a revision whose roots differ from the other's
        def __init__(self, salt):
            self.salt = salt

        def apply(self, block, version):
            return bytes([self.salt, version % 256])

    same = state_ab._apply_both({"base": Store(1), "this": Store(1)}, ["this", "base"], {b"k": b"v"}, 0)
    assert set(same) == {"base", "this"}
    with pytest.raises(AssertionError, match="disagree on the root of version 3"):
        state_ab._apply_both({"base": Store(1), "this": Store(2)}, ["base", "this"], {b"k": b"v"}, 3)
