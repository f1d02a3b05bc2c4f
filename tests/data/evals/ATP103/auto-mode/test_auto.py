import pytest


async def test_async():
    pass


def test_sync():
    pass


@pytest.mark.asyncio
def test_still_wrong_in_auto_mode():  # ATP103
    pass
