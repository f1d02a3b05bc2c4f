import pytest
from httpx import ASGITransport
from httpx import AsyncClient as Client

from app import app


@pytest.mark.asyncio
async def test_upper():
    async with Client(transport=ASGITransport(app=app), base_url="http://t") as client:
        with client.websocket_connect("/ws/upper") as ws:
            ws.send_text("hi")
            assert ws.receive_text() == "HI"
