import asyncio

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.anyio]  # ATP304


async def producer(queue, n):
    for i in range(n):
        await queue.put(i)


async def test_first():
    queue = asyncio.Queue()
    task = asyncio.create_task(producer(queue, 1))
    await task


async def test_second():
    await asyncio.sleep(0)
