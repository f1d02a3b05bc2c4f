import httpx
import pytest

from app import app


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
async def client():
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield c


@pytest.mark.anyio
async def test_upper(client: httpx.AsyncClient):
    async with client.websocket_connect("/ws/upper") as ws:
        await ws.send_text("hi")
        assert await ws.receive_text() == "HI"
