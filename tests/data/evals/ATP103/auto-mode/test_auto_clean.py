async def test_async():
    pass


def test_sync():
    pass
