import pytest

pytestmark = pytest.mark.anyio


async def test_health(api):
    assert (await api.get("/health")).status_code == 404
