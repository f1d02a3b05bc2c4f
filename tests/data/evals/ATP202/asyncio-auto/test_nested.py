import asyncio
import asyncio as aio
import subprocess
import threading
from asyncio import run as arun

import anyio
import pytest
import trio


async def job():
    await asyncio.sleep(0)
    return 1


def run_job_sync():
    return asyncio.run(job())  # ATP202


def total(names):
    return sum(asyncio.run(job()) for _ in names)  # ATP202


def only_called_from_sync_tests():
    return asyncio.run(job())


def only_handed_to_a_thread():
    return asyncio.run(job())


async def test_asyncio_run():
    asyncio.run(job())  # ATP202


async def test_module_alias():
    aio.run(job())  # ATP202


async def test_from_import_alias():
    assert arun(job()) == 1  # ATP202


async def test_new_loop_run_until_complete():
    loop = asyncio.new_event_loop()
    try:
        assert loop.run_until_complete(job()) == 1  # ATP202
    finally:
        loop.close()


async def test_get_event_loop_chain():
    asyncio.get_event_loop().run_until_complete(job())  # ATP202


async def test_runner_context():
    with asyncio.Runner() as runner:
        runner.run(job())  # ATP202


async def test_runner_inline():
    asyncio.Runner().run(job())  # ATP202


async def test_sync_helper():
    assert run_job_sync() == 1


async def test_sync_helper_again():
    run_job_sync()


async def test_helper_with_generator():
    assert total(["a", "b"]) == 2


async def test_anyio_run():
    anyio.run(job)  # ATP202


async def test_trio_run():
    trio.run(job)  # ATP202


async def test_in_a_loop():
    for _ in range(2):
        if True:
            asyncio.run(job())  # ATP202


class TestClassStyle:
    async def test_method(self):
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(job())  # ATP202


async def test_uses_fixtures(migrated, migrated_in_thread, catalog):
    assert migrated and migrated_in_thread


def test_sync_test_may_run_a_loop():
    assert asyncio.run(job()) == 1
    assert only_called_from_sync_tests() == 1
    loop = asyncio.new_event_loop()
    loop.run_until_complete(job())
    loop.close()
