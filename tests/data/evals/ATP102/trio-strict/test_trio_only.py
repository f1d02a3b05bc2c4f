import pytest

pytestmark = pytest.mark.trio


async def test_one(config):
    assert config


def test_sync_without_fixture():
    pass
