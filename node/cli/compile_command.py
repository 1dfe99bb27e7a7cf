"""`hutong compile FILE.ht`: compile a contract and print or write its artifacts."""

from __future__ import annotations

import json
import os

import click

FORMATS = ("abi", "bytecode", "asm", "layout", "source_map", "ast")


def register(group: click.Group) -> None:
    group.add_command(compile_command)


@click.command("compile")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("-f", "--formats", default="abi,bytecode",
              help=f"Comma-separated outputs: {','.join(FORMATS)} (default abi,bytecode).")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False),
              help="Write one file per format into this directory instead of printing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (errors too).")
def compile_command(source: str, formats: str, output_dir: str | None, as_json: bool) -> None:
    """Compile a Hutong contract (.ht)."""
    from compiler import CompileError, Compilation, dumps

    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise click.UsageError(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    with open(source, "rb") as f:
        data = f.read()
    name = os.path.basename(source)
    compilation = Compilation(data, name)
    try:
        if wanted == ["ast"]:
            outputs = {"ast": compilation.ast_json()}
        else:
            outputs = compilation.artifacts().as_dict(wanted)
    except CompileError as exc:
        if as_json:
            click.echo(json.dumps({"errors": [e.as_json() for e in exc.errors]}, indent=2, ensure_ascii=False))
        else:
            click.echo(exc.render(), err=True)
        raise SystemExit(1)
    if output_dir:
        os.makedirs(output_dir, exist_ok=True)
        stem = os.path.splitext(name)[0]
        for fmt, value in outputs.items():
            ext = {"bytecode": "htc", "asm": "asm"}.get(fmt, f"{fmt}.json")
            path = os.path.join(output_dir, f"{stem}.{ext}")
            if fmt == "bytecode":
                with open(path, "wb") as f:
                    f.write(bytes.fromhex(value))
            else:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(value if fmt == "asm" else dumps(value))
            click.echo(path)
        return
    if as_json:
        click.echo(dumps(outputs), nl=False)
        return
    for fmt, value in outputs.items():
        if len(outputs) > 1:
            click.echo(f"== {fmt} ==")
        click.echo(value if isinstance(value, str) else dumps(value), nl=isinstance(value, str))
