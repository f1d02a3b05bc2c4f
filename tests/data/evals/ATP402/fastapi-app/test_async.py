import httpx
from asgi_lifespan import LifespanManager
from httpx import ASGITransport, AsyncClient

from app import app


async def test_inline():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:  # ATP402
        assert (await c.get("/products/sku-1")).status_code == 200


async def test_inside_manager():
    async with LifespanManager(app) as manager:
        async with AsyncClient(transport=ASGITransport(app=manager.app), base_url="http://t") as c:
            assert (await c.get("/products/sku-1")).status_code == 200


async def test_started_by_fixture(started_app):
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        assert (await c.get("/products/sku-1")).status_code == 200


async def test_app_shortcut_is_another_rule():
    async with httpx.AsyncClient(app=app, base_url="http://t") as c:  # ATP403
        assert (await c.get("/products/sku-1")).status_code == 200


async def test_router_startup_by_hand():
    await app.router.startup()
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        assert (await c.get("/products/sku-1")).status_code == 200


async def test_fixtures(managed_client, stubbed_state_client, client_over_started_app, client_from_transport_fixture):
    assert managed_client is not None
