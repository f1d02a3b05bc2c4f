import pytest


@pytest.mark.trio
@pytest.mark.anyio
async def test_trio_and_anyio(anyio_backend):  # ATP105
    pass


@pytest.mark.trio
@pytest.mark.asyncio
async def test_trio_and_asyncio():  # ATP105
    pass


@pytest.mark.trio
async def test_trio_only():
    pass


@pytest.mark.anyio
async def test_anyio_only():
    pass
