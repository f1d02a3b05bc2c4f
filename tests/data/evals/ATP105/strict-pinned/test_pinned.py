import pytest


@pytest.mark.asyncio
@pytest.mark.anyio
async def test_both_marks_with_async_fixture(worker):  # ATP105
    assert worker


@pytest.mark.asyncio
@pytest.mark.anyio
async def test_both_marks_pinned_asyncio_no_fixture(anyio_backend):
    assert anyio_backend == "asyncio"
