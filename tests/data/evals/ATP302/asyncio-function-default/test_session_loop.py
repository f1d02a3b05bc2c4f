import pytest

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_shared(shared_upstream):
    assert (await shared_upstream.get("/")) is not None
