async def test_first_visit(cache):
    assert await cache.incr("visits:home") == 1


async def test_second_visit(cache):
    assert await cache.incr("visits:home") == 2
