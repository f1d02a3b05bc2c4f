import asyncio

import pytest

pytestmark = pytest.mark.anyio


async def test_sleep():
    await asyncio.sleep(0)
