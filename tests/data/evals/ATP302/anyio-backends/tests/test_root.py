import pytest

pytestmark = pytest.mark.anyio


async def test_health(client, package_client, module_client, sync_settings):
    assert (await client.get("/health")).status_code == 404


class TestGrouped:
    async def test_grouped(self, class_client):
        assert (await class_client.get("/health")).status_code == 404
