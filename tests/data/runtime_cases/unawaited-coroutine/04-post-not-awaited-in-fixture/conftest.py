import pytest_asyncio
from httpx import ASGITransport, AsyncClient

from app import ORDERS, app


@pytest_asyncio.fixture
async def client_with_order():
    ORDERS.clear()
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        c.post("/orders/7")
        yield c
