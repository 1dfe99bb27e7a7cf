"""docs/cli.md, generated from the command tree: a walkthrough for newcomers,
then every command's `--help`.

    python -m node.cli.docs            # rewrite docs/cli.md
    python -m node.cli.docs --check    # exit 1 if docs/cli.md is stale (tests run this)
    python -m node.cli.docs --replay   # rerun the walkthrough's commands on a fresh dev node,
                                       # update their transcripts, then rewrite docs/cli.md
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import click

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
WIDTH = 100

# The newcomer walkthrough (prose and `$ hutong ...` transcripts); `--replay`
# refreshes its transcripts from a fresh dev node.
WALKTHROUGH_PATH = Path(__file__).with_name("walkthrough.md")


def command_help(command: click.Command, path: list[str], parent: click.Context | None) -> tuple[str, click.Context]:
    settings = {"terminal_width": WIDTH, "max_content_width": WIDTH, **command.context_settings}
    context = click.Context(command, info_name=path[-1], parent=parent, **settings)
    return command.get_help(context), context


def render() -> str:
    from . import main

    sections = [WALKTHROUGH_PATH.read_text(encoding="utf-8")]

    def walk(command: click.Command, path: list[str], parent: click.Context | None) -> None:
        text, context = command_help(command, path, parent)
        if len(path) > 1:
            sections.append(f"### `{' '.join(path)}`\n\n```text\n{text}\n```\n")
        if isinstance(command, click.Group):
            for name in sorted(command.list_commands(context)):
                walk(command.get_command(context, name), [*path, name], context)

    walk(main, ["hutong"], None)
    return "\n".join(sections)


TRANSCRIPT_BLOCK = re.compile(r"```text\n(.*?)```", re.S)


def transcripts(text: str) -> list[tuple[list[str], str]]:
    """The `$ hutong ...` commands of the walkthrough with the output shown under each."""
    found = []
    for block in TRANSCRIPT_BLOCK.findall(text):
        for chunk in re.split(r"^(?=\$ hutong )", block, flags=re.M):
            if chunk.startswith("$ hutong "):
                command, _, output = chunk.partition("\n")
                found.append((shlex.split(command)[2:], output))
    return found


def replay() -> None:
    """Run the walkthrough on a fresh dev node (in a temporary project made by
    `hutong init`) and write what each command prints into walkthrough.md."""
    from click.testing import CliRunner

    from . import main

    text = WALKTHROUGH_PATH.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="hutong-walkthrough-") as directory:
        node = subprocess.Popen([sys.executable, "-c", "from node.cli import main; main()", "node", "--dev",
                                 "--port", "0", "--data-dir", os.path.join(directory, "data")],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            port = None
            for line in node.stdout:
                found = re.search(r"RPC\s+http://127\.0\.0\.1:(\d+)/rpc", line)
                if found:
                    port = found.group(1)
                    break
            if port is None:
                raise SystemExit("the dev node did not start")
            project = os.path.join(directory, "budget-project")
            CliRunner().invoke(main, ["init", project])
            previous = os.getcwd()
            os.chdir(project)
            os.environ["HUTONG_RPC"] = f"http://127.0.0.1:{port}"
            try:
                for args, expected in transcripts(text):
                    output = CliRunner().invoke(main, args, prog_name="hutong").output
                    if output != expected:
                        print(f"updated: hutong {' '.join(args)}")
                        text = text.replace(expected, output, 1)
            finally:
                os.chdir(previous)
        finally:
            node.terminate()
            node.wait(30)
    WALKTHROUGH_PATH.write_text(text, encoding="utf-8")


def main_entry(argv: list[str]) -> int:
    if "--replay" in argv:
        replay()
    text = render()
    if "--check" in argv:
        current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
        if current != text:
            print(f"{DOC_PATH} is stale: run `python -m node.cli.docs`", file=sys.stderr)
            return 1
        return 0
    DOC_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {DOC_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main_entry(sys.argv[1:]))
