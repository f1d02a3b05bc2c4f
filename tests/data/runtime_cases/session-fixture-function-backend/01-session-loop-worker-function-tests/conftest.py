import asyncio

import pytest_asyncio

from worker import ThumbnailWorker


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def worker():
    w = ThumbnailWorker()
    task = asyncio.create_task(w.run())
    yield w
    task.cancel()
