import pytest


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
async def resource():
    return 1


@pytest.mark.anyio
async def test_anyio(resource):
    assert resource


@pytest.mark.asyncio
async def test_asyncio():
    pass
