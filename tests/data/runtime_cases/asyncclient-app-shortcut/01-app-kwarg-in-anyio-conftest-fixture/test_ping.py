import pytest


@pytest.mark.anyio
async def test_ping(client):
    assert (await client.get("/ping")).json() == {"pong": True}
