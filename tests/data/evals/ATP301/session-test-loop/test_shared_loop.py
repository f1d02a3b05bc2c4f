import asyncio

events = asyncio.Queue()


async def test_roundtrip(upstream):
    events.put_nowait(1)
    assert await events.get() == 1
