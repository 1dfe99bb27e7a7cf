"""Golden files for the example contracts: their ABI, layout and assembly.

    python -m compiler.golden            # check: exit 1 and list what differs
    python -m compiler.golden --update   # rewrite the golden files after review

Each `tests/compiler/golden/NAME.ht` has `NAME.abi.json`, `NAME.layout.json`
and `NAME.asm` beside it, and `nodes.ht` (every AST node kind) also
`nodes.ast.json` with the position of every node. tests/compiler/test_golden.py runs the check.
"""

from __future__ import annotations

import pathlib
import sys

from .facade import compile, dumps

AST_GOLDEN = {"nodes"}  # small examples whose AST (node kinds and spans) is pinned too
GOLDEN = pathlib.Path(__file__).resolve().parent.parent / "tests" / "compiler" / "golden"


def expected_outputs(source_path: pathlib.Path) -> dict[pathlib.Path, str]:
    artifacts = compile(source_path.read_bytes(), source_path.name)
    stem = source_path.with_suffix("")
    outputs = {
        stem.with_suffix(".abi.json"): dumps(artifacts.abi),
        stem.with_suffix(".layout.json"): dumps(artifacts.layout),
        stem.with_suffix(".asm"): artifacts.asm,
    }
    if stem.name in AST_GOLDEN:
        outputs[stem.with_suffix(".ast.json")] = dumps(artifacts.ast)
    return outputs


def check(directory: pathlib.Path = GOLDEN, update: bool = False) -> list[str]:
    """Paths whose content differs from a fresh compile (after rewriting them if update)."""
    stale = []
    for source in sorted(directory.glob("*.ht")):
        for path, text in expected_outputs(source).items():
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != text:
                stale.append(str(path))
                if update:
                    path.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str]) -> int:
    update = "--update" in argv
    stale = check(update=update)
    for path in stale:
        print(("updated " if update else "differs: ") + path)
    return 0 if update or not stale else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
