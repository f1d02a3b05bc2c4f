import pytest
import trio


@pytest.mark.trio
async def test_config_async(config):
    await trio.sleep(0)
    assert config["retries"] == 3


def test_config_sync(config):  # ATP102
    assert config["retries"] == 3


class TestConfig:
    @pytest.mark.trio
    async def test_async(self, config):
        assert config

    def test_sync(self, config):  # ATP102
        assert config
