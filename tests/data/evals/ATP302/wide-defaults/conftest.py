import asyncio

import httpx
import pytest_asyncio


@pytest_asyncio.fixture(scope="session")
async def upstream():
    async with httpx.AsyncClient(base_url="http://upstream") as c:
        yield c


@pytest_asyncio.fixture(scope="session")
async def job_queue():
    yield asyncio.Queue()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def module_resource():
    return {"ok": True}
