import asyncio

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.anyio]


async def producer(queue: asyncio.Queue, n: int) -> None:
    for i in range(n):
        await queue.put(i)
    await queue.put(None)


async def test_pipeline_sums_items():
    queue: asyncio.Queue = asyncio.Queue(maxsize=2)
    task = asyncio.create_task(producer(queue, 5))
    total = 0
    while (item := await queue.get()) is not None:
        total += item
    await task
    assert total == 10
