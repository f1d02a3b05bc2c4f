import pytest
from httpx import ASGITransport, AsyncClient

from app import app


@pytest.fixture
async def client():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        yield c


async def test_uses_module_override(client):
    assert (await client.get("/health")).status_code == 200


async def test_stream(client):
    async with client.stream("GET", "/health") as resp:
        await resp.aread()
