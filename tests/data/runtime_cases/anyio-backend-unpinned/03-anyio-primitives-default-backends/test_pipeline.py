import anyio
import pytest

pytestmark = pytest.mark.anyio


async def producer(send, n: int) -> None:
    async with send:
        for i in range(n):
            await send.send(i)


async def test_pipeline_sums_items():
    send, receive = anyio.create_memory_object_stream(max_buffer_size=2)
    total = 0
    with anyio.fail_after(1):
        async with anyio.create_task_group() as tg:
            tg.start_soon(producer, send, 5)
            async with receive:
                async for item in receive:
                    total += item
    assert total == 10
