import pytest
from httpx import ASGITransport, AsyncClient

from app import app, get_clock, get_settings


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
async def beta_client():
    app.dependency_overrides.update(
        {
            get_settings: lambda: {"region": "us", "beta": True},
            get_clock: lambda: "2030-06-01T12:00:00",
        }
    )
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        yield c
    app.dependency_overrides = {}
