import pytest
from fastapi.testclient import TestClient
from httpx import ASGITransport, AsyncClient

from app import app, current_user


def test_admin():
    app.dependency_overrides[current_user] = lambda: {"name": "root"}  # ATP401
    assert TestClient(app).get("/items/1").json()["user"] == "root"  # ATP402


@pytest.mark.asyncio
async def test_without_lifespan():
    transport = ASGITransport(app=app)
    async with AsyncClient(transport=transport, base_url="http://test") as client:  # ATP402
        assert (await client.get("/items/1")).status_code == 200


@pytest.mark.asyncio
async def test_app_shortcut():
    async with AsyncClient(app=app, base_url="http://test") as client:  # ATP403
        assert (await client.get("/items/1")).status_code == 200


@pytest.mark.asyncio
async def test_websocket(aclient):
    async with aclient.websocket_connect("/ws") as ws:  # ATP404
        await ws.send_text("hi")


def test_with_lifespan(client):
    assert client.get("/items/1").status_code == 200
