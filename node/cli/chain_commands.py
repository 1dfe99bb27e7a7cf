"""`hutong deploy | send | call | tx | block | logs`: contracts on a running node.

Arguments are typed by the contract's ABI: integers (decimal or 0x-hex),
addresses and bytes as 0x-hex, strings as text, bools as true/false, enum
members by name, arrays and structs as JSON (`'[{"payee": "0x..", "amount": 5}]'`).
"""

from __future__ import annotations

import re
import sys

import click

from .common import (
    EXIT_FAILED, AbiArgsCommand, compile_or_fail, emit_json, handle_errors, json_option, load_sender, parse_arguments,
    print_receipt, rpc_option, sender_options, show_event, show_value, to_json, transaction_options,
)


TX_HASH = re.compile(r"0x[0-9a-fA-F]{64}")


def register(group: click.Group) -> None:
    for command in (deploy, send, call, tx, block, logs):
        group.add_command(command)


def _client(rpc: str):
    from node.sdk.client import Client
    return Client(rpc)


def _contract(client, address: str, source: str | None, as_json: bool):
    from node.sdk.abi import address_bytes
    from node.sdk.errors import ArgumentError
    try:
        address_bytes(address)
    except ArgumentError:
        raise click.UsageError(f"ADDRESS must be 0x followed by 40 hex digits, not {address!r}") from None
    if source:
        return client.at(address, compile_or_fail(source, as_json))
    metadata = client.get_contract(address)
    if not metadata or not metadata.get("abi"):
        raise click.ClickException(
            f"the node has no ABI for {address} (no contract there, or it was deployed without its "
            f"metadata): give the contract's source with --source FILE.ht")
    return client.at(address, metadata["abi"], metadata.get("name"))


def _function(contract, name: str):
    if name not in contract.functions:
        raise click.UsageError(f"{contract.name} has no function {name!r}; it has "
                               f"{', '.join(sorted(contract.functions))}")
    return contract.functions[name]


def _not_found(as_json: bool, what: str, which: str) -> None:
    if as_json:
        emit_json({"error": "not_found", what: which})
    else:
        click.echo(f"no {what} {which}", err=True)
    sys.exit(EXIT_FAILED)


def _finish_transaction(send, as_json: bool, on_success=None) -> None:
    """Run a sending callable; print its receipt; exit 1 when it failed."""
    from node.sdk.errors import TransactionFailed
    try:
        receipt = send()
    except TransactionFailed as exc:
        if exc.receipt is None:
            raise
        print_receipt(exc.receipt, as_json, exc)
        sys.exit(EXIT_FAILED)
    if on_success:
        on_success(receipt)
    print_receipt(receipt, as_json)


@click.command(cls=AbiArgsCommand)
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.argument("args", nargs=-1)
@rpc_option
@sender_options
@transaction_options
@json_option
@handle_errors
def deploy(source, args, rpc, key_file, dev_account, password_file, value, gas, as_json):
    """Compile SOURCE (.ht) and deploy it with constructor ARGS; print the address."""
    compiled = compile_or_fail(source, as_json)
    from node.sdk.contract import abi_index
    values = parse_arguments(abi_index(compiled.abi).constructor, args, abi_index(compiled.abi).context,
                             f"{compiled.name} constructor")
    sender = load_sender(key_file, dev_account, password_file)
    client = _client(rpc)

    def send():
        return client.deploy(compiled, *values, sender=sender, value=value, gas=gas).deploy_receipt

    def announce(receipt):
        if not as_json:
            click.echo(f"{compiled.name} deployed at {receipt.created}")
    _finish_transaction(send, as_json, announce)


@click.command(cls=AbiArgsCommand)
@click.argument("address")
@click.argument("function")
@click.argument("args", nargs=-1)
@rpc_option
@sender_options
@transaction_options
@click.option("--source", type=click.Path(exists=True, dir_okay=False),
              help="Take the ABI from this source instead of the node's stored metadata.")
@json_option
@handle_errors
def send(address, function, args, rpc, key_file, dev_account, password_file, value, gas, source, as_json):
    """Send a transaction calling FUNCTION of the contract at ADDRESS; print the receipt
    (status, gas, events, return value, or the decoded revert with its source line)."""
    client = _client(rpc)
    contract = _contract(client, address, source, as_json)
    target = _function(contract, function)
    values = parse_arguments(target.entry, args, contract.types, f"{contract.name}.{function}")
    sender = load_sender(key_file, dev_account, password_file)
    _finish_transaction(lambda: target.transact(*values, sender=sender, value=value, gas=gas), as_json)


@click.command(cls=AbiArgsCommand)
@click.argument("address")
@click.argument("function")
@click.argument("args", nargs=-1)
@rpc_option
@click.option("--from", "sender", metavar="ADDRESS", help="The caller (msg.sender) of the call.")
@click.option("--value", type=click.IntRange(min=0), default=0, help="Value the call pretends to send.")
@click.option("--source", type=click.Path(exists=True, dir_okay=False),
              help="Take the ABI from this source instead of the node's stored metadata.")
