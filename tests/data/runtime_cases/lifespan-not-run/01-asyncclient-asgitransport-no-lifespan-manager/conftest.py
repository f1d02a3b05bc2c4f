import pytest
from httpx import ASGITransport, AsyncClient

from app import app


@pytest.fixture
async def client():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        yield c
