import asyncio


async def test_running_loop():
    loop = asyncio.get_running_loop()
    assert await loop.run_in_executor(None, sum, [1, 2]) == 3


def test_private(private_loop):
    async def answer():
        return 1

    assert private_loop.run_until_complete(answer()) == 1
