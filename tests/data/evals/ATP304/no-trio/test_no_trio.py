import asyncio

import pytest


@pytest.mark.anyio
async def test_sleep():
    await asyncio.sleep(0)
