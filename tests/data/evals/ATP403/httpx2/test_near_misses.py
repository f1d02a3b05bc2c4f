import httpx2
import pytest
from asgi_lifespan import LifespanManager

from app import app


@pytest.mark.asyncio
async def test_transport_inside_lifespan_manager():
    async with LifespanManager(app) as manager:
        transport = httpx2.ASGITransport(app=manager.app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://t") as client:
            assert (await client.get("/products/sku-1")).status_code == 200


def test_sync_client_over_real_network_is_not_an_app_shortcut():
    client = httpx2.Client(base_url="http://example.invalid")
    assert client.base_url.host == "example.invalid"
