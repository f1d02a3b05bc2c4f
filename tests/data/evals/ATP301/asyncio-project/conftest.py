import asyncio
import os

import aiohttp
import httpx
import pytest
from httpx import ASGITransport, AsyncClient

from app import app

SCOPE = os.environ.get("SCOPE", "session")


@pytest.fixture(scope="session")
def upstream():
    return httpx.AsyncClient(base_url="http://upstream")  # ATP301


@pytest.fixture(scope="session")
def upstream_in_process():
    return AsyncClient(transport=ASGITransport(app=app), base_url="http://test")


@pytest.fixture(scope="class")
def rates():
    session = aiohttp.ClientSession()  # ATP301
    yield session


@pytest.fixture(scope="module")
def limiter():
    return asyncio.Semaphore(1)  # ATP301


@pytest.fixture(scope="module")
def quiet_lock():
    return asyncio.Lock()


@pytest.fixture(scope="package")
def inbox():
    return asyncio.Queue()  # ATP301


@pytest.fixture(scope="session")
def nowait_box():
    return asyncio.Queue()


@pytest.fixture
def per_test_client():
    return httpx.AsyncClient(base_url="http://upstream")


@pytest.fixture(scope=SCOPE)
def dynamic_scope_client():
    return httpx.AsyncClient(base_url="http://upstream")


@pytest.fixture(scope="session")
def private_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def maybe_client(request):
    if request.config.getoption("verbose"):
        return httpx.AsyncClient()
    return None
