import httpx
import pytest

from app import app


@pytest.fixture
async def client():
    async with httpx.AsyncClient(  # ATP403
        app=app,
        base_url="http://t",
    ) as c:
        yield c


@pytest.fixture
async def good_client():
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield c


@pytest.fixture
def transport():
    return httpx.ASGITransport(app=app)
