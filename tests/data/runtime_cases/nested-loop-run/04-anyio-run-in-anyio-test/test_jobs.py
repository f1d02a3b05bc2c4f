import anyio
import pytest


async def run_job(n: int) -> int:
    await anyio.sleep(0)
    return n * 2


@pytest.mark.anyio
async def test_job_doubles():
    assert anyio.run(run_job, 21) == 42
