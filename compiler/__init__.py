"""The Hutong contract language compiler. See compiler/README.md.

    from compiler import compile, CompileError
    artifacts = compile(source_text, "token.ht")
    artifacts.container, artifacts.abi, artifacts.layout, artifacts.source_map
"""

from .errors import CompileError, CompileErrors, InternalCompilerError, Span
from .facade import Artifacts, Compilation, compile, dumps

__all__ = ["Artifacts", "Compilation", "CompileError", "CompileErrors", "InternalCompilerError", "Span",
           "compile", "dumps"]
