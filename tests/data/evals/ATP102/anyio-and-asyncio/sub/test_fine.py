import pytest

pytestmark = pytest.mark.anyio


async def test_created(created_user, client):
    assert created_user


def test_sync_without_async_fixtures(anyio_backend):
    assert anyio_backend == "asyncio"


@pytest.fixture
async def local():
    return 1


async def test_local(local):
    assert local == 1
