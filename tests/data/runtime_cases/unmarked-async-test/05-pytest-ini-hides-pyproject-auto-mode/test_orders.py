from httpx import ASGITransport, AsyncClient

from app import app


async def test_order_status():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        resp = await client.get("/orders/7")
    assert resp.json()["status"] == "shipped"


def test_sync_sanity():
    assert app.title == "FastAPI"
