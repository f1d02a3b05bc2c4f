import sys

import pytest

if sys.version_info >= (3, 10):
    pytestmark = pytest.mark.asyncio


async def test_marked_in_a_way_we_cannot_follow():
    pass
