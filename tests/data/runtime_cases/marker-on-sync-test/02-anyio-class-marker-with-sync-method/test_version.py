import pytest
from fastapi.testclient import TestClient
from httpx import ASGITransport, AsyncClient

from app import app

CALLS = []


@pytest.mark.anyio
class TestVersion:
    async def test_version_async(self):
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
            assert (await c.get("/version")).json()["version"] == "1.2.3"

    def test_version_sync(self):
        CALLS.append("sync")
        with TestClient(app) as client:
            assert client.get("/version").json()["version"] == "1.2.3"


def test_sync_test_ran_once():
    assert CALLS == ["sync"]
