import pytest


async def seed_orders(client, *ids):
    for oid in ids:
        await client.post(f"/orders/{oid}")


@pytest.mark.anyio
async def test_orders_listed_in_order(client):
    seed_orders(client, 3, 1, 2)
    assert (await client.get("/orders")).json() == [1, 2, 3]
