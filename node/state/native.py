"""The state tree's hot modules (nodes.py, tree.py, cache.py) compiled to C with mypyc.

The Python source stays the one definition of the tree: mypyc compiles those
same modules, type annotations and all, into extension modules that CPython
imports in their place. `make` builds them (`python -m node.state.native_build`)
into node/state/_native/ with a manifest of what they were built from. On
import, node/state/__init__.py calls `activate`, which puts that directory
first on the package's path when, and only when, the manifest matches:

- the SHA-256 of each compiled module's source as it is now (a source edited
  since the build loads as Python until the next build, never stale code);
- this interpreter's extension suffix (another Python version or platform
  loads the Python source).

Anything else (not built, a failed build, HUTONG_PURE_PYTHON=1 in the
environment) loads the Python source, which computes the same roots, proofs
and records: tests/node/state/test_native.py runs one workload both ways and
compares every byte. Only speed differs (docs/state.md, "The compiled tree").
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.machinery
import json
import os
from pathlib import Path

MODULES = ("nodes", "tree", "cache")
PACKAGE_DIR = Path(__file__).resolve().parent
NATIVE_DIR = PACKAGE_DIR / "_native"
MANIFEST = "manifest.json"
PURE_VARIABLE = "HUTONG_PURE_PYTHON"
# The shared library mypyc puts the modules' code in, named from this package
# (node.state; another name when benchmarks/state_ab.py loads a second copy).
GROUP = f"{__name__.rpartition('.')[0]}._tree"
EXTENSION_SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def source_digests(package_dir: Path = PACKAGE_DIR) -> dict[str, str]:
    """SHA-256 (hex) of each compiled module's source."""
    return {name: hashlib.sha256((package_dir / f"{name}.py").read_bytes()).hexdigest() for name in MODULES}


def build_problem(native_dir: Path = NATIVE_DIR, package_dir: Path = PACKAGE_DIR) -> str | None:
    """Why the build in `native_dir` must not be loaded, or None when it
    matches the sources in `package_dir` and this interpreter."""
    try:
        manifest = json.loads((native_dir / MANIFEST).read_text())
    except FileNotFoundError:
        return "not built"
    except (OSError, ValueError) as error:
        return f"unreadable manifest: {error}"
    if not isinstance(manifest, dict):
        return "unreadable manifest"
    if manifest.get("extension_suffix") != EXTENSION_SUFFIX:
        return f"built for {manifest.get('extension_suffix')}, this interpreter loads {EXTENSION_SUFFIX}"
    if manifest.get("sources") != source_digests(package_dir):
        return "a source changed since the build"
    missing = [name for name in manifest.get("files", ()) if not (native_dir / name).is_file()]
    if missing or not manifest.get("files"):
        return f"missing {', '.join(missing) or 'files'}"
    return None


def activate(package_path: list[str]) -> str | None:
    """Put the compiled modules first on `package_path` (node.state's
    __path__) when their build matches; returns why not otherwise. Call it
    before anything imports one of MODULES."""
    if os.environ.get(PURE_VARIABLE):
        return f"{PURE_VARIABLE} is set"
    problem = build_problem()
    if problem is None and str(NATIVE_DIR) not in package_path:
        package_path.insert(0, str(NATIVE_DIR))
    return problem


def active() -> bool:
    """Whether the compiled modules are the ones loaded."""
    package = __name__.rpartition(".")[0]
    return all(str(importlib.import_module(f"{package}.{name}").__file__).endswith(EXTENSION_SUFFIX)
               for name in MODULES)


def describe() -> str:
    """One line for logs and benchmark reports."""
    if active():
        return f"compiled with mypyc ({', '.join(f'{name}.py' for name in MODULES)})"
    from node.state import native_problem
    return f"pure Python ({native_problem})"
