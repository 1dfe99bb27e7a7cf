"""JSON-RPC 2.0 for the node: one declaration per method, from which dispatch,
parameter checking, the OpenRPC description (`rpc.discover`, `/openrpc.json`)
and the method reference of docs/api.md are all derived.

A method is declared once, with `Registry.method`: its name, a doc line, its
parameters (each a `Param` with a `ParamType` that both decodes a JSON value
and describes it as a JSON schema), its result schema, the application errors
it may return and an example. Handlers receive decoded Python values and
return JSON-ready values; they never see raw JSON.

Errors. The protocol's own codes (-32700 parse error, -32600 invalid request,
-32601 method not found, -32602 invalid params, -32603 internal error) and the
node's stable codes (node/errors.py) all carry `data.name`, a stable string.
Whatever goes wrong inside a handler becomes a JSON-RPC error: a request never
gets an HTTP 5xx. Deeply nested JSON makes Python's parser raise
RecursionError; that is a parse error (-32700) too.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

from .config import Limits
from .errors import LimitExceeded, NodeError

log = logging.getLogger("hutong.rpc")

PARSE_ERROR = (-32700, "parse_error")
INVALID_REQUEST = (-32600, "invalid_request")
METHOD_NOT_FOUND = (-32601, "method_not_found")
INVALID_PARAMS = (-32602, "invalid_params")
INTERNAL_ERROR = (-32603, "internal_error")
PROTOCOL_ERRORS = (PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS, INTERNAL_ERROR)


class RpcError(NodeError):
    """A JSON-RPC protocol error (one of PROTOCOL_ERRORS)."""

    def __init__(self, kind: tuple[int, str], message: str, data=None):
        super().__init__(message, data)
        self.code, self.name = kind


def invalid_params(message: str) -> RpcError:
    return RpcError(INVALID_PARAMS, message)


# --- parameter types -----------------------------------------------------------------

class ParamType:
    """Decodes one JSON value (raising invalid params) and describes it."""

    schema: dict = {}

    def decode(self, value: Any, where: str) -> Any:
        raise NotImplementedError


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class Integer(ParamType):
    minimum: int = 0
    maximum: int = 2**64 - 1

    @property
    def schema(self) -> dict:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}

    def decode(self, value, where):
        if not _is_int(value) or not self.minimum <= value <= self.maximum:
            raise invalid_params(f"{where} must be an integer in [{self.minimum}, {self.maximum}]")
        return value


@dataclass(frozen=True)
class Number(ParamType):
    minimum: float = 0.0
    maximum: float = 1e9

    @property
    def schema(self) -> dict:
        return {"type": "number", "minimum": self.minimum, "maximum": self.maximum}

    def decode(self, value, where):
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not self.minimum <= value <= self.maximum:
            raise invalid_params(f"{where} must be a number in [{self.minimum}, {self.maximum}]")
        return float(value)


@dataclass(frozen=True)
class Boolean(ParamType):
    schema = {"type": "boolean"}

    def decode(self, value, where):
        if not isinstance(value, bool):
            raise invalid_params(f"{where} must be true or false")
        return value


@dataclass(frozen=True)
class HexBytes(ParamType):
    """0x-prefixed hex: exactly `size` bytes, or at most `max_size`."""

    size: int | None = None
    max_size: int = 1 << 20
    what: str = "bytes"

    @property
    def schema(self) -> dict:
        digits = f"{{{2 * self.size}}}" if self.size is not None else "*"
        return {"type": "string", "pattern": f"^0x([0-9a-fA-F]{{2}}){digits}$", "title": self.what}

    def decode(self, value, where):
        if not isinstance(value, str) or not value.startswith("0x"):
            raise invalid_params(f"{where} must be a 0x-prefixed hex string ({self.what})")
        limit = self.size if self.size is not None else self.max_size
        if len(value) > 2 + 2 * limit:
            raise invalid_params(f"{where} is longer than {limit} bytes")
        digits = value[2:]
        if len(digits) % 2 or not _HEX_DIGITS.fullmatch(digits):
            raise invalid_params(f"{where} is not valid hex (an even number of hex digits after 0x)")
        raw = bytes.fromhex(digits)
        if self.size is not None and len(raw) != self.size:
            raise invalid_params(f"{where} must be {self.size} bytes ({self.what})")
        return raw


_HEX_DIGITS = re.compile(r"[0-9a-fA-F]*")
ADDRESS = HexBytes(size=20, what="address")
HASH = HexBytes(size=32, what="32-byte hash")


@dataclass(frozen=True)
class BlockTag(ParamType):
    """A height, "latest" or "earliest" (and "pending" where allowed).
    Decodes to an int, None for latest, or "pending"."""

    pending: bool = False

    @property
    def schema(self) -> dict:
        tags = ["latest", "earliest"] + (["pending"] if self.pending else [])
        return {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "string", "enum": tags}]}

    def decode(self, value, where):
        if _is_int(value) and 0 <= value < 2**64:
            return value
        if value == "latest":
            return None
        if value == "earliest":
            return 0
        if value == "pending" and self.pending:
            return "pending"
        allowed = '"latest", "earliest"' + (', "pending"' if self.pending else "")
        raise invalid_params(f"{where} must be a block height or one of {allowed}")


@dataclass(frozen=True)
class Choice(ParamType):
    values: tuple[str, ...]

    @property
    def schema(self) -> dict:
        return {"type": "string", "enum": list(self.values)}

    def decode(self, value, where):
        if value not in self.values:
            raise invalid_params(f"{where} must be one of {', '.join(self.values)}")
        return value


@dataclass(frozen=True)
class Topics(ParamType):
    """Up to 4 positions, each null (any), a 32-byte hash, or a list of up to
    16 hashes (any of them). Decodes to a list of None | list[str]."""

    schema = {"type": "array", "maxItems": 4, "items": {"oneOf": [
        {"type": "null"}, HASH.schema, {"type": "array", "maxItems": 16, "items": HASH.schema}]}}

    def decode(self, value, where):
        if not isinstance(value, list) or len(value) > 4:
            raise invalid_params(f"{where} must be a list of at most 4 topic positions")
        out = []
        for position, option in enumerate(value):
            at = f"{where}[{position}]"
            if option is None:
                out.append(None)
            elif isinstance(option, list):
                if len(option) > 16:
                    raise invalid_params(f"{at} may list at most 16 topics")
                out.append(["0x" + HASH.decode(t, f"{at}[{i}]").hex() for i, t in enumerate(option)])
            else:
                out.append(["0x" + HASH.decode(option, at).hex()])
        return out


@dataclass(frozen=True)
class Param:
    name: str
    type: ParamType
    doc: str
    required: bool = True
    default: Any = None


@dataclass(frozen=True)
class Fields(ParamType):
    """A JSON object with named fields (unknown fields are refused)."""

    fields: tuple[Param, ...]
    title: str = "object"

    @property
    def schema(self) -> dict:
        return {"type": "object", "title": self.title, "additionalProperties": False,
                "properties": {p.name: {**p.type.schema, "description": p.doc} for p in self.fields},
                "required": [p.name for p in self.fields if p.required]}

    def decode(self, value, where):
        if not isinstance(value, dict):
            raise invalid_params(f"{where} must be an object")
        known = {p.name for p in self.fields}
        unknown = [key for key in value if key not in known]
        if unknown:
            raise invalid_params(f"{where} has unknown field(s) {', '.join(map(str, unknown[:5]))}; "
                                 f"expected {', '.join(sorted(known))}")
        out = {}
        for p in self.fields:
            if p.name in value and not (value[p.name] is None and not p.required):
                out[p.name] = p.type.decode(value[p.name], f"{where}.{p.name}")
            elif p.required:
                raise invalid_params(f"{where}.{p.name} is required")
            else:
                out[p.name] = p.default
        return out


# --- methods -------------------------------------------------------------------------------

@dataclass
class CallContext:
    """What a handler may use: the node, and the WebSocket connection if any.
    `after_response`: callbacks to run once the response has been queued (a
    subscription starts only after the client has its id)."""

    service: Any
    connection: Any = None
    after_response: list[Callable[[], None]] = field(default_factory=list)


Handler = Callable[..., Awaitable[Any]]


@dataclass(frozen=True)
class Method:
    name: str
    doc: str
    params: tuple[Param, ...]
    result: dict
    handler: Handler
    errors: tuple[tuple[int, str], ...] = ()
    example: tuple[list, Any] | None = None  # (params, result)
    websocket_only: bool = False
    result_name: str = "result"

    def decode_params(self, params: Any) -> dict:
        """Positional (a list) or named (an object) parameters, decoded. An
        optional parameter given as null takes its default (as Fields does)."""
        if params is None:
            params = []
        if isinstance(params, list):
            if len(params) > len(self.params):
                raise invalid_params(f"{self.name} takes at most {len(self.params)} parameter(s), "
                                     f"got {len(params)}")
            given = dict(zip((p.name for p in self.params), params))
        elif isinstance(params, dict):
            unknown = [key for key in params if key not in {p.name for p in self.params}]
            if unknown:
                raise invalid_params(f"{self.name} has no parameter {unknown[0]!r}")
            given = params
        else:
            raise RpcError(INVALID_REQUEST, "params must be an array or an object")
        decoded = {}
        for p in self.params:
            if p.name in given and (given[p.name] is not None or p.required):
                decoded[p.name] = p.type.decode(given[p.name], p.name)
            elif p.required:
                raise invalid_params(f"{self.name}: parameter {p.name!r} is required")
            else:
                decoded[p.name] = p.default
        return decoded


class Registry:
    """The methods, by name, in declaration order."""

    def __init__(self, title: str):
        self.title = title
        self.methods: dict[str, Method] = {}

    def method(self, name: str, *, doc: str, result: dict, params: tuple[Param, ...] = (),
               errors: tuple[tuple[int, str], ...] = (), example: tuple[list, Any] | None = None,
               websocket_only: bool = False, result_name: str = "result") -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            if name in self.methods:
                raise ValueError(f"method {name} declared twice")
            self.methods[name] = Method(name, doc, tuple(params), result, handler, tuple(errors), example,
                                        websocket_only, result_name)
            return handler
        return register

    def openrpc(self, version: str) -> dict:
        """The OpenRPC 1.2.6 document describing every method."""
        methods = []
        for method in self.methods.values():
            entry = {
                "name": method.name,
                "summary": method.doc.split("\n")[0],
                "description": method.doc + (" (WebSocket only.)" if method.websocket_only else ""),
                "paramStructure": "either",
                "params": [{"name": p.name, "description": p.doc, "required": p.required,
                            "schema": p.type.schema} for p in method.params],
                "result": {"name": method.result_name, "schema": method.result},
                "errors": [{"code": code, "message": name} for code, name in method.errors],
            }
            if method.example is not None:
                params, result = method.example
                entry["examples"] = [{
                    "name": f"{method.name} example",
                    "params": [{"name": p.name, "value": v} for p, v in zip(method.params, params)],
                    "result": {"name": method.result_name, "value": result}}]
            methods.append(entry)
        return {"openrpc": "1.2.6", "info": {"title": self.title, "version": version}, "methods": methods}


# --- dispatch ------------------------------------------------------------------------------

def error_object(code: int, name: str, message: str, data: Any = None) -> dict:
    extra = data if isinstance(data, dict) else ({} if data is None else {"detail": data})
    return {"code": code, "message": message, "data": {"name": name, **extra}}


def _response(request_id: Any, *, result: Any = None, error: dict | None = None) -> dict:
    if error is not None:
        return {"jsonrpc": "2.0", "id": request_id, "error": error}
    return {"jsonrpc": "2.0", "id": request_id, "result": result}


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def parse_json(body: bytes | str) -> Any:
    """Parse a request; RpcError(parse error) for anything that is not JSON,
    including nesting too deep for the parser and integers too long to convert."""
    try:
        return json.loads(body, parse_constant=_reject_constant)
    except RecursionError:
        raise RpcError(PARSE_ERROR, "request is nested too deeply") from None
    except ValueError as error:  # JSONDecodeError, UnicodeDecodeError, over-long integers
        raise RpcError(PARSE_ERROR, f"request is not valid JSON: {error}"[:300]) from None


def dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


class Dispatcher:
    """Runs JSON-RPC requests (single or batch) against a registry."""

    def __init__(self, registry: Registry, limits: Limits):
        self.registry = registry
        self.limits = limits
        self.requests = 0
        self.internal_errors = 0

    async def handle(self, body: bytes | str, context: CallContext) -> bytes | None:
        """The response body, or None when every request was a notification."""
        try:
            payload = parse_json(body)
        except RpcError as error:
            return dumps(_response(None, error=error_object(error.code, error.name, error.message)))
        if isinstance(payload, list):
            if not payload:
                return dumps(_response(None, error=error_object(*INVALID_REQUEST, "empty batch")))
            if len(payload) > self.limits.max_batch:
                error = LimitExceeded(f"batch of {len(payload)} requests exceeds the limit of {self.limits.max_batch}",
                                      {"limit": "max_batch", "max": self.limits.max_batch})
                return dumps(_response(None, error=error_object(error.code, error.name, error.message, error.data)))
            responses = await asyncio.gather(*(self.call(item, context) for item in payload))
            answered = [r for r in responses if r is not None]
            return self._encode(answered) if answered else None
        response = await self.call(payload, context)
        return None if response is None else self._encode(response)

    def _encode(self, answer: dict | list) -> bytes:
        """JSON of a response (or batch); a result that cannot be encoded (a bug)
        becomes that request's internal error rather than a failed HTTP response."""
        try:
            return dumps(answer)
        except (TypeError, ValueError):
            log.exception("a result could not be encoded as JSON")
            self.internal_errors += 1
            items = answer if isinstance(answer, list) else [answer]
            fixed = []
            for item in items:
                try:
                    dumps(item)
                    fixed.append(item)
                except (TypeError, ValueError):
                    fixed.append(_response(item.get("id"), error=error_object(*INTERNAL_ERROR, "internal error")))
            return dumps(fixed if isinstance(answer, list) else fixed[0])

    async def call(self, request: Any, context: CallContext) -> dict | None:
        """One request object -> its response object (None for a notification)."""
        self.requests += 1
        if not isinstance(request, dict):
            return _response(None, error=error_object(*INVALID_REQUEST, "a request must be a JSON object"))
        request_id = request.get("id")
        if not (request_id is None or isinstance(request_id, str) or _is_int(request_id)):
            return _response(None, error=error_object(*INVALID_REQUEST, "id must be a string, an integer or null"))
        notification = "id" not in request
        try:
            if request.get("jsonrpc") != "2.0":
                raise RpcError(INVALID_REQUEST, 'jsonrpc must be "2.0"')
            name = request.get("method")
            if not isinstance(name, str):
                raise RpcError(INVALID_REQUEST, "method must be a string")
            method = self.registry.methods.get(name)
            if method is None:
                raise RpcError(METHOD_NOT_FOUND, f"no method {name[:100]!r}; see rpc.discover")
            if method.websocket_only and context.connection is None:
                raise RpcError(METHOD_NOT_FOUND, f"{name} is available over the WebSocket (/ws) only")
            params = method.decode_params(request.get("params"))
            result = await method.handler(context, **params)
        except NodeError as error:
            if error.code == INVALID_REQUEST[0]:  # not a valid request, so not a notification either
                return _response(None, error=error_object(error.code, error.name, error.message, error.data))
            if notification:
                return None
            return _response(request_id, error=error_object(error.code, error.name, error.message, error.data))
        except Exception:  # the RPC boundary: a bug in a handler is an internal error, never a 5xx
            self.internal_errors += 1
            log.exception("internal error in %r", request.get("method"))
            if notification:
                return None
            return _response(request_id, error=error_object(*INTERNAL_ERROR, "internal error"))
        if notification:
            return None
        return _response(request_id, result=result)
