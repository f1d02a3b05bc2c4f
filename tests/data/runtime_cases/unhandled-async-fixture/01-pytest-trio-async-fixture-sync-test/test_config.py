import pytest
import trio


@pytest.mark.trio
async def test_config_async(config):
    await trio.sleep(0)
    assert config["retries"] == 3


def test_config_sync(config):
    assert config["retries"] == 3
