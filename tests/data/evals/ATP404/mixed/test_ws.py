import httpx
from httpx import ASGITransport
from httpx import AsyncClient as Client

from app import app

module_client = httpx.AsyncClient(transport=ASGITransport(app=app), base_url="http://t")


async def test_inline():
    async with Client(transport=ASGITransport(app=app), base_url="http://t") as client:
        with client.websocket_connect("/ws") as ws:  # ATP404
            ws.send_text("hi")


async def test_assigned():
    client = httpx.AsyncClient(transport=ASGITransport(app=app))
    ws = client.websocket_connect("/ws")  # ATP404
    assert ws


async def test_from_conftest_fixture(ac):
    async with ac.websocket_connect("/ws") as ws:  # ATP404
        await ws.send_text("hi")


async def test_module_client():
    async with module_client.websocket_connect("/ws"):  # ATP404
        pass


async def helper(client: httpx.AsyncClient):
    return client.websocket_connect("/ws")  # ATP404


def test_sync_httpx_client():
    with httpx.Client(base_url="http://t") as client:
        client.websocket_connect("/ws")  # ATP404


class TestClass:
    async def test_method(self, ac):
        async with ac.websocket_connect(  # ATP404
            "/ws"
        ) as ws:
            await ws.send_text("hi")
