import trio


async def test_memory_channel_roundtrip():
    send, receive = trio.open_memory_channel(1)
    async with send, receive:
        await send.send("ping")
        msg = await receive.receive()
        yield msg
        assert msg == "pong"
