import asyncio

import pytest
import pytest_asyncio
from asgi_lifespan import LifespanManager
from fastapi.testclient import TestClient
from httpx import ASGITransport, AsyncClient

from app import app


@pytest.fixture
def client():
    with TestClient(app) as c:
        yield c


@pytest_asyncio.fixture
async def aclient():
    async with LifespanManager(app) as manager:
        async with AsyncClient(transport=ASGITransport(app=manager.app), base_url="http://test") as c:
            yield c


@pytest_asyncio.fixture(scope="session")
async def session_client():  # ATP302
    async with LifespanManager(app) as manager:
        async with AsyncClient(transport=ASGITransport(app=manager.app), base_url="http://test") as c:
            yield c


@pytest.fixture
async def seeded_items():  # ATP102
    return ["lamp"]


@pytest.fixture
def event_loop():  # ATP303
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()
