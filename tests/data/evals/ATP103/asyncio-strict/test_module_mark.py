import pytest

pytestmark = pytest.mark.asyncio


async def test_async():
    pass


def test_sync_covered_by_module_mark():
    pass


class TestInModule:
    def test_sync_method(self):
        pass
