"""One object that runs the pipeline and exposes every stage.

    parse -> declarations -> typecheck (+ call graph, layout checks) -> codegen -> assemble

`Compilation(source, file)` computes each stage on first use, so `-f ast` stops
after parsing and `-f abi` after the checks. `compile(source)` runs everything
and returns `Artifacts`. Bad input only ever raises `CompileError`; anything
else escaping is wrapped in `InternalCompilerError`.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from . import ast
from .abi_json import abi_json
from .callgraph import check_recursion
from .codegen import Codegen
from .declarations import Contract, Declarations
from .errors import CompileError, Diagnostics, InternalCompilerError
from .layout import check_layout, layout_json
from .parse import parse
from .prepass import decode_source
from .sourcemap import build_source_map
from .typecheck import check_contract
from vm.asm import AsmError, disassemble
from vm.constants import MAX_CODE_SIZE, MAX_CONSTANTS, MAX_FUNCTIONS
from vm.opcodes import BY_NAME
from vm.container import Container, parse_container
from vm.errors import VerifyError

RECURSION_LIMIT = 6000


@dataclass
class Artifacts:
    container: Container
    abi: dict
    layout: dict
    source_map: dict
    module: ast.Module
    function_names: list

    @property
    def bytecode(self) -> bytes:
        return self.container.serialize()

    @property
    def asm(self) -> str:
        """Assembly text (built on demand: most callers never look at it)."""
        return disassemble(self.container)

    @property
    def ast(self) -> dict:
        return ast.to_json(self.module)

    def as_dict(self, formats=("abi", "bytecode", "asm", "layout", "source_map", "ast")) -> dict:
        out = {}
        for f in formats:
            if f == "bytecode":
                out[f] = self.bytecode.hex()
            else:
                out[f] = getattr(self, f)
        return out


class Compilation:
    def __init__(self, source: str | bytes, file: str = "<source>"):
        self.source = source
        self.file = file
        self._module = None
        self._contract = None
        self._facts = None
        self._artifacts = None

    def _guard(self, stage):
        limit = sys.getrecursionlimit()
        if limit < RECURSION_LIMIT:
            sys.setrecursionlimit(RECURSION_LIMIT)
        try:
            return stage()
        except CompileError:
            raise
        except InternalCompilerError:
            raise
        except RecursionError as exc:
            raise InternalCompilerError(f"recursion limit hit in {stage.__name__}") from exc
        except Exception as exc:
            raise InternalCompilerError(f"{type(exc).__name__} in {stage.__name__}: {exc}") from exc
        finally:
            sys.setrecursionlimit(limit)

    @property
    def text(self) -> str:
        return decode_source(self.source, self.file)

    def module(self) -> ast.Module:
        if self._module is None:
            self._module = self._guard(lambda: parse(self.source, self.file))
        return self._module

    def ast_json(self) -> dict:
        return ast.to_json(self.module())

    def checked(self):
        if self._facts is None:
            module = self.module()

            def check():
                diags = Diagnostics(self.text)
                decls = Declarations(module, self.file, diags)
                contract = decls.run()
                facts = check_contract(contract, decls, diags)
                check_recursion(contract, facts, diags)
                check_layout(contract, diags)
                diags.check()
                return contract, facts
            self._contract, self._facts = self._guard(check)
        return self._contract, self._facts

    def contract(self) -> Contract:
        return self.checked()[0]

    def abi(self) -> dict:
        return abi_json(self.contract())

    def layout(self) -> dict:
        return layout_json(self.contract())

    def artifacts(self) -> Artifacts:
        if self._artifacts is None:
            contract, facts = self.checked()

            def generate():
                try:
                    asm = Codegen(contract, facts).run()
                    size = sum(BY_NAME[item[1]].size for f in asm.functions for item in f.items if item[0] == "op")
                    if size > MAX_CODE_SIZE:  # before assembling: jump targets are only 16 bits
                        raise too_large(f"{size} bytes of code", self.text)
                    container, notes = asm.assemble()
                except CompileError as exc:
                    if exc.source is None:
                        exc.source = self.text
                    raise
                except AsmError as exc:
                    if "stack_overflow" in str(exc):
                        raise CompileError("E0009", "an expression needs more than 1024 VM stack slots", None,
                                           "build large list literals step by step with append", self.text) from None
                    raise InternalCompilerError(f"generated code does not assemble: {exc}") from exc
                # The assembler ran the verifier's analysis on every function (it computes
                # the max stack heights with it); the container tables are checked here.
                # Tests run the full `vm.verify` on every container the corpus produces.
                try:
                    parse_container(container.serialize())
                except VerifyError as exc:
                    if exc.rule in ("code_size", "container_size", "functions", "constants"):
                        raise too_large(exc.message, self.text) from None
                    raise InternalCompilerError(f"generated container does not verify: {exc}") from exc
                source_map = build_source_map(self.file, asm.functions, notes)
                return Artifacts(container, abi_json(contract), layout_json(contract), source_map,
                                 self.module(), [f.name for f in asm.functions])
            self._artifacts = self._guard(generate)
        return self._artifacts


def too_large(detail: str, text: str) -> CompileError:
    return CompileError("E0316", f"the contract is too large for the VM: {detail}", None,
                        f"the VM accepts at most {MAX_CODE_SIZE} bytes of code, {MAX_FUNCTIONS} functions and "
                        f"{MAX_CONSTANTS} constants; split it into several contracts", text)


def compile(source: str | bytes, file: str = "<source>") -> Artifacts:
    """Compile a Hutong source; raises CompileError (with every error found)."""
    return Compilation(source, file).artifacts()


def dumps(data) -> str:
    """Canonical JSON for artifacts: sorted keys, so output is byte-identical."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
