"""The block explorer the node serves at `/`: server-rendered HTML, no
JavaScript, no CDN, works offline.

Pages: `/` (head, latest blocks and transactions), `/block/{height|hash}`,
`/tx/{hash}` (decoded call, events, gas, status, or the revert with its source
line and excerpt), `/address/{address}` (balance, nonce, code hash, ABI,
source if stored, and a form per view function), `/address/{address}/call`
(the result of such a form), `/search?q=`. Every page has a JSON twin: add
`?format=json`.

Handlers only read through the node's JSON-RPC methods (the same registry the
API serves, called in process), then decode with the SDK's ABI helpers and
render. Everything shown is escaped.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import time

from aiohttp import web

from .api import REGISTRY
from .rpc import CallContext, RpcError
from .errors import NodeError
from .sdk.abi import ArgumentError, decode_fields, decode_outputs, encode_arguments, normalize, to_json, type_label
from .sdk.contract import abi_index

routes = web.RouteTableDef()
LATEST = 15
HEX_HASH = re.compile(r"^0x[0-9a-fA-F]{64}$")
HEX_ADDRESS = re.compile(r"^0x[0-9a-fA-F]{40}$")


# --- reading through the API -------------------------------------------------------------

async def rpc(request: web.Request, name: str, *params):
    """Call one JSON-RPC method of this node in process."""
    from .server import SERVICE

    method = REGISTRY.methods[name]
    arguments = method.decode_params(list(params))
    return await method.handler(CallContext(request.app[SERVICE]), **arguments)


async def contract_of(request: web.Request, address: str | None, cache: dict) -> dict | None:
    if not address:
        return None
    if address not in cache:
        cache[address] = await rpc(request, "hutong_getContract", address)
    return cache[address]


# --- rendering -----------------------------------------------------------------------------

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#7a1f1f;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}
header form{margin-left:auto}
header input{width:360px;padding:5px 8px;border:0;border-radius:4px}
main{max-width:1100px;margin:20px auto;padding:0 24px}
h1{font-size:22px;margin:8px 0 16px}
h2{font-size:17px;margin:22px 0 8px}
table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px #0001}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e6e8ec;vertical-align:top}
th{background:#eef0f3;font-weight:600}
td.k{width:190px;color:#5a6372}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
pre{background:#fff;padding:10px;overflow:auto;box-shadow:0 1px 2px #0001}
.ok{color:#126b2f;font-weight:600}.bad{color:#a61b1b;font-weight:600}
.twin{float:right;font-size:13px}
form.call{background:#fff;padding:8px 10px;margin:6px 0;box-shadow:0 1px 2px #0001}
form.call input{margin-right:6px}
footer{color:#7a8391;font-size:13px;text-align:center;margin:30px}
"""


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def short(value: str | None, keep: int = 10) -> str:
    if not value:
        return ""
    return value if len(value) <= 2 * keep + 2 else f"{value[:keep]}…{value[-6:]}"


def link(kind: str, value) -> str:
    if value is None:
        return ""
    return f'<a class="mono" href="/{kind}/{esc(value)}" title="{esc(value)}">{esc(short(str(value)))}</a>'


def page(title: str, body: str, request: web.Request) -> web.Response:
    twin = request.path + ("?" + request.query_string + "&" if request.query_string else "?") + "format=json"
    document = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)} · Hutong explorer</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>{STYLE}</style></head>
