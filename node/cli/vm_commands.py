"""`hutong asm`, `hutong disasm`, `hutong run`: try VM code without a node."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    group.add_command(asm)


@click.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Container file (default: SOURCE with .htc).")
def asm(source: str, output: str | None) -> None:
    """Assemble text assembly into a container."""
    from vm.asm import AsmError, assemble_text

    try:
        container = assemble_text(open(source, encoding="utf-8").read())
    except AsmError as exc:
        raise click.ClickException(f"{source}: {exc}") from None
    output = output or source.rsplit(".", 1)[0] + ".htc"
    with open(output, "wb") as f:
        f.write(container.serialize())
    click.echo(f"{output}: {len(container.serialize())} bytes, code hash {container.code_hash.hex()}")
