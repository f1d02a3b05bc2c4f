import httpx
import pytest

pytestmark = pytest.mark.anyio

# anyio keeps one event loop for the module while the autouse fixture below holds its runner
http_client = httpx.AsyncClient(base_url="http://upstream.invalid")


@pytest.fixture(autouse=True, scope="module")
async def close_client(anyio_backend):
    yield
    await http_client.aclose()


async def test_one():
    assert http_client.base_url.host == "upstream.invalid"


async def test_two():
    assert http_client.base_url.host == "upstream.invalid"
