import pytest
import trio


@pytest.mark.trio
def test_trio_sync():  # ATP103
    trio.run(trio.sleep, 0)


@pytest.mark.anyio
def test_anyio_sync():  # ATP103
    pass


@pytest.mark.anyio
class TestVersion:
    async def test_async(self):
        pass

    def test_sync(self):  # silent: anyio skips sync methods of a class marked for its async tests
        pass


@pytest.mark.anyio
class TestOnlySync:
    def test_sync(self):  # ATP103
        pass


@pytest.mark.trio
class TestTrioMixed:
    async def test_async(self):
        pass

    def test_sync(self):  # ATP103
        pass


@pytest.mark.trio
async def test_trio_async():
    pass


@pytest.mark.usefixtures("anyio_backend")
def test_usefixtures_only():
    pass
