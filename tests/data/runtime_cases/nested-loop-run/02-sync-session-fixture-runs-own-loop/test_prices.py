import asyncio


async def test_apple(catalog):
    await asyncio.sleep(0)
    assert catalog["apple"] == 3


async def test_pear(catalog):
    await asyncio.sleep(0)
    assert catalog["pear"] == 5
