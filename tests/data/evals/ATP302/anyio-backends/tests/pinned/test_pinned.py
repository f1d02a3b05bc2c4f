import pytest


@pytest.mark.anyio
async def test_pinned(pinned_client):
    assert (await pinned_client.get("/health")).status_code == 404
