"""Runs one corpus file: a `.ht` program with its expectations in comments.

Expectation lines (anywhere in the file):

  # error[E0203] at 4:9        the file must fail to compile with exactly these
                               errors (code and position); repeat for several
  # deploy: arg, ... [as bob]  constructor arguments (default: none, as alice)
  # call: name(arg, ...) [as bob] [value N]
                               call an external function; it must succeed unless a
                               `# revert:` line follows
  # expect: VALUE              the decoded result (a tuple for several results)
  # revert: Name(arg, ...) [at L:C]
                               the call reverts with this error (declared or built
                               in); `at L:C` checks the source-mapped location
  # events: Name(arg, ...), ...  the logs of the call, in order (`# events: none`)
  # time: N                    set block.timestamp for the following calls

Values are Python expressions over: alice, bob, carol, dave, eve (addresses),
`self` (the contract), `addr(n)`, `sha3(b)`, `sha256(b)`, `role("NAME")`,
`enc(type, value)` (vm.abi.encode), and ordinary literals. Strings compare with
the UTF-8 bytes the VM returns; True/False with 1/0.
"""

from __future__ import annotations

import ast as pyast
import hashlib
import re
from dataclasses import dataclass, field

from compiler import CompileError, compile as compile_source
from vm import encode

from .chain import ACTORS, Chain

ERROR_LINE = re.compile(r"#\s*error\[(E\d{4})\]\s+at\s+(\d+):(\d+)")
DIRECTIVE = re.compile(r"#\s*(deploy|call|expect|revert|events|time):\s*(.*)$")
SUFFIX = re.compile(r"^(.*?)(?:\s+as\s+(\w+))?(?:\s+value\s+(\S+))?\s*$")


@dataclass
class Call:
    line: int
    text: str
    expect: str | None = None
    revert: str | None = None
    events: str | None = None
    time: int | None = None


@dataclass
class Spec:
    errors: list = field(default_factory=list)
    deploy: str | None = None
    calls: list = field(default_factory=list)


def parse_spec(source: str) -> Spec:
    spec = Spec()
    pending_time = None
    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        m = ERROR_LINE.search(stripped)
        if m and stripped.startswith("#"):
            spec.errors.append((m.group(1), int(m.group(2)), int(m.group(3))))
            continue
        m = DIRECTIVE.match(stripped)
        if not m:
            continue
        kind, rest = m.group(1), m.group(2).strip()
        if kind == "deploy":
            spec.deploy = rest
        elif kind == "time":
            pending_time = int(eval(rest, {}))
        elif kind == "call":
            spec.calls.append(Call(number, rest, time=pending_time))
            pending_time = None
        else:
            if not spec.calls:
                raise AssertionError(f"line {number}: `# {kind}:` before any `# call:`")
            setattr(spec.calls[-1], kind, rest)
    return spec


def _env(contract=None) -> dict:
    env = dict(ACTORS)
    env.update({
        "addr": lambda n: int(n).to_bytes(20, "big"),
        "sha3": lambda b: hashlib.sha3_256(b if isinstance(b, bytes) else b.encode()).digest(),
        "sha256": lambda b: hashlib.sha256(b if isinstance(b, bytes) else b.encode()).digest(),
        "role": lambda name: hashlib.sha3_256(name.encode()).digest(),
        "enc": encode,
        "self": contract.address if contract is not None else b"\x00" * 20,
        "True": True, "False": False, "bytes": bytes, "len": len, "list": list, "range": range, "sum": sum, "min": min, "max": max,
    })
    return env


def _value(text: str, env: dict):
    return _normalize(eval(text, {"__builtins__": {}}, env))


