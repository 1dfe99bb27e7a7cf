"""docs/sdk.md's examples run as written (the client example against a live
node in tests/node/test_client_live.py)."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).parents[2] / "docs" / "sdk.md"


def example(name: str) -> str:
    match = re.search(rf"<!-- example: {name} -->\n```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert match, f"docs/sdk.md has no example {name!r}"
    return match.group(1)


def test_the_in_process_example_runs(capsys):
    namespace: dict = {}
    exec(compile(example("chain"), "docs/sdk.md (chain example)", "exec"), namespace)
    printed = capsys.readouterr().out
    assert "OverBudget(requested=5000, remaining=700)\n  at budget.ht:26:9 in pay" in printed
    assert namespace["budget"].remaining() == 700
