import httpx
import pytest

pytestmark = pytest.mark.anyio

http_client = httpx.AsyncClient(base_url="http://upstream.invalid")  # ATP301


async def test_one():
    assert http_client.base_url.host == "upstream.invalid"
