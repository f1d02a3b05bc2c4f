import httpx
import pytest
from starlette.applications import Starlette

app = Starlette()


@pytest.mark.asyncio
async def test_shortcut_works_on_the_pinned_httpx():
    async with httpx.AsyncClient(app=app, base_url="http://test") as client:
        assert (await client.get("/")).status_code == 404
