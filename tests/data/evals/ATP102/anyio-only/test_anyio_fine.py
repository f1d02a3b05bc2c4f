import pytest


@pytest.mark.anyio
async def test_async(client):
    assert client


@pytest.fixture
def sync_client():
    return "sync"


def test_sync(sync_client):
    assert sync_client
