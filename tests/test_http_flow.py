"""A full customer flow with a plain HTTP client against a real server on 127.0.0.1.

The server is `manage.py runserver` on a free port with its own SQLite file, migrated and
seeded with the demo clinic, so nothing here goes through Django's test client.
"""

import http.cookiejar
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("http-flow")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo", "--admin-password", "flow-admin-password", "-v0"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/graphql/"
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("runserver did not start")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


class GraphQLClient:
    """A browser-like client: keeps cookies and sends the CSRF token once it has one."""

    def __init__(self, url: str):
        self.url = url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.csrf_token = None

    def cookie(self, name: str) -> str | None:
        return next((cookie.value for cookie in self.cookies if cookie.name == name), None)

    def post(self, query: str, variables: dict | None = None, language: str = "en", send_csrf: bool = True) -> dict:
        headers = {"Content-Type": "application/json", "Accept-Language": language}
        # As a browser script does: the token from login, else the csrftoken cookie.
        token = self.csrf_token or self.cookie("csrftoken")
        if send_csrf and token:
            headers["X-CSRFToken"] = token
        request = urllib.request.Request(
            self.url, data=json.dumps({"query": query, "variables": variables or {}}).encode(), headers=headers, method="POST"
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            return {"status": error.code, **json.loads(error.read())}


def test_customer_flow_over_http(server):
    client = GraphQLClient(server)

    registered = client.post(
        "mutation { register(fullName: \"Flow Customer\", phone: \"0812 5555 0101\", email: \"flow@example.com\", "
        "password: \"kulit-sehat-2026\") { profile { memberCode } errors { code message } } }"
    )["data"]["register"]
    assert registered["errors"] == []

    login = client.post(
        "mutation { login(username: \"flow@example.com\", password: \"kulit-sehat-2026\") { csrfToken me { username } errors { code } } }"
    )["data"]["login"]
    assert login["errors"] == []
    assert login["me"]["username"] == "flow@example.com"

    without_token = client.post("{ me { username } }", send_csrf=False)
    assert without_token["status"] == 403
    client.csrf_token = login["csrfToken"]

    ticket = client.post(
        "mutation { takeQueueNumber(branch: \"kemang\") { ticket { number status } errors { code } } }"
    )["data"]["takeQueueNumber"]
    assert ticket["errors"] == []
    assert ticket["ticket"]["status"] == "waiting"

    products = client.post("{ products(inStock: true, first: 2) { id price { amount } } }")["data"]["products"]
    items = [{"productId": products[0]["id"], "quantity": 1}]
    validation = client.post(
        "mutation ($items: [OrderLineInput!]!) { validateVoucher(code: \"NO-SUCH-VOUCHER\", items: $items) { errors { code message } } }",
        {"items": items},
    )["data"]["validateVoucher"]
    assert validation["errors"][0]["code"] == "voucher_not_found"

    order = client.post(
        "mutation ($items: [OrderLineInput!]!) { placeOrder(items: $items) { order { number total { amount } } errors { code } } }",
        {"items": items},
    )["data"]["placeOrder"]
    assert order["errors"] == []
    assert order["order"]["total"]["amount"] == products[0]["price"]["amount"]

    me = client.post("{ me { orders { number items { product { id } } } queueTickets { number } } }")["data"]["me"]
    assert [entry["number"] for entry in me["orders"]] == [order["order"]["number"]]
    assert me["orders"][0]["items"] == [{"product": {"id": products[0]["id"]}}]
    assert [entry["number"] for entry in me["queueTickets"]] == [ticket["ticket"]["number"]]

    exported = json.loads(client.post("mutation { exportMyData { data } }")["data"]["exportMyData"]["data"])
    assert exported["profile"]["email"] == "flow@example.com"
    assert len(exported["orders"]) == 1

    assert client.post("mutation { logout { ok } }")["data"]["logout"]["ok"] is True
    after = client.post("{ me { username } }")
    assert after["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
