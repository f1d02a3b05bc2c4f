import pytest
from httpx import ASGITransport, AsyncClient

from app import app

pytestmark = pytest.mark.anyio


async def test_beta_env(beta_client):
    assert (await beta_client.get("/env")).json()["settings"]["beta"] is True


async def test_defaults():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        body = (await c.get("/env")).json()
    assert body["settings"] == {"region": "eu", "beta": False}
    assert body["clock"] == "2024-01-01T00:00:00"
