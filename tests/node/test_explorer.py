"""The explorer served by a real node at `/`: every page and its JSON twin,
and what a person sees in a real headless browser (Debian's chromium)."""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from node.devkeys import dev_key
from node.sdk import Client
from node.sdk.errors import ContractReverted

from .nodeproc import NodeProcess

TOKEN = Path(__file__).resolve().parents[1] / "compiler" / "golden" / "token.ht"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    directory = tmp_path_factory.mktemp("explorer")
    node = NodeProcess(directory / "data").start()
    try:
        client = Client(f"http://{node.host}:{node.port}/rpc")
        token = client.deploy(str(TOKEN), 1000, sender=dev_key(0))
        sent = token.transfer(dev_key(1).address, 250, sender=dev_key(0))
        with pytest.raises(ContractReverted) as failed:
            token.transfer(dev_key(1).address, 5000, sender=dev_key(0))
        yield {"node": node, "http": node.client(), "token": token.address.lower(),
               "sent": sent.tx_hash, "failed": failed.value.receipt.tx_hash,
               "holder": "0x" + dev_key(1).address.hex(), "profile": directory / "chrome"}
    finally:
        node.stop()


def get(chain, path: str) -> tuple[int, str]:
    status, body = chain["http"].get(path)
    return status, body.decode()


def twin(chain, path: str) -> dict:
    separator = "&" if "?" in path else "?"
    status, body = get(chain, f"{path}{separator}format=json")
    assert status == 200, body[:300]
    return json.loads(body)


def test_home_lists_the_head_blocks_and_transactions(chain):
    status, page = get(chain, "/")
    assert status == 200 and "Latest blocks" in page and "Latest transactions" in page
    data = twin(chain, "/")
    assert data["status"]["head"]["height"] == 3
    assert [b["height"] for b in data["blocks"]] == [3, 2, 1, 0]
    assert {t["hash"] for t in data["transactions"]} >= {chain["sent"], chain["failed"]}
    assert chain["failed"][:10] in page


def test_block_page_by_height_and_hash(chain):
    data = twin(chain, "/block/2")
    assert data["height"] == 2 and [t["hash"] for t in data["transactions"]] == [chain["sent"]]
    status, page = get(chain, f"/block/{data['hash']}")
    assert status == 200 and "Block 2" in page and chain["sent"][:10] in page


def test_transaction_page_decodes_the_call_events_and_return_value(chain):
    data = twin(chain, f"/tx/{chain['sent']}")
    assert data["call"]["function"] == "transfer"
    assert data["call"]["args"] == {"to": chain["holder"], "amount": 250}
    assert data["return_value"] is True
    assert [(e["name"], e["args"]["amount"]) for e in data["events"]] == [("Transfer", 250)]
    status, page = get(chain, f"/tx/{chain['sent']}")
    assert status == 200 and "success" in page and "Events (1)" in page


def test_a_failed_transaction_shows_the_error_and_its_source_line(chain):
    data = twin(chain, f"/tx/{chain['failed']}")
    failure = data["receipt"]["failure"]
    assert failure["error"]["name"] == "InsufficientBalance"
    assert failure["error"]["args"] == {"needed": 5000, "available": 750}
    status, page = get(chain, f"/tx/{chain['failed']}")
    assert "InsufficientBalance(needed=5000, available=750) at token.ht:28:9 in transfer" in page
    assert "raise InsufficientBalance(needed=amount, available=available)" in page


def test_address_page_and_a_view_call_through_its_form(chain):
    data = twin(chain, f"/address/{chain['token']}")
    assert data["contract"]["name"] and data["code_hash"].startswith("0x") and data["code_size"] > 0
    status, page = get(chain, f"/address/{chain['token']}")
    assert 'action="/address/' in page and "balance_of" in page and "Source" in page
    query = urllib.parse.urlencode({"function": "balance_of", "arg0": chain["holder"]})
    assert twin(chain, f"/address/{chain['token']}/call?{query}")["result"] == 250
    account = twin(chain, f"/address/{chain['holder']}")
    assert account["contract"] is None and account["code_hash"] is None


def redirect_of(chain, path: str) -> tuple[int, str | None]:
    connection = http.client.HTTPConnection(chain["node"].host, chain["node"].port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def test_search_redirects_and_bad_input_is_a_clean_error(chain):
    for query, where in [("2", "/block/2"), (chain["sent"], f"/tx/{chain['sent']}"),
                         (chain["token"], f"/address/{chain['token']}")]:
        assert redirect_of(chain, f"/search?q={query}") == (302, where)
    assert get(chain, "/search?q=hello")[0] == 404
    assert get(chain, "/block/999")[0] == 404
    assert get(chain, "/tx/0x1234")[0] == 404
    assert get(chain, f"/address/{chain['token']}/call?function=nope")[0] == 404
    query = urllib.parse.urlencode({"function": "balance_of", "arg0": "not-an-address"})
    status, page = get(chain, f"/address/{chain['token']}/call?{query}")
    assert status == 200 and "expected address" in page


def browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(browser() is None, reason="no chromium: install it with `apt-get install chromium` "
                                              "(.ci/run does) to run the browser test")
def test_in_a_real_browser_a_person_sees_the_failure_and_its_source(chain):
    base = f"http://{chain['node'].host}:{chain['node'].port}"
    flags = [*BROWSER_FLAGS, f"--user-data-dir={chain['profile']}"]
    dom = subprocess.run([browser(), *flags, "--dump-dom", f"{base}/tx/{chain['failed']}"],
                         capture_output=True, text=True, timeout=120).stdout
    assert "Why it failed" in dom and "InsufficientBalance(needed=5000, available=750)" in dom
    assert "token.ht:28:9" in dom
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "explorer-failed-transaction.png"
    shot.unlink(missing_ok=True)
    subprocess.run([browser(), *flags, "--window-size=1280,900", f"--screenshot={shot}",
                    f"{base}/tx/{chain['failed']}"], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000
    home = subprocess.run([browser(), *flags, "--dump-dom", f"{base}/"], capture_output=True, text=True,
                          timeout=120).stdout
    assert "Chain 86 at height 3" in home and "Latest transactions" in home
