import asyncio


async def test_job_roundtrip(job_queue, upstream, module_resource):
    asyncio.get_running_loop().call_later(0.01, job_queue.put_nowait, "resize")
    assert await job_queue.get() == "resize"
