import pytest


@pytest.mark.asyncio
async def test_seeded_order_listed(client_with_order):
    assert (await client_with_order.get("/orders")).json() == [7]
