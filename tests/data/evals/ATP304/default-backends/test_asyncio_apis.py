import asyncio
import asyncio as aio
from asyncio import get_running_loop

import anyio
import pytest
from sqlalchemy.ext.asyncio import create_async_engine


@pytest.mark.anyio  # ATP304
async def test_sleep():
    await asyncio.sleep(0.01)


@pytest.mark.anyio()  # ATP304
async def test_aliased_running_loop():
    loop = get_running_loop()
    assert await loop.run_in_executor(None, sum, [1]) == 1


@pytest.mark.anyio  # ATP304
async def test_through_helper():
    await warm_up()


async def warm_up():
    await aio.wait_for(anyio.sleep(0), 1)


@pytest.mark.anyio  # ATP304
async def test_through_fixture(connection):
    assert connection is not None


@pytest.fixture
async def connection():
    engine = create_async_engine("sqlite+aiosqlite:///:memory:")
    async with engine.connect() as conn:
        yield conn
    await engine.dispose()


@pytest.mark.anyio
async def test_engine_created_not_used(unused_engine):
    assert unused_engine is not None


@pytest.fixture
async def unused_engine():
    engine = create_async_engine("sqlite+aiosqlite:///:memory:")
    yield engine
    await engine.dispose()


@pytest.mark.anyio  # ATP304
class TestTasks:
    async def test_task(self):
        await asyncio.create_task(anyio.sleep(0))

    async def test_second_task(self):
        await asyncio.gather(anyio.sleep(0))

    async def test_via_method(self):
        await self.helper()

    async def helper(self):
        await asyncio.sleep(0)


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_parametrized_backend(anyio_backend):
    await asyncio.sleep(0)


@pytest.mark.anyio
async def test_anyio_only():
    await anyio.sleep(0)
    queue = asyncio.Queue()
    queue.put_nowait(1)
    assert isinstance(asyncio.CancelledError(), BaseException)


@pytest.mark.anyio
async def test_nested_definition_only():
    async def never_called():
        await asyncio.sleep(0)

    assert never_called is not None


def test_sync_uses_asyncio():
    asyncio.run(anyio.sleep(0))
