import functools

import pytest
import pytest_asyncio
from pytest import fixture


@pytest.fixture
async def db():  # ATP102
    yield {"users": []}


@pytest.fixture(autouse=True)
async def reset_cache():  # ATP102
    yield


@fixture(scope="function")
async def token():  # ATP102
    return "secret"


@pytest_asyncio.fixture
async def engine():
    yield "engine"


@pytest.fixture
def settings():
    return {"debug": True}


def sync_wrapper(func):
    @functools.wraps(func)
    def run():
        return "done"

    return run


@pytest.fixture
@sync_wrapper
async def wrapped():
    return "wrapped by something we cannot see"


async def helper():
    return "not a fixture"
