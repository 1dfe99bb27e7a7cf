"""The `hutong` command line. Each group of subcommands lives in its own module
and is registered below; `--help` imports nothing heavy."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hutong")
def main() -> None:
    """Hutong: contract language, VM and node for construction finance."""


def _register() -> None:
    from . import compile_command, node_command, vm_commands

    vm_commands.register(main)
    compile_command.register(main)
    node_command.register(main)


_register()
