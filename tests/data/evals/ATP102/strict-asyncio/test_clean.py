import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def seeded():
    return "bob"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared():
    yield "shared"


@pytest.fixture
def sync_value():
    return 3


def test_sync_uses_pytest_asyncio_fixture(seeded, shared, sync_value):
    assert seeded == "bob"


@pytest.mark.asyncio
async def test_async_uses_them(seeded, engine, settings):
    assert seeded
