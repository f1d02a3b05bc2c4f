import pytest
from fastapi.testclient import TestClient
from httpx import ASGITransport, AsyncClient

from app import NOTES, app


@pytest.fixture
async def seeded():
    NOTES.clear()
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        await c.post("/notes/hello")
    return "hello"


def test_listed(seeded):
    with TestClient(app) as client:
        assert client.get("/notes").json() == [seeded]
