"""What the developer commands share: the `--rpc`, `--json` and sender options,
exit codes, and turning SDK errors into messages.

Exit codes: 0 ok; 1 the transaction or call failed or reverted (or another
error, such as a compile error or a wrong password); 2 usage error (click's
own, and arguments that do not fit the ABI); 3 the node is unreachable.

Heavy imports (compiler, SDK) happen inside the commands, so `--help` stays fast.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys

import click

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3
DEFAULT_RPC = "http://127.0.0.1:8545"


class Unreachable(click.ClickException):
    exit_code = EXIT_UNREACHABLE


# A negative integer as a command-line argument: -3, -0x10, -1_000.
NEGATIVE_NUMBER = re.compile(r"-(0[xX][0-9a-fA-F_]+|[0-9][0-9_]*)")


class AbiArgsCommand(click.Command):
    """A command whose positional ARGS are ABI values, so may be negative numbers.

    click reads `-3` as an (unknown) option. Here a token that is a negative
    number and not the value of an option is kept as an argument: the options
    are parsed first and the positional tokens after a `--`, in their order.
    Anything else that starts with `-` is still an option, so a misspelt one
    (`--valeu 5`) stays an error rather than becoming an argument.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self._negatives_as_arguments(ctx, list(args)))

    def _negatives_as_arguments(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value = set()
        for param in self.get_params(ctx):
            if isinstance(param, click.Option) and not param.is_flag and not param.count:
                takes_value.update(param.opts)
        options, positional, index, found = [], [], 0, False
        while index < len(args):
            token = args[index]
            if token == "--":
                positional.extend(args[index + 1:])
                break
            if token in takes_value and index + 1 < len(args):
                options += [token, args[index + 1]]
                index += 2
                continue
            if NEGATIVE_NUMBER.fullmatch(token):
                positional.append(token)
                found = True
            elif token.startswith("-") and token != "-":
                options.append(token)
            else:
                positional.append(token)
            index += 1
        return [*options, "--", *positional] if found else args


def json_option(function):
    return click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")(function)


def rpc_option(function):
    return click.option("--rpc", metavar="URL", default=lambda: os.environ.get("HUTONG_RPC", DEFAULT_RPC),
                        show_default=f"$HUTONG_RPC or {DEFAULT_RPC}", help="The node's JSON-RPC URL.")(function)


def sender_options(function):
    function = click.option("--password-file", type=click.Path(exists=True, dir_okay=False),
                            help="Read the key file's password from this file (else $HUTONG_PASSWORD, "
                                 "else a prompt).")(function)
    function = click.option("--dev-account", type=click.IntRange(0, 9), metavar="N",
                            help="Sign with public dev key N (0-9) of a dev chain.")(function)
    function = click.option("--key", "key_file", metavar="FILE",
                            help="Sign with this key file (a path, or a name in the keystore).")(function)
    return function


def transaction_options(function):
    function = click.option("--gas", type=click.IntRange(min=1), help="Gas limit (default: estimated).")(function)
    function = click.option("--value", type=click.IntRange(min=0), default=0, show_default=True,
                            help="Value to send with the transaction.")(function)
    return function


def read_password(password_file: str | None, confirm: bool = False) -> str:
    if password_file:
        with open(password_file, encoding="utf-8") as f:
            return f.read().rstrip("\n")
    if os.environ.get("HUTONG_PASSWORD") is not None:
        return os.environ["HUTONG_PASSWORD"]
    if not sys.stdin.isatty():
        raise click.UsageError("no password: use --password-file or $HUTONG_PASSWORD (stdin is not a terminal)")
    return click.prompt("Password", hide_input=True, confirmation_prompt=confirm)


def load_sender(key_file: str | None, dev_account: int | None, password_file: str | None):
    """The signing key from --key or --dev-account (exactly one)."""
    if key_file and dev_account is not None:
        raise click.UsageError("give --key FILE or --dev-account N, not both")
    if dev_account is not None:
        from node.devkeys import dev_key
        return dev_key(dev_account)
    if not key_file:
        raise click.UsageError("a transaction needs a signer: --key FILE or --dev-account N")
    from node import keystore
    try:
        return keystore.load(keystore.resolve(key_file)).unlock(read_password(password_file))
    except keystore.KeystoreError as exc:
        raise click.ClickException(str(exc)) from None


def handle_errors(function):
    """Map SDK errors to exit codes; with --json, print them as one JSON object."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        from node.sdk.errors import ArgumentError, NodeUnreachable, RPCError, TransactionFailed
        as_json = kwargs.get("as_json", False)
        try:
            return function(*args, **kwargs)
        except ArgumentError as exc:
            raise click.UsageError(str(exc)) from None
        except NodeUnreachable as exc:
            if as_json:
                emit_json({"error": "node_unreachable", "message": str(exc)})
                sys.exit(EXIT_UNREACHABLE)
            raise Unreachable(f"{exc} (is the node running? see --rpc)") from None
        except TransactionFailed as exc:
            # a mined failure is printed with its receipt by the command; a call's failure here
            if as_json:
                emit_json({"status": exc.status, "failure": exc.failure,
                           "error": {"name": exc.error, "args": to_json(exc.error_args)}})
            else:
                click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_FAILED)
        except RPCError as exc:
            if as_json:
                emit_json({"error": getattr(exc, "name", "rpc_error"), "code": exc.code, "message": exc.message,
                           "data": exc.data})
                sys.exit(EXIT_FAILED)
            raise click.ClickException(f"the node refused: {exc.message} (code {exc.code})") from None
    return wrapper


def compile_or_fail(path: str, as_json: bool):
    from compiler import CompileError
    from node.sdk.contract import load_source
    try:
        return load_source(path)
    except CompileError as exc:
        if as_json:
            emit_json({"errors": [e.as_json() for e in exc.errors]})
        else:
            click.echo(exc.render(), err=True)
        sys.exit(EXIT_FAILED)
    except OSError as exc:
        raise click.UsageError(f"cannot read {path}: {exc.strerror}") from None


def parse_arguments(entry: dict, texts: tuple[str, ...], types, what: str) -> list:
    """Command-line arguments typed by an ABI entry's inputs (UsageError if they do not fit)."""
    from node.sdk.abi import normalize
    from node.sdk.errors import ArgumentError

    inputs = entry.get("inputs", []) if entry else []
    names = [i.get("name") or f"arg{n}" for n, i in enumerate(inputs)]
    if len(texts) != len(inputs):
        wanted = ", ".join(f"{n}: {i.get('lang_type') or i['type']}" for n, i in zip(names, inputs)) or "none"
        raise click.UsageError(f"{what} takes {len(inputs)} argument(s) ({wanted}), got {len(texts)}")
    try:
        return [types.parse_text(normalize(spec), text, f"{what} argument {name}")
                for spec, name, text in zip(inputs, names, texts)]
    except ArgumentError as exc:
        raise click.UsageError(str(exc)) from None


def to_json(value):
    from node.sdk.abi import to_json as convert
    return convert(value)


def emit_json(value) -> None:
    click.echo(json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False, default=str))


def show_value(value) -> str:
    converted = to_json(value)
    return converted if isinstance(converted, str) else json.dumps(converted, ensure_ascii=False)


def print_receipt(receipt, as_json: bool, error=None) -> None:
    """A receipt for people (status, gas, events, return value, or the decoded
    failure `error` with its source excerpt), or as JSON."""
    if as_json:
        emit_json(receipt.as_json())
        return
    click.echo(f"status    {receipt.status}")
    click.echo(f"tx        {receipt.tx_hash}")
    click.echo(f"block     {receipt.block}")
    click.echo(f"gas used  {receipt.gas_used}")
    if receipt.created:
        click.echo(f"created   {receipt.created}")
    if receipt.success and receipt.return_value is not None:
        click.echo(f"returned  {show_value(receipt.return_value)}")
    if receipt.events:
        click.echo("events")
        for event in receipt.events:
            click.echo(f"  {show_event(event)}")
    if error is not None:
        click.echo("error     " + str(error).replace("\n", "\n          "))


def show_event(event) -> str:
    shown = ", ".join(f"{k}={show_value(v)}" for k, v in event.args.items())
    return f"{event.name}({shown})  from {event.address}"