<body><header><a href="/">Hutong explorer</a>
<form action="/search"><input name="q" placeholder="block height, block or tx hash, address" aria-label="search"></form>
</header><main><a class="twin" href="{esc(twin)}">JSON</a><h1>{esc(title)}</h1>
{body}</main><footer>Hutong node · rendered {esc(time.strftime('%Y-%m-%d %H:%M:%S'))}</footer></body></html>"""
    return web.Response(text=document, content_type="text/html")


def wants_json(request: web.Request) -> bool:
    return request.query.get("format") == "json"


def respond(request: web.Request, title: str, data, body: str) -> web.Response:
    if wants_json(request):
        return web.json_response(data, dumps=lambda v: json.dumps(v, indent=1))
    return page(title, body, request)


def fields_table(rows: list[tuple[str, str]]) -> str:
    return "<table>" + "".join(f'<tr><td class="k">{esc(k)}</td><td>{v}</td></tr>' for k, v in rows) + "</table>"


def when(timestamp: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(timestamp))


def status_badge(status: str) -> str:
    return f'<span class="{"ok" if status == "success" else "bad"}">{esc(status)}</span>'


def value_text(value) -> str:
    return esc(json.dumps(to_json(value), ensure_ascii=False))


def not_found(request: web.Request, what: str) -> web.Response:
    if wants_json(request):
        return web.json_response({"error": f"{what} not found"}, status=404)
    response = page("Not found", f"<p>{esc(what)} was not found on this chain.</p>", request)
    response.set_status(404)
    return response


def guarded(handler):
    """A bad value in a URL is a 400 page (or JSON error), never a 500."""
    @functools.wraps(handler)
    async def wrapper(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except (RpcError, NodeError, ValueError) as exc:
            if wants_json(request):
                return web.json_response({"error": str(exc)}, status=400)
            response = page("Bad request", f"<p>{esc(exc)}</p>", request)
            response.set_status(400)
            return response
    return wrapper


# --- pages ------------------------------------------------------------------------------------

@routes.get("/")
@guarded
async def home(request: web.Request) -> web.Response:
    status = await rpc(request, "hutong_status")
    head = status["head"]["height"]
    blocks, transactions = [], []
    for height in range(head, max(-1, head - LATEST), -1):
        block = await rpc(request, "hutong_getBlockByNumber", height, True)
        if block is None:
            continue
        blocks.append(block)
        for tx in block["transactions"]:
            if len(transactions) < LATEST:
                receipt = await rpc(request, "hutong_getTransactionReceipt", tx["hash"])
                transactions.append({**tx, "status": receipt["status"] if receipt else None})
    data = {"status": status, "blocks": [{k: b[k] for k in ("height", "hash", "timestamp", "gas_used")}
                                         | {"transactions": len(b["transactions"])} for b in blocks],
            "transactions": transactions}
    summary = fields_table([
        ("chain id", esc(status["chain_id"])),
        ("head", f'{link("block", head)} · {link("block", status["head"]["hash"])}'),
        ("head time", esc(when(status["head"]["timestamp"]))),
        ("state root", f'<span class="mono">{esc(status["head"]["state_root"])}</span>'),
        ("mempool", esc(f'{status["mempool"]["transactions"]} transactions' if isinstance(status["mempool"], dict)
                        else status["mempool"])),
    ])
    block_rows = "".join(
        f"<tr><td>{link('block', b['height'])}</td><td>{link('block', b['hash'])}</td><td>{esc(when(b['timestamp']))}</td>"
        f"<td>{len(b['transactions'])}</td><td>{b['gas_used']:,}</td></tr>" for b in blocks)
    tx_rows = "".join(
        f"<tr><td>{link('tx', t['hash'])}</td><td>{link('block', t['block'])}</td><td>{link('address', t['from'])}</td>"
        f"<td>{link('address', t['to']) if t['to'] else '<i>deployment</i>'}</td><td>{status_badge(t['status'] or '')}</td></tr>"
        for t in transactions)
    body = (summary + "<h2>Latest blocks</h2><table><tr><th>height</th><th>hash</th><th>time</th><th>transactions</th>"
            f"<th>gas used</th></tr>{block_rows}</table><h2>Latest transactions</h2><table><tr><th>hash</th>"
            f"<th>block</th><th>from</th><th>to</th><th>status</th></tr>{tx_rows or '<tr><td colspan=5>none yet</td></tr>'}</table>")
    return respond(request, f"Chain {status['chain_id']} at height {head}", data, body)


@routes.get("/block/{id}")
@guarded
async def block_page(request: web.Request) -> web.Response:
    ident = request.match_info["id"]
    if ident.isdigit():
        block = await rpc(request, "hutong_getBlockByNumber", int(ident), True)
    elif HEX_HASH.match(ident):
        block = await rpc(request, "hutong_getBlockByHash", ident, True)
    else:
        block = None
    if block is None:
        return not_found(request, f"block {ident}")
    rows = [("height", esc(block["height"])), ("hash", f'<span class="mono">{esc(block["hash"])}</span>'),
            ("parent", link("block", block["parent"])), ("time", esc(when(block["timestamp"]))),
            ("state root", f'<span class="mono">{esc(block["state_root"])}</span>'),
            ("transactions root", f'<span class="mono">{esc(block["tx_root"])}</span>'),
            ("receipts root", f'<span class="mono">{esc(block["receipts_root"])}</span>'),
            ("gas used / limit", f'{block["gas_used"]:,} / {block["gas_limit"]:,}'),
            ("producer", f'<span class="mono">{esc(short(block["producer"], 12))}</span>')]
    tx_rows = "".join(
        f"<tr><td>{link('tx', t['hash'])}</td><td>{link('address', t['from'])}</td>"
        f"<td>{link('address', t['to']) if t['to'] else '<i>deployment</i>'}</td><td>{esc(t['nonce'])}</td></tr>"
        for t in block["transactions"])
    body = fields_table(rows) + (f"<h2>Transactions ({len(block['transactions'])})</h2><table><tr><th>hash</th>"
                                 f"<th>from</th><th>to</th><th>nonce</th></tr>{tx_rows}</table>")
    return respond(request, f"Block {block['height']}", block, body)


def decode_call(contract: dict | None, data_hex: str) -> dict | None:
    """{"function", "args"} for call data, using the target's ABI."""
    if not contract or not contract.get("abi") or len(data_hex) < 10:
        return None
    index = abi_index(contract["abi"])
    data = bytes.fromhex(data_hex[2:])
    entry = index.by_selector.get(data[:4])
    if entry is None:
        return None
    specs = [normalize(i) for i in entry.get("inputs", [])]
    try:
        args = decode_fields(index.context, specs, data[4:])
    except (ValueError, UnicodeDecodeError):
        return {"function": entry["name"], "args": None}
    return {"function": entry["name"], "signature": entry.get("signature"), "args": to_json(args), "entry": entry}


