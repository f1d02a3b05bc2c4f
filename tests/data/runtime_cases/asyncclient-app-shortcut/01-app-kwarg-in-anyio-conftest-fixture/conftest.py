import httpx
import pytest

from app import app


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
async def client():
    async with httpx.AsyncClient(
        app=app,
        base_url="http://t",
    ) as c:
        yield c
