import httpx2
import pytest

from app import app


@pytest.mark.asyncio
async def test_health():
    async with httpx2.AsyncClient(app=app, base_url="http://t") as client:  # ATP403
        assert (await client.get("/health")).status_code == 200
