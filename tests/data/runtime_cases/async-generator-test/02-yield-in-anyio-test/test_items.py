import pytest
from httpx import ASGITransport, AsyncClient

from app import app


@pytest.mark.anyio
async def test_items_are_numbered():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        for item in (await c.get("/items")).json():
            yield item
            assert item["id"] > 5
