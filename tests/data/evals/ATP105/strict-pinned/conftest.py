import pytest


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
async def worker():
    yield "worker"
