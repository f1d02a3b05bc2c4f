import httpx
import pytest
from fastapi.testclient import TestClient

from app import app


@pytest.fixture
async def ac():
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield c


@pytest.fixture
def tc():
    with TestClient(app) as c:
        yield c


@pytest.fixture
def opaque(request):
    return request.getfixturevalue("tc")
