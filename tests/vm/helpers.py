"""Deploy and call assembly in tests, on either engine."""

from __future__ import annotations

import itertools

from vm import MemoryState, Message, assemble_text, decode, encode, execute, selector
from vm.reference import REFERENCE
from vm.translator import TRANSLATOR

ENGINES = [TRANSLATOR, REFERENCE]
ENGINE_IDS = [engine.name for engine in ENGINES]
SENDER = bytes.fromhex("11" * 20)
OTHER = bytes.fromhex("22" * 20)


_nonces = itertools.count()


def deploy(state: MemoryState, asm: str, *, sender: bytes = SENDER, nonce: int | None = None, gas: int = 10**8,
           data: bytes = b"", value: int = 0) -> bytes:
    """Deploy assembly; each call uses a fresh nonce unless one is given."""
    nonce = next(_nonces) if nonce is None else nonce
    result = execute(Message(sender, None, gas, value=value, code=assemble_text(asm).serialize(),
                             data=data, nonce=nonce), state)
    assert result.success, (result.status, result.halt, result.output)
    return result.created


def call(state: MemoryState, address: bytes, signature: str, arg_types: str = "()", args=(), *,
         engine=TRANSLATOR, gas: int = 10**7, value: int = 0, sender: bytes = SENDER, static: bool = False):
    data = encode(arg_types, list(args))
    return execute(Message(sender, address, gas, value=value, selector=selector(signature), data=data,
                           static=static), state, engine=engine)


def returns(result, types: str):
    assert result.success, (result.status, result.halt, result.output)
    return decode(types, result.output)


def single_function(body: str, returns_type: str = "(u256)", locals_: str = "-", sig: str = "f()",
                    flags: str = "external") -> str:
    """An external function `sig` whose body leaves the results of `returns_type` on the stack."""
    return f"""
.function f {flags} sig="{sig}" params=b locals={locals_} returns=b
{body}
    ENCODE "{returns_type}"
    RET
.end
"""
