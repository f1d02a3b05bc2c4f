import asyncio

import httpx


async def test_local_objects():
    queue = asyncio.Queue()
    queue.put_nowait(1)
    assert await queue.get() == 1
    async with httpx.AsyncClient() as client:
        assert client is not None


class TestLocal:
    def setup_method(self):
        self.event = asyncio.Event()

    async def test_event(self):
        self.event.set()
        await self.event.wait()
