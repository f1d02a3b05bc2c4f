import asyncio

import httpx
import pytest


@pytest.fixture(scope="module")
def upstream():
    return httpx.AsyncClient(base_url="http://upstream")


@pytest.fixture(scope="module")
def inbox():
    return asyncio.Queue()


async def test_only_user(upstream, inbox):
    inbox.put_nowait(1)
    assert await inbox.get() == 1
    assert upstream is not None
