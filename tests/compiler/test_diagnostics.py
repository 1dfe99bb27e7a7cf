"""Error reporting: codes, positions, the caret under the span, hints, several
errors per run, and the distinction from internal compiler errors."""

import pytest

from compiler import CompileError, InternalCompilerError, compile
from compiler.errors import CODES, edit_distance

HEADER = "#@ version 0.1\n"


def errors_of(source: str) -> list[CompileError]:
    with pytest.raises(CompileError) as info:
        compile(source, "t.ht")
    return info.value.errors


def test_rendering_has_code_location_excerpt_caret_and_hint():
    source = HEADER + "balance_of: HashMap[address, uint256]\n\n@external\ndef f() -> uint256:\n    return self.balanceof[msg.sender]\n"
    [error] = errors_of(source)
    text = error.render()
    assert text.splitlines()[0] == "error[E0202]: no storage variable `balanceof`"
    assert "--> t.ht:6:12" in text
    assert "6 |     return self.balanceof[msg.sender]" in text
    caret = [line for line in text.splitlines() if set(line.strip(" |")) == {"^"}][0]
    assert caret.index("^") == text.splitlines()[-3].index("self")
    assert caret.count("^") == len("self.balanceof")
    assert "hint: did you mean `balance_of`?" in text


def test_caret_accounts_for_wide_characters():
    source = HEADER + "@external\ndef f() -> bool:\n    assert 1 == 2, \"金额\" ＋ \"x\"\n    return True\n"
    [error] = errors_of(source)
    assert error.code == "E0003"
    line = [l for l in error.render().splitlines() if "^" in l][0]
    # "金额" are two columns wide each in a terminal
    assert line.index("^") - line.index("|") - 2 == len("    assert 1 == 2, \"") + 4 + 2


def test_five_independent_errors_in_one_run():
    source = HEADER + "\n".join([
        "@external",
        "def a() -> uint256:",
        "    return undefined_name",
        "@external",
        "def b():",
        "    x: uint8 = 300",
        "@external",
        "def c() -> bool:",
        "    return 1",
        "@external",
        "def d():",
        "    break",
        "@external",
        "def e():",
        "    y: Strin[3] = \"a\"",
    ]) + "\n"
    codes = [e.code for e in errors_of(source)]
    assert codes == ["E0201", "E0207", "E0203", "E0308", "E0102"]


def test_hints_are_lazy():
    calls = []

    def hint():
        calls.append(1)
        return "expensive"
    error = CompileError("E0201", "x", None, hint)
    assert calls == []
    assert error.hint == "expensive" and error.hint == "expensive"
    assert calls == [1]


def test_codes_are_stable_and_unknown_codes_are_our_bug():
    assert all(code.startswith("E") and len(code) == 5 for code in CODES)
    with pytest.raises(InternalCompilerError):
        CompileError("E9999", "no such code")
    assert not issubclass(InternalCompilerError, CompileError)


def test_edit_distance():
    assert edit_distance("balance", "balances") == 1
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("a", "abcdefgh", limit=3) == 4


def test_json_form_of_errors():
    [error] = errors_of(HEADER + "x: uint256\n@external\ndef f():\n    self.y = 1\n")
    data = error.as_json()
    assert data["code"] == "E0202" and data["line"] == 5 and data["column"] == 5 and data["file"] == "t.ht"


@pytest.mark.parametrize("body, code, hint_part", [
    ("@external\ndef f():\n    x = 1\n", "E0201", "declare it with its type first"),
    ("@external\ndef f(a: uint256) -> bool:\n    if a = 1:\n        return True\n    return False\n", "E0010", "compare with `==`"),
    ("@external\ndef f() -> bool:\n    return true\n", "E0201", "write True"),
    ("@external\ndef f() -> uint256:\n    return 1;\n", "E0011", "remove the ';'"),
    ("@external\ndef f() -> uint256 {\n    return 1\n}\n", "E0011", "not braces"),
    ("@external\ndef f(a: uint256):\n    require(a > 1)\n", "E0206", "assert condition"),
    ("x: uint\n", "E0102", "uint256"),
    ("@external\ndef f(s: string):\n    pass\n", "E0102", "String[N]"),
])
def test_common_mistakes_get_hints(body, code, hint_part):
    first = errors_of(HEADER + body)[0]
    assert first.code == code and hint_part in (first.hint or ""), first.render()


# The container stores a function's parameter, local and return kinds with one-byte
# counts: past 255 the compiler must say so (E0317 / E0313), not crash in codegen.

def _internal_with(params: int, returns: str = "uint256", body: str = "    return a0\n") -> str:
    plist = ", ".join(f"a{i}: uint256" for i in range(params))
    args = ", ".join("1" for _ in range(params))
    return (HEADER + f"@internal\ndef g({plist}) -> {returns}:\n{body}\n"
            f"@external\ndef f():\n    x: {returns} = self.g({args})\n")


def test_255_parameters_compile():
    compile(_internal_with(255), "t.ht")


def test_256_parameters_are_e0317_at_the_function():
    [error] = errors_of(_internal_with(256))
    assert error.code == "E0317"
    assert (error.span.line, error.span.column) == (3, 5)
    assert "256 parameters" in error.message and "255" in error.message
    assert "split it" in error.hint
    assert "^" in error.render()


def test_256_return_values_are_e0317():
    types = ", ".join(["uint256"] * 256)
    values = ", ".join(["1"] * 256)
    source = (HEADER + f"@internal\ndef g() -> ({types}):\n    return {values}\n\n"
              "@external\ndef f() -> uint256:\n    return 1\n")
    [error] = errors_of(source)
    assert error.code == "E0317"
    assert (error.span.line, error.span.column) == (3, 5)
    assert "256 return values" in error.message


def test_256_locals_without_parameters_are_e0313():
    body = "".join(f"    v{i}: uint256 = {i}\n" for i in range(256)) + "    return v0\n"
    source = HEADER + f"@internal\ndef g() -> uint256:\n{body}\n@external\ndef f() -> uint256:\n    return self.g()\n"
    [error] = errors_of(source)
    assert error.code == "E0313"
    assert (error.span.line, error.span.column) == (3, 5)
    assert "split it" in error.hint
