import pytest


async def test_unmarked():  # ATP101
    pass


async def test_through_fixture(uses_backend):
    pass


async def test_unknown_fixture(fixture_from_some_plugin):
    pass


@pytest.mark.asyncio
async def test_asyncio_marker_without_pytest_asyncio():  # ATP101
    pass
