"""The compiled tree (node/state/native.py): it computes what the pure-Python
tree computes, it is what `make test` runs, and a build that does not match
the sources is never loaded."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from node.state import native

REPO = Path(__file__).resolve().parents[3]
# `make test` sets this: there the build must be present and loaded.
EXPECTED = bool(os.environ.get("HUTONG_EXPECT_NATIVE"))


def _require_build() -> None:
    problem = native.build_problem()
    if problem is not None:
        if EXPECTED:
            pytest.fail(f"make test runs the compiled tree, but its build is not usable: {problem}")
        pytest.skip(f"the compiled tree is not built here ({problem}); `make test` builds it")


def _workload(directory: Path, seed: int, pure: bool) -> dict:
    env = {key: value for key, value in os.environ.items() if key != native.PURE_VARIABLE}
    if pure:
        env[native.PURE_VARIABLE] = "1"
    done = subprocess.run([sys.executable, "-m", "tests.node.state.native_workload", str(directory), str(seed)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("seed", [3, 11])
def test_compiled_and_pure_trees_agree_byte_for_byte(tmp_path, seed):
    _require_build()
    compiled = _workload(tmp_path / "compiled", seed, pure=False)
    pure = _workload(tmp_path / "pure", seed, pure=True)
    assert (compiled["active"], compiled["helper_active"]) == (True, True)
    assert (pure["active"], pure["helper_active"]) == (False, False)
    for hash_name in ("sha3_256", "sm3"):
        assert len(compiled["hashes"][hash_name]) == len(pure["hashes"][hash_name]) > 10
        for version, (ours, theirs) in enumerate(zip(compiled["hashes"][hash_name], pure["hashes"][hash_name])):
            assert ours == theirs, f"{hash_name} version {version}"


def test_make_test_runs_the_compiled_tree():
    _require_build()
    if os.environ.get(native.PURE_VARIABLE) and not EXPECTED:
        pytest.skip(f"{native.PURE_VARIABLE} is set: this run is of the pure-Python tree")
    assert native.active()
    assert native.describe().startswith("compiled with mypyc")


def test_the_pure_python_variable_loads_the_source():
    code = "from node.state import native, tree; print(native.active(), tree.__file__, native.describe())"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60,
                          env={**os.environ, native.PURE_VARIABLE: "1"})
    assert done.returncode == 0, done.stderr
    active, path, description = done.stdout.split(" ", 2)
    assert active == "False" and path.endswith("node/state/tree.py")
    assert description.strip() == f"pure Python ({native.PURE_VARIABLE} is set)"


def _fake_build(tmp_path: Path) -> tuple[Path, Path]:
    package, built = tmp_path / "package", tmp_path / "native"
    package.mkdir()
    built.mkdir()
    for name in native.MODULES:
        (package / f"{name}.py").write_text(f"# {name}\n")
    files = [f"{name}{native.EXTENSION_SUFFIX}" for name in native.MODULES]
    for name in files:
        (built / name).write_bytes(b"\x7fELF")
    manifest = {"extension_suffix": native.EXTENSION_SUFFIX, "sources": native.source_digests(package),
                "files": files}
    (built / native.MANIFEST).write_text(json.dumps(manifest))
    return package, built


def test_a_matching_build_is_loaded(tmp_path):
    package, built = _fake_build(tmp_path)
    assert native.build_problem(built, package) is None


def test_a_build_older_than_a_source_is_not_loaded(tmp_path):
    package, built = _fake_build(tmp_path)
    source = package / f"{native.MODULES[-1]}.py"
    source.write_text(source.read_text() + "x = 1\n")
    assert native.build_problem(built, package) == "a source changed since the build"


def test_a_build_for_another_interpreter_is_not_loaded(tmp_path):
    package, built = _fake_build(tmp_path)
    manifest = json.loads((built / native.MANIFEST).read_text())
    manifest["extension_suffix"] = ".cpython-312-x86_64-linux-gnu.so"
    (built / native.MANIFEST).write_text(json.dumps(manifest))
    assert "cpython-312" in native.build_problem(built, package)


def test_a_build_missing_a_file_is_not_loaded(tmp_path):
    package, built = _fake_build(tmp_path)
    (built / f"tree{native.EXTENSION_SUFFIX}").unlink()
    assert native.build_problem(built, package) == f"missing tree{native.EXTENSION_SUFFIX}"


@pytest.mark.parametrize("content", [None, "{not json", "[1, 2]"])
def test_no_manifest_or_a_broken_one_is_not_loaded(tmp_path, content):
    package, built = _fake_build(tmp_path)
    if content is None:
        (built / native.MANIFEST).unlink()
        assert native.build_problem(built, package) == "not built"
    else:
        (built / native.MANIFEST).write_text(content)
        assert native.build_problem(built, package).startswith("unreadable manifest")


def test_the_makefile_rebuilds_when_any_compiled_module_changes():
    makefile = (REPO / "Makefile").read_text()
    sources = re.search(r"^NATIVE_SOURCES := ((?:.*\\\n)*.*)$", makefile, re.M).group(1)
    listed = set(sources.replace("\\\n", " ").split())
    assert {f"node/state/{name}.py" for name in native.MODULES} <= listed
