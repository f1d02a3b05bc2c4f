import pytest


@pytest.mark.anyio
async def test_plain_async_fixture(worker):  # ATP105
    await worker.put(1)


@pytest.mark.anyio
async def test_pytest_asyncio_fixture(mailbox):  # ATP105
    await mailbox.put(1)


@pytest.mark.anyio
async def test_through_sync_fixture(wraps_worker):  # ATP105
    assert wraps_worker


@pytest.mark.anyio
async def test_no_async_fixture(config):
    assert config


async def test_unmarked_with_backend(worker, anyio_backend):  # ATP105
    assert worker


async def test_unmarked_asyncio_only(worker):
    assert worker


@pytest.mark.anyio
class TestGroup:
    async def test_method(self, worker):  # ATP105
        assert worker

    def test_sync(self, config):  # silent: anyio class mark for the async method
        assert config
