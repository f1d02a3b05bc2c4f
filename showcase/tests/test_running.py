import pytest


async def test_never_runs():  # ATP101
    assert False


@pytest.mark.asyncio
def test_sync_with_marker(client):  # ATP103
    assert client.get("/items/1").status_code == 200


@pytest.mark.asyncio
async def test_generator():  # ATP104
    yield


@pytest.mark.asyncio
@pytest.mark.anyio
async def test_two_plugins():  # ATP105
    pass


def test_sync_uses_async_fixture(seeded_items):
    assert seeded_items
