"""The Hutong VM: a gas-metered, verified stack machine. See vm/README.md."""

from .abi import AbiError, decode, encode
from .asm import Assembler, assemble_text, disassemble, parse_asm
from .container import Container, Function, code_hash, parse_container, selector
from .errors import ExceptionalHalt, OutOfGas, Revert, Status, VerifyError
from .machine import BlockEnv, ExecutionResult, FailurePoint, Message, create_address, execute
from .runtime import ERROR_BY_SELECTOR, ERROR_DATA, Log
from .state import Account, MemoryState, State
from .verifier import Program, verify

__all__ = [
    "AbiError", "Account", "Assembler", "BlockEnv", "Container", "ERROR_BY_SELECTOR", "ERROR_DATA",
    "ExceptionalHalt", "ExecutionResult", "FailurePoint", "Function", "Log", "MemoryState", "Message",
    "OutOfGas", "Program", "Revert", "State", "Status", "VerifyError", "assemble_text", "code_hash",
    "create_address", "decode", "disassemble", "encode", "execute", "parse_asm", "parse_container",
    "selector", "verify",
]
