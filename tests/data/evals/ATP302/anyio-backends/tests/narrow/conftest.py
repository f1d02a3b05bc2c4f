import pytest


@pytest.fixture(params=["asyncio"])
def anyio_backend(request):
    return request.param


@pytest.fixture(scope="module")
async def narrow_resource():  # ATP302
    return {"ok": True}
