import trio
import trio.from_thread
import trio.to_thread
from trio import run as trio_run


async def double(n):
    await trio.sleep(0)
    return n * 2


def helper():
    return trio.run(double, 2)  # ATP202


async def test_trio_run_inside_trio():
    assert trio.run(double, 21) == 42  # ATP202


async def test_aliased():
    trio_run(double, 1)  # ATP202


async def test_helper():
    assert helper() == 4


def test_sync_trio_run():
    assert trio.run(double, 1) == 2
