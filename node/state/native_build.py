"""`python -m node.state.native_build`: compile the state tree's hot modules
with mypyc into node/state/_native/ (see native.py for how they load).

Needs the `native` extra (mypy, setuptools) and a C compiler; `make` runs it
whenever one of the compiled modules changed.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from node.state.native import EXTENSION_SUFFIX, GROUP, MANIFEST, MODULES, NATIVE_DIR, PACKAGE_DIR, source_digests


def build(native_dir: Path = NATIVE_DIR) -> list[str]:
    """Compile MODULES with mypyc into `native_dir` and write its manifest
    last, so an interrupted build is never loaded. Returns the files made."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    digests = source_digests()
    manifest_path = native_dir / MANIFEST
    manifest_path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="hutong-mypyc-") as work:
        sources = [str(PACKAGE_DIR / f"{name}.py") for name in MODULES]
        extensions = mypycify(["--follow-imports=silent", *sources], opt_level="3", group_name=GROUP,
                              target_dir=os.path.join(work, "c"))
        distribution = Distribution({"name": "hutong-native", "ext_modules": extensions})
        distribution.script_args = ["build_ext", "--build-lib", os.path.join(work, "lib"),
                                    "--build-temp", os.path.join(work, "temp")]
        distribution.parse_command_line()
        distribution.run_commands()
        built = sorted(Path(work, "lib").rglob(f"*{EXTENSION_SUFFIX}"))
        shared_library = f"{GROUP.rpartition('.')[2]}__mypyc{EXTENSION_SUFFIX}"
        expected = {f"{name}{EXTENSION_SUFFIX}" for name in MODULES} | {shared_library}
        if {path.name for path in built} != expected:
            raise RuntimeError(f"mypyc built {[path.name for path in built]}, expected {sorted(expected)}")
        native_dir.mkdir(exist_ok=True)
        for stale in native_dir.glob(f"*{EXTENSION_SUFFIX}"):
            stale.unlink()
        for path in built:
            shutil.copy2(path, native_dir / path.name)
    files = sorted(expected)
    manifest = {"extension_suffix": EXTENSION_SUFFIX, "sources": digests, "files": files}
    temporary = manifest_path.with_suffix(".tmp")
    temporary.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    os.replace(temporary, manifest_path)
    return files


def main() -> int:
    files = build()
    print(f"{NATIVE_DIR}: {', '.join(files)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
