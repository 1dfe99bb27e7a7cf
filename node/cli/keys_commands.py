"""`hutong keys new | list | show`: Ed25519 key files, encrypted at rest (node/keystore.py)."""

from __future__ import annotations

import click

from .common import emit_json, json_option, read_password


def register(group: click.Group) -> None:
    group.add_command(keys)


@click.group()
def keys() -> None:
    """Create and inspect encrypted key files (scrypt + AES-GCM)."""


def _keystore():
    from node import keystore
    return keystore


def _fail(exc) -> click.ClickException:
    return click.ClickException(str(exc))


@keys.command("new")
@click.option("--name", help="File name in the keystore (default: the address).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the key file here instead of the keystore.")
@click.option("--password-file", type=click.Path(exists=True, dir_okay=False),
              help="Read the password from this file (else $HUTONG_PASSWORD, else a prompt).")
@json_option
def keys_new(name, out, password_file, as_json):
    """Generate a key and save it encrypted; print its address and file."""
    from node.crypto import Key
    keystore = _keystore()
    password = read_password(password_file, confirm=True)
    key = Key.generate()
    try:
        path = keystore.save(key, password, out, name=name)
    except FileExistsError as exc:
        raise click.ClickException(f"{exc.filename} exists; choose another --name or --out") from None
    address = "0x" + key.address.hex()
    if as_json:
        emit_json({"address": address, "public_key": "0x" + key.public_key.hex(), "file": str(path)})
    else:
        click.echo(f"address  {address}\nfile     {path}")


@keys.command("list")
@click.option("--dir", "directory", type=click.Path(file_okay=False),
              help="Keystore directory (default: $HUTONG_KEYSTORE or ~/.hutong/keystore).")
@json_option
def keys_list(directory, as_json):
    """List the key files of the keystore (no password needed)."""
    keystore = _keystore()
    found = keystore.list_keys(directory)
    if as_json:
        emit_json([{"name": k.path.stem, "address": k.address, "file": str(k.path)} for k in found])
        return
    if not found:
        click.echo(f"no key files in {directory or keystore.keystore_dir()}")
    width = max((len(k.path.stem) for k in found), default=0)
    for k in found:
        click.echo(f"{k.path.stem:<{width}}  {k.address}")


@keys.command("show")
@click.argument("key")
@click.option("--private", is_flag=True, help="Decrypt and print the private seed too (asks for the password).")
@click.option("--password-file", type=click.Path(exists=True, dir_okay=False),
              help="Read the password from this file (else $HUTONG_PASSWORD, else a prompt).")
@json_option
def keys_show(key, private, password_file, as_json):
    """Show KEY (a key file, or a name in the keystore): address, public key, file."""
    keystore = _keystore()
    try:
        found = keystore.load(keystore.resolve(key))
        out = {"address": found.address, "public_key": found.public_key, "file": str(found.path),
               "kdf": {k: v for k, v in found.data["kdf"].items() if k != "salt"}}
        if private:
            out["private_seed"] = "0x" + found.unlock(read_password(password_file)).seed().hex()
    except keystore.KeystoreError as exc:
        raise _fail(exc) from None
    if as_json:
        emit_json(out)
        return
    for name, value in out.items():
        click.echo(f"{name:<12} {value}")
    if private:
        click.echo("keep the private seed secret: anyone holding it can sign as this address", err=True)
