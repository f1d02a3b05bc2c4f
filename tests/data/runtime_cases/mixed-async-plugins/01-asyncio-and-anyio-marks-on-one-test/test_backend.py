import anyio
import pytest
import sniffio


async def running_backend() -> str:
    await anyio.sleep(0)
    return sniffio.current_async_library()


@pytest.mark.asyncio
@pytest.mark.anyio
async def test_runs_on_each_backend(anyio_backend):
    assert await running_backend() == anyio_backend
