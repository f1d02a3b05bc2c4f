import pytest


@pytest.mark.anyio
async def test_anyio(worker):
    assert worker


@pytest.mark.asyncio
@pytest.mark.anyio
async def test_unknown_fixture(fixture_from_a_plugin):
    assert fixture_from_a_plugin
