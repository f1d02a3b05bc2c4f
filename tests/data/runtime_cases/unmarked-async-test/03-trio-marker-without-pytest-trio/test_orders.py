import pytest
import trio
from httpx import ASGITransport, AsyncClient

from app import app


@pytest.mark.trio
async def test_order_status():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        with trio.fail_after(5):
            resp = await client.get("/orders/7")
    assert resp.json()["status"] == "shipped"
