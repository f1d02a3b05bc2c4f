import pytest
import trio


@pytest.fixture
async def config():
    await trio.sleep(0)
    return {"retries": 3}