@json_option
@handle_errors
def call(address, function, args, rpc, sender, value, source, as_json):
    """Call FUNCTION of the contract at ADDRESS without a transaction; print the return value."""
    client = _client(rpc)
    contract = _contract(client, address, source, as_json)
    target = _function(contract, function)
    values = parse_arguments(target.entry, args, contract.types, f"{contract.name}.{function}")
    result = target.call(*values, sender=sender, value=value)
    if as_json:
        emit_json({"status": "success", "value": to_json(result)})
    elif result is not None:
        click.echo(show_value(result))


@click.command()
@click.argument("tx_hash", metavar="HASH")
@rpc_option
@json_option
@handle_errors
def tx(tx_hash, rpc, as_json):
    """Show a transaction and its receipt (events decoded, failures explained)."""
    if not TX_HASH.fullmatch(tx_hash):
        raise click.UsageError(f"HASH must be 0x followed by 64 hex digits, not {tx_hash!r}")
    client = _client(rpc)
    transaction = client.get_transaction(tx_hash)
    receipt = client.get_receipt(tx_hash)
    if transaction is None and receipt is None:
        _not_found(as_json, "transaction", tx_hash)
    if as_json:
        emit_json({"transaction": transaction, "receipt": receipt.as_json() if receipt else None})
        return
    if transaction:
        for name in ("from", "to", "nonce", "value", "gas_limit"):
            if name in transaction:
                click.echo(f"{name:<9} {transaction[name]}")
    if receipt is None:
        click.echo("pending (no receipt yet)")
        return
    error = None
    if not receipt.success:
        from node.sdk.contract import failure_error
        error = failure_error(receipt.status, receipt.failure, client.abi_of, receipt)
    print_receipt(receipt, False, error)


@click.command()
@click.argument("height", default="latest")
@click.option("--full", is_flag=True, help="Include whole transactions.")
@rpc_option
@json_option
@handle_errors
def block(height, full, rpc, as_json):
    """Show block HEIGHT (a number or "latest")."""
    if height != "latest" and not height.isdigit():
        raise click.UsageError(f"HEIGHT is a block number or 'latest', not {height!r}")
    found = _client(rpc).get_block(height if height == "latest" else int(height), full)
    if found is None:
        _not_found(as_json, "block", height)
    if as_json:
        emit_json(found)
        return
    for name, value in _with_producer_address(found).items():
        if isinstance(value, list):
            click.echo(f"{name:<14} {len(value)}")
            for item in value:
                click.echo(f"  {item if isinstance(item, str) else item.get('hash', item)}")
        elif isinstance(value, dict):
            click.echo(f"{name:<14} {show_value(value)}")
        else:
            click.echo(f"{name:<14} {value}")


def _with_producer_address(found: dict) -> dict:
    """A block header names its producer by public key (what verifies its signature);
    the node's banner and accounts use addresses: show both, labelled."""
    shown = {}
    for name, value in found.items():
        if name == "producer" and isinstance(value, str):
            try:
                from node.crypto import address_of, to_hex
                shown["producer"] = to_hex(address_of(bytes.fromhex(value.removeprefix("0x"))))
            except ValueError:
                pass
            shown["producer key"] = value
        else:
            shown[name] = value
    return shown


@click.command()
@click.option("--address", metavar="ADDRESS", help="Only logs of this contract.")
@click.option("--event", metavar="NAME", help="Only this event (needs --address or --source for its ABI).")
@click.option("--from", "from_block", type=click.IntRange(min=0), default=0, show_default=True,
              help="First block.")
@click.option("--to", "to_block", default="latest", show_default=True, help="Last block (a number or 'latest').")
@click.option("--source", type=click.Path(exists=True, dir_okay=False),
              help="Decode (and find --event) with this source's ABI.")
@rpc_option
@json_option
@handle_errors
def logs(address, event, from_block, to_block, source, rpc, as_json):
    """Show logs, decoded into events where the contract's ABI is known."""
    if to_block != "latest" and not to_block.isdigit():
        raise click.UsageError(f"--to is a block number or 'latest', not {to_block!r}")
    to_block = to_block if to_block == "latest" else int(to_block)
    client = _client(rpc)
    from node.sdk.contract import abi_index, decode_events
    local_abi = compile_or_fail(source, as_json).abi if source else None
    topics = []
    if event:
        if local_abi is None and address is None:
            raise click.UsageError("--event needs --address (the node knows its ABI) or --source")
        contract_abi = local_abi or client.abi_of(address)
        info = abi_index(contract_abi or {}).events_by_name.get(event)
        if info is None:
            known = ", ".join(abi_index(contract_abi or {}).events_by_name) or "none"
            raise click.UsageError(f"no event {event!r} in the contract's ABI (it has {known})")
        topics = ["0x" + info["entry"]["topic0"]]
    entries = client.get_logs(address, topics, from_block, to_block)

    def abi_of(log_address):
        return local_abi if local_abi is not None and (address is None or log_address == address.lower()) \
            else client.abi_of(log_address)
    events = decode_events(entries, abi_of)
    if as_json:
        emit_json([{**entry, "event": event.as_json()} for entry, event in zip(entries, events)])
        return
    for entry, decoded in zip(entries, events):
        click.echo(f"block {entry.get('block')} tx {entry.get('tx_hash')}  {show_event(decoded)}")
    if not entries:
        click.echo("no logs")
