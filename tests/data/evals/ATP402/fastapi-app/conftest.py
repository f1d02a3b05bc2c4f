import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi.testclient import TestClient
from httpx import ASGITransport, AsyncClient

from app import app


@pytest.fixture
def returned_client():
    return TestClient(app)  # ATP402


@pytest.fixture
def yielded_client():
    yield TestClient(app)  # ATP402


@pytest.fixture
def entered_client():
    with TestClient(app) as client:
        yield client


@pytest.fixture
async def async_client():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:  # ATP402
        yield c


@pytest.fixture
async def transport_variable_client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(  # ATP402
        transport=transport, base_url="http://t"
    ) as c:
        yield c


@pytest.fixture
async def managed_client():
    async with LifespanManager(app) as manager:
        async with AsyncClient(transport=ASGITransport(app=manager.app), base_url="http://t") as c:
            yield c


@pytest.fixture
async def managed_same_app_client():
    async with LifespanManager(app):
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
            yield c


@pytest.fixture
async def stubbed_state_client():
    app.state.catalog = {"sku-1": {"name": "Stub"}}
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        yield c
    del app.state.catalog


@pytest.fixture
async def started_app():
    async with LifespanManager(app):
        yield app


@pytest.fixture
async def client_over_started_app(started_app):
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        yield c


@pytest.fixture
def transport():
    return ASGITransport(app=app)


@pytest.fixture
async def client_from_transport_fixture(transport):
    async with AsyncClient(transport=transport, base_url="http://t") as c:
        yield c
