import pytest


async def test_trio_mode_generator():  # ATP104
    yield


@pytest.mark.anyio
async def test_anyio_generator():  # ATP104
    for item in [1, 2]:
        yield item


def opaque(func):
    return func


@opaque
async def test_behind_unknown_decorator():
    yield
