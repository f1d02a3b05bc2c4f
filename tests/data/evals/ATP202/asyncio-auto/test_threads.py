import asyncio
import subprocess
import threading

import anyio
import anyio.to_thread
import pytest


async def job():
    await asyncio.sleep(0)
    return 1


def sync_work():
    return asyncio.run(job())


async def test_to_thread_runs_loop_in_worker():
    assert await asyncio.to_thread(asyncio.run, job()) == 1


async def test_helper_handed_to_thread():
    assert await asyncio.to_thread(sync_work) == 1


async def test_anyio_run_sync_helper():
    assert await anyio.to_thread.run_sync(sync_work) == 1


async def test_thread_target_lambda():
    thread = threading.Thread(target=lambda: asyncio.run(job()))
    thread.start()
    thread.join()


async def test_nested_def_in_executor():
    def worker():
        return asyncio.run(job())

    assert await asyncio.get_running_loop().run_in_executor(None, worker) == 1


async def test_not_a_loop_runner():
    subprocess.run(["true"], check=False)


async def test_run_on_unknown_object(runner):
    runner.run("job")


async def test_helper_shadowed_locally():
    sync_work = lambda: 1  # noqa: E731
    assert sync_work() == 1


async def test_from_thread_is_not_a_new_loop():
    await anyio.to_thread.run_sync(lambda: anyio.from_thread.run(job))
