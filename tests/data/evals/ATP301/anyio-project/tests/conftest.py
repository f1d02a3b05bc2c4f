import httpx
import pytest
from fastapi import FastAPI
from httpx import ASGITransport

app = FastAPI()

in_process = httpx.AsyncClient(transport=ASGITransport(app=app), base_url="http://test")
real = httpx.AsyncClient(base_url="http://upstream")  # ATP301


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="session")
def api():
    return in_process
