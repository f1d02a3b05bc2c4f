import pytest
import redis.asyncio as aioredis

import fake_redis

REDIS_PORT = fake_redis.start()


@pytest.fixture(scope="session")
def cache():
    return aioredis.Redis(host="127.0.0.1", port=REDIS_PORT)
