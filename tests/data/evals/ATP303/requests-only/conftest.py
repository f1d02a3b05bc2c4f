import pytest


@pytest.fixture
def seeded_cache(event_loop):  # ATP303
    return {}


@pytest.fixture
def private_loop():
    import asyncio

    loop = asyncio.new_event_loop()
    yield loop
    loop.close()