def _normalize(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        return value.encode()
    if isinstance(value, (list, tuple)):
        return [_normalize(v) for v in value]
    return value


def _split_call(text: str):
    m = SUFFIX.match(text)
    body, who, value = m.group(1), m.group(2), m.group(3)
    tree = pyast.parse(body, mode="eval").body
    if not isinstance(tree, pyast.Call) or not isinstance(tree.func, pyast.Name):
        raise AssertionError(f"not a call: {body}")
    return tree, who, value


def _args(tree, env) -> list:
    return [_normalize(eval(compile(pyast.Expression(a), "<arg>", "eval"), {"__builtins__": {}}, env)) for a in tree.args]


def run_file(path: str, engine=None) -> None:
    with open(path, encoding="utf-8") as f:
        source = f.read()
    spec = parse_spec(source)
    name = path.rsplit("/", 1)[-1]
    try:
        artifacts = compile_source(source, name)
    except CompileError as exc:
        if not spec.errors:
            raise AssertionError(f"unexpected compile error:\n{exc}") from None
        got = sorted((e.code, e.span.line, e.span.column) for e in exc.errors if e.span)
        want = sorted(spec.errors)
        assert got == want, f"errors differ\nwant {want}\ngot  {got}\n{exc}"
        return
    if spec.errors:
        raise AssertionError(f"expected errors {spec.errors} but the file compiled")
    chain = Chain(engine=engine)
    deploy_args, deployer = [], ACTORS["alice"]
    if spec.deploy is not None:
        m = SUFFIX.match(spec.deploy)
        text = m.group(1).strip()
        if m.group(2):
            deployer = ACTORS[m.group(2)]
        if text:
            deploy_args = _normalize(list(eval(f"({text},)", {"__builtins__": {}}, _env())))
    contract = chain.deploy(artifacts, *deploy_args, sender=deployer)
    env = _env(contract)
    for call in spec.calls:
        if call.time is not None:
            chain.timestamp = call.time
        tree, who, value = _split_call(call.text)
        sender = ACTORS[who] if who else ACTORS["alice"]
        result = contract.call(tree.func.id, *_args(tree, env), sender=sender, value=int(value) if value else 0)
        where = f"{name}:{call.line}: {call.text}"
        if call.revert is not None:
            assert not result.success, f"{where}: expected a revert, got {result.value!r}"
            text = call.revert
            at = None
            m = re.search(r"\s+at\s+(\d+):(\d+)\s*$", text)
            if m:
                at = (int(m.group(1)), int(m.group(2)))
                text = text[:m.start()]
            expected = revert_data(artifacts.abi, text.strip(), env)
            assert result.output == expected, f"{where}: revert data {result.output.hex()} != {expected.hex()} ({result.status} {result.halt})"
            if at is not None:
                assert contract.where(result) == at, f"{where}: reverted at {contract.where(result)}, expected {at}"
            continue
        assert result.success, f"{where}: failed with {result.status} {result.halt} {result.output.hex()} at {contract.where(result)}"
        if call.expect is not None:
            expected = _value(call.expect, env)
            assert result.value == expected, f"{where}: returned {result.value!r}, expected {expected!r}"
        if call.events is not None:
            expected_logs = [] if call.events.strip() == "none" else event_logs(artifacts.abi, call.events, env)
            got = [(log.topics, log.data) for log in result.logs]
            assert got == expected_logs, f"{where}: logs differ\n got {got}\nwant {expected_logs}"


def revert_data(abi: dict, text: str, env: dict) -> bytes:
    tree = pyast.parse(text, mode="eval").body
    name = tree.func.id
    error = next((e for e in abi["errors"] if e["name"] == name), None)
    if error is None:
        raise AssertionError(f"unknown error {name}")
    args = _args(tree, env)
    types = [i["type"] for i in error["inputs"]]
    if name == "Error":
        types = [f"string<={max(1, len(args[0]))}"]
    data = bytes.fromhex(error["selector"])
    if types:
        data += encode("(" + ",".join(types) + ")", args)
    return data


def event_logs(abi: dict, text: str, env: dict) -> list:
    tree = pyast.parse(f"[{text}]", mode="eval").body
    out = []
    for call in tree.elts:
        event = next((e for e in abi["events"] if e["name"] == call.func.id), None)
        if event is None:
            raise AssertionError(f"unknown event {call.func.id}")
        args = _args(call, env)
        topics = [bytes.fromhex(event["topic0"])]
        data_types, data_values = [], []
        for spec, value in zip(event["inputs"], args):
            if spec["indexed"]:
                encoded = encode(spec["type"], value)
                topics.append(encoded.rjust(32, b"\x00") if len(encoded) <= 32 and _fixed(spec["type"]) else hashlib.sha3_256(encoded).digest())
            else:
                data_types.append(spec["type"])
                data_values.append(value)
        data = encode("(" + ",".join(data_types) + ")", data_values) if data_types else b""
        out.append((tuple(topics), data))
    return out


def _fixed(t: str) -> bool:
    return "<=" not in t and "[" not in t and "(" not in t
