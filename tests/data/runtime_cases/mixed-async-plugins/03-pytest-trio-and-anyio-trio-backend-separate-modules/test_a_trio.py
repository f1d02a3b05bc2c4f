import pytest
import trio


@pytest.fixture
async def channel():
    send, receive = trio.open_memory_channel(1)
    async with send, receive:
        yield send, receive


@pytest.mark.trio
async def test_channel(channel):
    send, receive = channel
    await send.send(1)
    assert await receive.receive() == 1
