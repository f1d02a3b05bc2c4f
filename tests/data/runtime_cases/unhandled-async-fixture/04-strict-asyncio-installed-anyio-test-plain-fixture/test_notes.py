import pytest


@pytest.mark.anyio
async def test_add_note(client):
    assert (await client.post("/notes/x")).json() == {"count": 1}
