import pytest

pytestmark = [pytest.mark.asyncio, pytest.mark.anyio]


async def test_first():  # ATP105
    pass


async def test_second():  # ATP105
    pass
