"""The `hutong` command line. Each group of subcommands lives in its own module
and is registered below; `--help` imports nothing heavy."""

from __future__ import annotations

import json
import sys

import click


def _wants_json(args: list[str]) -> bool:
    """`--json` among the options (before a `--`): known before click parses anything,
    so a usage error found while parsing can be reported as JSON too."""
    return "--json" in (args[:args.index("--")] if "--" in args else args)


class HutongGroup(click.Group):
    """With `--json`, errors click reports itself (usage errors, exit 2; other
    `ClickException`s, exit 1 or 3) are one JSON object on stdout as well:
    {"error": "usage_error", "message": ..., "usage": ...}."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = list(sys.argv[1:] if args is None else args)
        if not standalone_mode or not _wants_json(args):
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            report = {"error": "usage_error", "message": exc.format_message()}
            if exc.ctx is not None:
                report["usage"] = exc.ctx.get_usage()
            _emit(report)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            _emit({"error": "unreachable" if exc.exit_code == 3 else "failed", "message": exc.format_message()})
            sys.exit(exc.exit_code)
        except click.Abort:
            _emit({"error": "aborted", "message": "aborted"})
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def _emit(report: dict) -> None:
    click.echo(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False))


@click.group(cls=HutongGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
