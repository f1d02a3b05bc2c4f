import anyio
import pytest


@pytest.fixture
def anyio_backend():
    return "trio"


@pytest.fixture
async def stream():
    send, receive = anyio.create_memory_object_stream(1)
    async with send, receive:
        yield send, receive


@pytest.mark.anyio
async def test_stream(stream):
    send, receive = stream
    await send.send(2)
    assert await receive.receive() == 2
