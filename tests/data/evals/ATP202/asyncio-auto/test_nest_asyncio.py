import asyncio

import nest_asyncio

nest_asyncio.apply()


async def job():
    return 1


async def test_reentrant_loop_is_patched():
    assert asyncio.run(job()) == 1
