import httpx2
import pytest

upstream = httpx2.AsyncClient(base_url="http://upstream.invalid")  # ATP301
in_process = httpx2.AsyncClient(transport=httpx2.ASGITransport(app=None), base_url="http://t")


@pytest.mark.asyncio
async def test_upstream():
    assert upstream.base_url.host == "upstream.invalid"
