import pytest


@pytest.fixture
def anyio_backend():
    return "trio"


@pytest.mark.trio
@pytest.mark.anyio
async def test_pinned_to_trio():
    pass
