"""The node's HTTP face: `create_app(config)` builds the aiohttp application.

Routes: `POST /rpc` (JSON-RPC 2.0, single or batch), `GET /ws` (JSON-RPC and
subscriptions over a WebSocket), `GET /health`, `GET /openrpc.json`. The path
`/` is left free for the explorer, which (like any other addition) comes in
through `extra_routes`.

The running node (`NodeService`) is opened and closed in the application's
`cleanup_ctx` and reached through a typed `web.AppKey`. Handlers only decode,
call the node, and encode; every JSON-RPC failure is a JSON-RPC error object
(HTTP 200), an over-long body is HTTP 413 with a JSON-RPC error body, and
nothing a client sends produces a 5xx.
"""

from __future__ import annotations

import socket
from typing import AsyncIterator, Callable, Iterable

from aiohttp import web

from .api import REGISTRY, health_object, node_version
from .config import NodeConfig
from .errors import LimitExceeded
from .ordering import OrderingLog
from .rpc import CallContext, Dispatcher, dumps, error_object
from .service import NodeService
from .subscriptions import Connection

CONFIG = web.AppKey("config", NodeConfig)
SERVICE = web.AppKey("service", NodeService)
DISPATCHER = web.AppKey("dispatcher", Dispatcher)

routes = web.RouteTableDef()


def create_app(config: NodeConfig, *, extra_routes: Iterable[web.AbstractRouteDef] = (),
               log_factory: Callable[[int], OrderingLog] | None = None) -> web.Application:
    """The node as an aiohttp application. `extra_routes` are added after the
    node's own (the explorer serves `/`); `log_factory(next_height)` supplies
    the ordering log (default: LocalLog)."""
    app = web.Application()
    app[CONFIG] = config
    app[DISPATCHER] = Dispatcher(REGISTRY, config.limits)

    async def node_service(app: web.Application) -> AsyncIterator[None]:
        service = NodeService(app[CONFIG], log_factory)
        try:
            await service.start()
        except BaseException:
            await service.close()
            raise
        app[SERVICE] = service
        yield
        await service.close()

    app.cleanup_ctx.append(node_service)
    app.add_routes(routes)
    app.add_routes(list(extra_routes))
    return app


def _too_large(limit: int) -> web.Response:
    error = LimitExceeded(f"request body exceeds the limit of {limit} bytes", {"limit": "max_body_bytes", "max": limit})
    body = {"jsonrpc": "2.0", "id": None, "error": error_object(error.code, error.name, error.message, error.data)}
    return web.Response(status=413, body=dumps(body), content_type="application/json")


async def _read_body(request: web.Request, limit: int) -> bytes | None:
    """The body, or None as soon as it is known to exceed `limit`."""
    if request.content_length is not None and request.content_length > limit:
        return None
    chunks = []
    size = 0
    while True:
        chunk = await request.content.read(1 << 16)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)


@routes.post("/rpc")
async def rpc(request: web.Request) -> web.Response:
    app = request.app
    limit = app[CONFIG].limits.max_body_bytes
    body = await _read_body(request, limit)
    if body is None:
        return _too_large(limit)
    response = await app[DISPATCHER].handle(body, CallContext(app[SERVICE]))
    if response is None:  # only notifications
        return web.Response(status=204)
    return web.Response(body=response, content_type="application/json")


@routes.get("/ws")
async def websocket(request: web.Request) -> web.WebSocketResponse:
    app = request.app
    limits = app[CONFIG].limits
    # writer_limit: how much aiohttp writes before it checks whether the socket keeps up.
    ws = web.WebSocketResponse(max_msg_size=limits.max_body_bytes, heartbeat=30.0, compress=False,
                               writer_limit=limits.ws_send_buffer_bytes)
    transport = request.transport
    if transport is not None:  # small buffers (kernel and asyncio): a client that stops reading is noticed early
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, limits.ws_send_buffer_bytes)
        transport.set_write_buffer_limits(high=limits.ws_send_buffer_bytes)
    await ws.prepare(request)
    connection = Connection(app[SERVICE], ws, request, limits)
    await connection.serve(app[DISPATCHER])
    if not ws.closed and not connection.dropped:
        await ws.close()
    return ws


@routes.get("/health")
async def health(request: web.Request) -> web.Response:
    body = health_object(request.app[SERVICE])
    return web.json_response(body, status=200 if body["ok"] else 503)


@routes.get("/openrpc.json")
async def openrpc(request: web.Request) -> web.Response:
    return web.json_response(REGISTRY.openrpc(node_version()))
