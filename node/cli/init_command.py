"""`hutong init DIR`: a new contract project with a sample contract and its tests."""

from __future__ import annotations

import os
from importlib import resources

import click

from .common import emit_json, json_option

# template file -> path in the new project
FILES = {
    "budget.ht.tmpl": "contracts/budget.ht",
    "test_budget.py.tmpl": "tests/test_budget.py",
    "README.md.tmpl": "README.md",
    "pytest.ini.tmpl": "pytest.ini",
    "gitignore.tmpl": ".gitignore",
}


def register(group: click.Group) -> None:
    group.add_command(init)


@click.command()
@click.argument("directory", type=click.Path(file_okay=False))
@json_option
def init(directory, as_json):
    """Create a project in DIRECTORY: contracts/budget.ht and tests/test_budget.py
    (run them with `pytest`)."""
    clashes = [path for path in FILES.values() if os.path.exists(os.path.join(directory, path))]
    if clashes:
        raise click.ClickException(f"{directory} already has {', '.join(clashes)}; nothing written")
    name = os.path.basename(os.path.abspath(directory))
    templates = resources.files("node.templates")
    written = []
    for template, target in FILES.items():
        text = templates.joinpath(template).read_text(encoding="utf-8")
        if template == "README.md.tmpl":
            text = text.replace("{name}", name)
        path = os.path.join(directory, target)
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        written.append(path)
    if as_json:
        emit_json({"directory": directory, "files": written})
        return
    for path in written:
        click.echo(f"created {path}")
    click.echo(f"\nnext: cd {directory} && pytest")
