import asyncio

import pytest


async def load():
    await asyncio.sleep(0)


@pytest.fixture(scope="session", autouse=True)
def catalog():
    asyncio.run(load())
    yield {}


@pytest.fixture
async def migrated():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(load())  # ATP202
    loop.close()
    yield True


@pytest.fixture
async def migrated_in_thread():
    await asyncio.to_thread(asyncio.run, load())
    yield True
