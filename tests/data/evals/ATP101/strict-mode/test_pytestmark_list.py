import pytest

pytestmark = [pytest.mark.slow, pytest.mark.asyncio]


async def test_module_marked():
    pass
