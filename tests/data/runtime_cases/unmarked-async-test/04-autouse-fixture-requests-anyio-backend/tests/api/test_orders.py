from httpx import ASGITransport, AsyncClient

from app import app


async def test_health():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        resp = await client.get("/health")
    assert resp.json() == {"status": "ok"}


async def test_order():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        resp = await client.get("/orders/3")
    assert resp.json()["id"] == 3
