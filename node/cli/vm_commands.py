"""`hutong asm`, `hutong disasm`, `hutong run`: try VM code without a node."""

from __future__ import annotations

import json
import re
import sys

import click


def register(group: click.Group) -> None:
    group.add_command(asm)
    group.add_command(disasm)
    group.add_command(run)


def _load_container(path: str):
    """A container from assembly text (.hasm) or container bytes (anything else)."""
    from vm.asm import AsmError, assemble_text
    from vm.container import parse_container
    from vm.errors import VerifyError

    raw = open(path, "rb").read()
    if path.endswith(".ht") or raw.lstrip().startswith(b"#@ version"):
        raise click.UsageError(
            f"{path} is a contract source, not VM code; compile it first with "
            f"`hutong compile {path} -f bytecode -o OUT_DIR` and give the .htc file it writes "
            f"(or deploy the source to a dev node: `hutong deploy {path} ...`)")
    try:
        if path.endswith((".hasm", ".asm", ".s")):
            return assemble_text(raw.decode("utf-8"))
        return parse_container(raw)
    except (AsmError, VerifyError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{path}: {exc}") from None


@click.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Container file (default: SOURCE with .htc).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def asm(source: str, output: str | None, as_json: bool) -> None:
    """Assemble text assembly into a container."""
    container = _load_container(source)
    data = container.serialize()
    output = output or source.rsplit(".", 1)[0] + ".htc"
    with open(output, "wb") as f:
        f.write(data)
    if as_json:
        click.echo(json.dumps({"output": output, "bytes": len(data), "code_hash": container.code_hash.hex()}))
    else:
        click.echo(f"{output}: {len(data)} bytes, code hash {container.code_hash.hex()}")


@click.command()
@click.argument("container_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--python", "show_python", is_flag=True, help="Also show the Python the translator generates.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def disasm(container_file: str, show_python: bool, as_json: bool) -> None:
    """Disassemble a container (or assembly) into text assembly."""
    from vm.asm import disassemble
    from vm.translator import source_of
    from vm.verifier import verify_container

    container = _load_container(container_file)
    text = disassemble(container)
    python = []
    if show_python:
        program = verify_container(container)
        python = [source_of(program, i) for i in range(len(container.functions))]
    if as_json:
        click.echo(json.dumps({"asm": text, "code_hash": container.code_hash.hex(), "python": python}))
        return
    click.echo(text, nl=False)
    for source in python:
        click.echo("\n" + source)


TYPE_NAMES = ("types are the VM's ABI names: u8..u256, i8..i256, bool, address, bytes1..bytes32, "
              "string<=N, bytes<=N, T[N], T[<=N], (T,...); the language's uint8, int16, String[N], "
              "Bytes[N] are accepted too")


def vm_type_names(text: str) -> str:
    """Language type names in a signature or type (`uint8`, `String[10]`) as the
    VM's (`u8`, `string<=10`), which selectors and encodings are defined by."""
    text = re.sub(r"\buint(\d+)\b", r"u\1", text)
    text = re.sub(r"\bint(\d+)\b", r"i\1", text)
    text = re.sub(r"\bString\[\s*(\d+)\s*\]", r"string<=\1", text)
    return re.sub(r"\bBytes\[\s*(\d+)\s*\]", r"bytes<=\1", text)


def _parse_call(function: str, args: tuple[str, ...]):
    """Selector and encoded arguments for a signature such as "transfer(address,u256)"."""
    from vm.abi import AbiError, encode, parse_type
    from vm.container import selector

    function = vm_type_names(function.replace(" ", ""))
    name, _, rest = function.partition("(")
    if not name or not rest.endswith(")"):
        raise click.UsageError(f"--function must be a signature such as 'run(u64)', not {function!r}")
    arg_types = "(" + rest
    try:
        t = parse_type(arg_types)
    except AbiError as exc:
        raise click.UsageError(f"bad argument types in {function!r}: {exc}; {TYPE_NAMES}") from None
    if len(args) != len(t.fields):
        raise click.UsageError(f"{function} takes {len(t.fields)} arguments, got {len(args)}")
    values = [_parse_value(text, field) for text, field in zip(args, t.fields)]
    try:
        return selector(function), encode(arg_types, values)
    except AbiError as exc:
        raise click.UsageError(f"arguments do not fit {arg_types}: {exc}") from None


def _parse_value(text: str, t):
    if t.value_kind == "i":
        try:
            return int(text, 0)
        except ValueError:
            raise click.UsageError(f"expected an integer for {t}, got {text!r} (example: 42)") from None
    if t.value_kind == "b":
        if t.kind == "string":
            return text.encode()
        try:
            return bytes.fromhex(text.removeprefix("0x"))
        except ValueError:
            raise click.UsageError(f"expected 0x-prefixed hex for {t}, got {text!r} (example: 0x1234)") from None
    try:
        return json.loads(text)
    except ValueError:
        raise click.UsageError(f"expected JSON for {t}, got {text!r} (example: [1, 2])") from None


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--function", "function", required=True,
              help="Signature to call, e.g. 'run(u64)' (VM type names; uint64 works too).")
@click.option("--args", "args", multiple=True, help="One argument (repeat for several).")
@click.option("--returns", default=None, help="Result type to decode, e.g. '(u256)'.")
@click.option("--gas", default=10_000_000, show_default=True, type=int)
@click.option("--trace", is_flag=True, help="Print one JSON line per executed instruction to stderr.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def run(file: str, function: str, args: tuple[str, ...], returns: str | None, gas: int, trace: bool,
        as_json: bool) -> None:
    """Deploy FILE into a fresh in-memory state and call one function."""
    from vm import MemoryState, Message, decode, execute
    from vm.abi import AbiError

    container = _load_container(file)
    sel, data = _parse_call(function, args)
    state = MemoryState()
    sender = bytes.fromhex("11" * 20)
    created = execute(Message(sender, None, 10**9, code=container.serialize()), state)
    if not created.success:
        raise click.ClickException(f"deployment failed: {created.status.value} {created.halt or created.output.hex()}")
    tracer = (lambda step: sys.stderr.write(json.dumps(step) + "\n")) if trace else None
    result = execute(Message(sender, created.created, gas, selector=sel, data=data), state, trace=tracer)
    decoded = None
    if returns and result.success:
        returns = vm_type_names(returns)
        try:
            decoded = decode(returns, result.output)
        except AbiError as exc:
            raise click.ClickException(f"return data does not decode as {returns}: {exc}") from None
    report = {
        "status": result.status.value,
        "gas_used": result.gas_used,
        "output": "0x" + result.output.hex(),
        "decoded": _jsonable(decoded),
        "halt": result.halt,
        "logs": [{"topics": ["0x" + t.hex() for t in log.topics], "data": "0x" + log.data.hex()}
                 for log in result.logs],
        "failure": [{"function": p.function, "pc": p.pc} for p in result.failure],
    }
    if as_json:
        click.echo(json.dumps(report))
    else:
        click.echo(f"status   {report['status']}" + (f" ({result.halt})" if result.halt else ""))
        click.echo(f"gas used {result.gas_used}")
        click.echo(f"output   {report['output']}" + (f"  = {report['decoded']}" if decoded is not None else ""))
        for log in report["logs"]:
            click.echo(f"log      topics={log['topics']} data={log['data']}")
        for point in report["failure"]:
            click.echo(f"failed   in function {point['function']} at pc {point['pc']}")
    if not result.success:
        sys.exit(1)


def _jsonable(value):
    if isinstance(value, bytes):
        return "0x" + value.hex()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value
