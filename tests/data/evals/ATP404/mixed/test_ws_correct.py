from fastapi.testclient import TestClient
from starlette.testclient import TestClient as WSClient

from app import app


def test_testclient():
    client = TestClient(app)
    with client.websocket_connect("/ws") as ws:
        ws.send_text("hi")


def test_aliased_testclient():
    with WSClient(app) as c, c.websocket_connect("/ws") as ws:
        ws.send_text("a")


def test_testclient_fixture(tc):
    with tc.websocket_connect("/ws") as ws:
        ws.send_text("a")


def test_untraceable_fixture(opaque):
    with opaque.websocket_connect("/ws") as ws:
        ws.send_text("a")


def test_unknown_fixture(client_from_plugin):
    with client_from_plugin.websocket_connect("/ws") as ws:
        ws.send_text("a")


def helper(client):
    return client.websocket_connect("/ws")


def test_reassigned_to_different_clients(flag):
    import httpx

    client = TestClient(app) if flag else None
    if client is None:
        client = httpx.Client()
    assert client
