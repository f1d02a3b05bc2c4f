import httpx2
import pytest

from app import app


@pytest.mark.asyncio
async def test_product():
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://t") as client:  # ATP402
        assert (await client.get("/products/sku-1")).json() == {"name": "Widget"}
