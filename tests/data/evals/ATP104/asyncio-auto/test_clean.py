async def test_uses_fixture(client=None):
    assert client is None


async def test_async_for():
    async def numbers():
        yield 1

    async for number in numbers():
        assert number == 1
