import httpx
import pytest
from httpx_ws import aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from app import app


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
async def test_upper():
    async with httpx.AsyncClient(transport=ASGIWebSocketTransport(app=app), base_url="http://t") as client:
        async with aconnect_ws("/ws/upper", client) as ws:
            await ws.send_text("hi")
            assert await ws.receive_text() == "HI"
