import pytest


@pytest.fixture
def anyio_backend():
    return ("trio", {"restrict_keyboard_interrupt_to_checkpoints": True})


@pytest.mark.anyio
async def test_runs_on_asyncio_instead():  # ATP105
    pass


def test_sync(anyio_backend):
    assert anyio_backend[0] == "trio"
