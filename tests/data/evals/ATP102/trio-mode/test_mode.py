import pytest


@pytest.fixture
async def nursery_value():
    return 42


async def test_unmarked_async(nursery_value):
    assert nursery_value == 42


def test_sync(nursery_value):  # ATP102
    assert nursery_value == 42
