import asyncio

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

app = FastAPI()
LOOP = "session"


@pytest_asyncio.fixture(scope="session")
async def client():  # ATP302
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        yield c


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def module_client():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        yield c


@pytest.fixture(scope="class")
async def class_resource():  # ATP302
    return {"ready": True}


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def upstream():  # ATP302
    async with httpx.AsyncClient(base_url="http://upstream") as c:
        yield c


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def shared_upstream():
    async with httpx.AsyncClient(base_url="http://upstream") as c:
        yield c


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def unused_upstream():
    client = httpx.AsyncClient(base_url="http://upstream")
    yield client
    await client.aclose()


@pytest_asyncio.fixture(scope="session", loop_scope=LOOP)
async def dynamic_loop():
    yield httpx.AsyncClient(base_url="http://upstream")


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def worker():  # ATP302
    queue = asyncio.Queue()

    async def run():
        while True:
            await queue.get()
            queue.task_done()

    task = asyncio.create_task(run())
    yield queue
    task.cancel()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def asgi_in_session_loop():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        yield c


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def mailbox():  # ATP302
    return asyncio.Queue()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def nowait_mailbox():
    return asyncio.Queue()


@pytest_asyncio.fixture
async def per_test():
    return 1
