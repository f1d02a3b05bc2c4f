import asyncio

import pytest


@pytest.fixture(scope="package")
def limiter():
    # one slot shared by every job test of this package
    return asyncio.Semaphore(1)
