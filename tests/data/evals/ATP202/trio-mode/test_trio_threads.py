import trio
import trio.from_thread
import trio.to_thread


async def double(n):
    await trio.sleep(0)
    return n * 2


async def test_run_in_worker_thread():
    assert await trio.to_thread.run_sync(trio.run, double, 2) == 4


async def test_from_thread_back_into_loop():
    def worker():
        return trio.from_thread.run(double, 3)

    assert await trio.to_thread.run_sync(worker) == 6
