import pytest
import pytest_asyncio
from fastapi.testclient import TestClient
from httpx import ASGITransport, AsyncClient
from starlette.testclient import TestClient as STC

from app import app


@pytest.fixture
def client():
    with TestClient(app) as c:
        yield c


@pytest.fixture
def plain_client():
    return STC(app)


@pytest.fixture
def chained_client(client):
    return client


@pytest.fixture
async def aclient():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        yield c


@pytest_asyncio.fixture
async def seeded_notes():
    with TestClient(app) as c:  # ATP201
        c.post("/notes", params={"text": "seed"})
    yield ["seed"]


@pytest.fixture
async def async_fixture_using_sync_client(client):
    resp = client.get("/health")  # ATP201
    return resp.json()


@pytest.fixture
async def async_fixture_only_builds_client():
    # building a TestClient does not block; the test that calls it is reported
    return TestClient(app)


@pytest.fixture
async def async_fixture_threads_the_call(client):
    import asyncio

    resp = await asyncio.to_thread(client.get, "/health")
    return resp.json()


@pytest.fixture
def sync_fixture_uses_client(client):
    return client.get("/health").json()
