import pytest


@pytest.fixture
def plain():
    return 1


async def test_unmarked_async(plain):
    assert plain == 1


def test_sync(plain):
    assert plain == 1
