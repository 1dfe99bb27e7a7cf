"""The `hutong` command line. Each group of subcommands lives in its own module
and is registered below; `--help` imports nothing heavy."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hutong")
def main() -> None:
    """Hutong: contract language, VM and node for construction finance."""


def _register() -> None:
    from . import (bench_command, chain_commands, compile_command, init_command, keys_commands, node_command,
                   vm_commands)

    vm_commands.register(main)
    compile_command.register(main)
    node_command.register(main)
    init_command.register(main)
    keys_commands.register(main)
    chain_commands.register(main)
    bench_command.register(main)


_register()
