import anyio
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

pytestmark = pytest.mark.anyio

app = FastAPI()


async def test_pipeline():
    send, receive = anyio.create_memory_object_stream(max_buffer_size=1)
    async with anyio.create_task_group() as tg:
        tg.start_soon(send.send, 1)
        assert await receive.receive() == 1


async def test_client():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        assert (await c.get("/missing")).status_code == 404