@routes.get("/tx/{hash}")
@guarded
async def tx_page(request: web.Request) -> web.Response:
    tx_hash = request.match_info["hash"]
    if not HEX_HASH.match(tx_hash):
        return not_found(request, f"transaction {tx_hash}")
    tx = await rpc(request, "hutong_getTransaction", tx_hash)
    receipt = await rpc(request, "hutong_getTransactionReceipt", tx_hash)
    if tx is None or receipt is None:
        return not_found(request, f"transaction {tx_hash}")
    cache: dict = {}
    target = await contract_of(request, tx["to"], cache)
    call = decode_call(target, tx["data"]) if tx["to"] else None
    events = []
    for log in receipt["logs"]:
        source = await contract_of(request, log["address"], cache)
        decoded = abi_index(source["abi"]).decode_log(log) if source and source.get("abi") else None
        events.append({"address": log["address"], "name": decoded.name if decoded else None,
                       "args": to_json(decoded.args) if decoded else None, "raw": log})
    return_value = None
    if call and receipt["status"] == "success" and call.get("entry"):
        index = abi_index(target["abi"])
        specs = [normalize(o) for o in call["entry"].get("outputs", [])]
        try:
            return_value = to_json(decode_outputs(index.context, specs, bytes.fromhex(receipt["output"][2:])))
        except (ValueError, UnicodeDecodeError):
            return_value = None
    data = {"transaction": tx, "receipt": receipt,
            "call": {k: v for k, v in call.items() if k != "entry"} if call else None,
            "events": events, "return_value": return_value}
    rows = [("hash", f'<span class="mono">{esc(tx["hash"])}</span>'), ("status", status_badge(receipt["status"])),
            ("block", f'{link("block", receipt["block"])} (index {esc(receipt["index"])})'),
            ("from", link("address", tx["from"])),
            ("to", link("address", tx["to"]) if tx["to"] else "<i>contract deployment</i>"),
            ("nonce", esc(tx["nonce"])), ("value", f'{tx["value"]:,}'),
            ("gas used / limit", f'{receipt["gas_used"]:,} / {tx["gas_limit"]:,}')]
    if receipt.get("created"):
        rows.append(("created contract", link("address", receipt["created"])))
    if call:
        name = esc(call["function"])
        shown = ", ".join(f"{esc(k)}={value_text(v)}" for k, v in (call["args"] or {}).items())
        rows.append(("call", f'<span class="mono">{name}({shown})</span>'))
    if return_value is not None:
        rows.append(("returned", f'<span class="mono">{value_text(return_value)}</span>'))
    body = fields_table(rows)
    failure = receipt.get("failure")
    if failure:
        error = failure.get("error") or {}
        args = ", ".join(f"{esc(k)}={value_text(v)}" for k, v in (error.get("args") or {}).items())
        location = failure.get("location") or {}
        where = (f' at {esc(location.get("file"))}:{esc(location.get("line"))}:{esc(location.get("column"))} '
                 f'in {esc(location.get("function"))}' if location else "")
        body += (f'<h2>Why it failed</h2><p class="bad">{esc(error.get("name", failure.get("status")))}({args}){where}</p>')
        if location.get("excerpt"):
            body += f"<pre>{esc(location['excerpt'])}</pre>"
        if failure.get("halt"):
            body += f"<p>halt: {esc(failure['halt'])}</p>"
    if events:
        event_rows = "".join(
            f"<tr><td>{link('address', e['address'])}</td><td>{esc(e['name'] or '?')}</td>"
            f"<td class='mono'>{value_text(e['args']) if e['args'] is not None else esc(e['raw']['data'])}</td></tr>"
            for e in events)
        body += f"<h2>Events ({len(events)})</h2><table><tr><th>contract</th><th>event</th><th>fields</th></tr>{event_rows}</table>"
    title = f"Transaction {short(tx_hash)}"
    return respond(request, title, data, body)


