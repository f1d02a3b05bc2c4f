import asyncio

import pytest
import pytest_asyncio


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest_asyncio.fixture
async def mailbox():
    inbox = asyncio.Queue()
    delivered = []

    async def courier():
        while True:
            delivered.append(await inbox.get())
            inbox.task_done()

    task = asyncio.create_task(courier())
    yield inbox, delivered
    task.cancel()
