import pytest

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_thumbnail_cat(worker):
    assert await worker.submit("cat") == "cat.thumb"


async def test_thumbnail_dog(worker):
    assert await worker.submit("dog") == "dog.thumb"
