import pytest
from fastapi.testclient import TestClient
from httpx import ASGITransport, AsyncClient

from app import app

pytestmark = pytest.mark.asyncio


async def test_version_async():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        assert (await c.get("/version")).json()["version"] == "1.2.3"


def test_version_sync():
    with TestClient(app) as client:
        assert client.get("/version").json()["version"] == "1.2.3"
