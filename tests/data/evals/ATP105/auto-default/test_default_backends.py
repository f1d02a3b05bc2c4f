import pytest


@pytest.fixture
async def client():
    yield "client"


@pytest.mark.anyio
async def test_health(client, anyio_backend):
    assert client


async def test_auto_only(client):
    assert client
