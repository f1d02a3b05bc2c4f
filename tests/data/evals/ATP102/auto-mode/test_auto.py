import pytest


@pytest.fixture
async def local():
    yield 1


def test_sync(seeded, local):
    assert seeded == "hello"


async def test_async(seeded, local):
    assert local == 1
