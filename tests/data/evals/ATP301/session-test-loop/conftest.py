import httpx
import pytest
import redis.asyncio as aioredis

cache = aioredis.Redis(host="127.0.0.1")


@pytest.fixture(scope="session")
def upstream():
    return httpx.AsyncClient(base_url="http://upstream")
