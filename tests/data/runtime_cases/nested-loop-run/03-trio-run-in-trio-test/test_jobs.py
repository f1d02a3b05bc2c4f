import trio


async def run_job(n: int) -> int:
    await trio.sleep(0)
    return n * 2


async def test_job_doubles():
    assert trio.run(run_job, 21) == 42
