from httpx import ASGITransport, AsyncClient

from app import app


async def is_healthy() -> bool:
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        return (await c.get("/health")).json()["ok"]


async def test_service_is_healthy():
    assert is_healthy()
