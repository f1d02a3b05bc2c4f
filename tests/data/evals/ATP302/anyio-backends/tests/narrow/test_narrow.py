import pytest


@pytest.mark.anyio
async def test_narrow(narrow_resource):
    assert narrow_resource["ok"]
