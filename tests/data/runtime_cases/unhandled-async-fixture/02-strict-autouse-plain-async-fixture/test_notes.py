import pytest
from httpx import ASGITransport, AsyncClient

from app import app

pytestmark = pytest.mark.asyncio


async def test_first_note():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        assert (await c.post("/notes/a")).json() == {"count": 1}


async def test_second_note_starts_clean():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        assert (await c.post("/notes/b")).json() == {"count": 1}
