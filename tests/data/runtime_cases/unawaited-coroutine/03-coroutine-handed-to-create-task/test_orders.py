import asyncio

from httpx import ASGITransport, AsyncClient

from app import ORDERS, app


async def place(client, oid):
    return (await client.post(f"/orders/{oid}")).json()


async def test_orders_placed_concurrently():
    ORDERS.clear()
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        first = asyncio.create_task(place(c, 1))
        second = asyncio.ensure_future(place(c, 2))
        done = await first, await second
        listed = (await c.get("/orders")).json()
    assert [o["id"] for o in done] == [1, 2]
    assert listed == [1, 2]