def view_functions(contract: dict | None) -> list[dict]:
    if not contract or not contract.get("abi"):
        return []
    return [f for f in contract["abi"].get("functions", [])
            if f.get("kind") != "constructor" and f.get("mutability") in ("view", "pure")]


@routes.get("/address/{address}")
@guarded
async def address_page(request: web.Request) -> web.Response:
    address = request.match_info["address"]
    if not HEX_ADDRESS.match(address):
        return not_found(request, f"address {address}")
    address = address.lower()
    balance = await rpc(request, "hutong_getBalance", address)
    nonce = await rpc(request, "hutong_getNonce", address)
    code = await rpc(request, "hutong_getCode", address)
    contract = await rpc(request, "hutong_getContract", address)
    code_hash = "0x" + hashlib.sha3_256(bytes.fromhex(code[2:])).hexdigest() if code != "0x" else None
    data = {"address": address, "balance": balance, "nonce": nonce, "code_hash": code_hash,
            "code_size": (len(code) - 2) // 2, "contract": contract}
    rows = [("address", f'<span class="mono">{esc(address)}</span>'), ("balance", f"{balance:,}"),
            ("nonce", esc(nonce)),
            ("code hash", f'<span class="mono">{esc(code_hash)}</span>' if code_hash else "<i>no code (an account)</i>")]
    if contract:
        rows.append(("contract", esc(contract.get("name") or "(unnamed)")))
    body = fields_table(rows)
    if contract and contract.get("abi"):
        function_rows = "".join(
            f"<tr><td class='mono'>{esc(f['name'])}</td><td class='mono'>{esc(', '.join(i.get('name', '') + ': ' + type_label(normalize(i)) for i in f.get('inputs', [])))}</td>"
            f"<td class='mono'>{esc(', '.join(type_label(normalize(o)) for o in f.get('outputs', [])))}</td>"
            f"<td>{esc(f.get('mutability', ''))}</td><td>{esc(', '.join(f.get('roles', [])))}</td></tr>"
            for f in contract["abi"].get("functions", []) if f.get("kind") != "constructor")
        body += ("<h2>Functions</h2><table><tr><th>name</th><th>inputs</th><th>outputs</th><th>mutability</th>"
                 f"<th>roles</th></tr>{function_rows}</table><h2>Read</h2>")
        for f in view_functions(contract):
            inputs = "".join(
                f'<input name="arg{i}" placeholder="{esc(x.get("name", ""))}: {esc(type_label(normalize(x)))}" '
                f'aria-label="{esc(x.get("name", ""))}">' for i, x in enumerate(f.get("inputs", [])))
            body += (f'<form class="call" action="/address/{esc(address)}/call"><input type="hidden" name="function" '
                     f'value="{esc(f["name"])}"><span class="mono">{esc(f["name"])}</span> {inputs}'
                     f'<button type="submit">call</button></form>')
        if contract.get("source"):
            body += f"<h2>Source</h2><pre>{esc(contract['source'])}</pre>"
    title = f"{contract.get('name') or 'Contract'} {short(address)}" if contract else f"Account {short(address)}"
    return respond(request, title, data, body)


@routes.get("/address/{address}/call")
@guarded
async def call_page(request: web.Request) -> web.Response:
    address = request.match_info["address"].lower()
    if not HEX_ADDRESS.match(address):
        return not_found(request, f"address {address}")
    contract = await rpc(request, "hutong_getContract", address)
    name = request.query.get("function", "")
    entry = next((f for f in view_functions(contract) if f["name"] == name), None)
    if entry is None:
        return not_found(request, f"view function {name!r} of {address}")
    index = abi_index(contract["abi"])
    specs = [normalize(i) for i in entry.get("inputs", [])]
    texts = [request.query.get(f"arg{i}", "") for i in range(len(specs))]
    data: dict = {"address": address, "function": name, "args": texts}
    try:
        values = [index.context.parse_text(spec, text, spec.get("name") or f"argument {i}")
                  for i, (spec, text) in enumerate(zip(specs, texts))]
        call_data = bytes.fromhex(entry["selector"]) + encode_arguments(
            index.context, specs, [s.get("name", "") for s in specs], tuple(values), {}, name)
    except ArgumentError as exc:
        data["error"] = str(exc)
        return respond(request, f"{name}: bad arguments", data, f'<p class="bad">{esc(exc)}</p>')
    result = await rpc(request, "hutong_call", {"to": address, "data": "0x" + call_data.hex()})
    data["status"] = result["status"]
    if result["status"] == "success":
        outputs = [normalize(o) for o in entry.get("outputs", [])]
        value = to_json(decode_outputs(index.context, outputs, bytes.fromhex(result["output"][2:])))
        data["result"] = value
        body = (f'<p class="mono">{esc(name)}({esc(", ".join(texts))}) = </p><pre>{value_text(value)}</pre>'
                f'<p><a href="/address/{esc(address)}">back to the contract</a></p>')
    else:
        failure = result.get("failure") or {}
        error = failure.get("error") or {}
        data["failure"] = failure
        body = f'<p class="bad">{esc(error.get("name", result["status"]))}: {value_text(error.get("args", {}))}</p>'
    return respond(request, f"{name} on {short(address)}", data, body)


@routes.get("/search")
@guarded
async def search(request: web.Request) -> web.Response:
    query = request.query.get("q", "").strip()
    if query.isdigit():
        raise web.HTTPFound(f"/block/{int(query)}")
    if HEX_ADDRESS.match(query):
        raise web.HTTPFound(f"/address/{query.lower()}")
    if HEX_HASH.match(query):
        if await rpc(request, "hutong_getTransaction", query) is not None:
            raise web.HTTPFound(f"/tx/{query.lower()}")
        raise web.HTTPFound(f"/block/{query.lower()}")
    return not_found(request, f"anything matching {query!r}")
