from httpx import AsyncClient as HTTPClient

from app import app


async def test_ping():
    async with HTTPClient(app=app, base_url="http://t") as client:
        resp = await client.get("/ping")
    assert resp.json() == {"pong": True}
