import pytest
from httpx import ASGITransport, AsyncClient

from app import ORDERS, app


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
async def client():
    ORDERS.clear()
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        yield c
