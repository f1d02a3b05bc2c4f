import pytest

pytestmark = pytest.mark.anyio


async def test_health(client):
    assert (await client.get("/health")).status_code == 200


async def test_health_again(client):
    assert (await client.get("/health")).json() == {"status": "ok"}
