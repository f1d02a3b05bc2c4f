import httpx2
import pytest

from app import app


@pytest.mark.asyncio
async def test_ws():
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://t") as client:  # ATP402
        async with client.websocket_connect("/ws") as ws:  # ATP404
            await ws.send_text("hi")
