import pytest
from httpx import ASGITransport, AsyncClient

from app import app

# created at import time, shared by every test and every backend
client = AsyncClient(transport=ASGITransport(app=app), base_url="http://test")


@pytest.fixture
def api():
    return client
