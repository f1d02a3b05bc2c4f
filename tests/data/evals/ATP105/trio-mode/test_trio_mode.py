import pytest


@pytest.mark.anyio
async def test_anyio_under_trio_mode(anyio_backend):  # ATP105
    pass


@pytest.mark.asyncio
async def test_asyncio_under_trio_mode():  # ATP105
    pass


async def test_plain_trio():
    pass


def test_sync():
    pass
