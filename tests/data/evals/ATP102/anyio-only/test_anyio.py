import pytest


@pytest.mark.anyio
async def test_async(client):
    assert client


def test_sync(client):  # ATP102
    assert client
