async def test_plain_trio():
    pass
