from httpx import ASGITransport, AsyncClient

from app import app


async def test_items_are_numbered():
    async def paged_items(client):
        for page in (1, 2):
            resp = await client.get("/items", params={"page": page})
            for item in resp.json():
                yield item

    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        ids = [item["id"] async for item in paged_items(c)]
    assert ids == [1, 2, 1, 2]
