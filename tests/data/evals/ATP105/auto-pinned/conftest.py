import asyncio

import pytest
import pytest_asyncio


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
async def worker():
    queue = asyncio.Queue()
    yield queue


@pytest_asyncio.fixture
async def mailbox():
    yield asyncio.Queue()


@pytest.fixture
def config():
    return {"retries": 3}


@pytest.fixture
def wraps_worker(worker):
    return worker
