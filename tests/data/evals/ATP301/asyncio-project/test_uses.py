import asyncio


async def guarded(lock, log, name):
    async with lock:
        log.append(name)
        await asyncio.sleep(0)


async def test_contended(limiter):
    log = []
    await asyncio.gather(guarded(limiter, log, "a"), guarded(limiter, log, "b"))


async def test_uncontended(quiet_lock):
    async with quiet_lock:
        pass


async def test_inbox(inbox):
    asyncio.get_running_loop().call_soon(inbox.put_nowait, 1)
    assert await inbox.get() == 1


async def test_nowait(nowait_box):
    nowait_box.put_nowait(1)
    assert nowait_box.get_nowait() == 1


async def test_clients(upstream, upstream_in_process, per_test_client, dynamic_scope_client, maybe_client):
    assert upstream is not None


class TestRates:
    async def test_rates(self, rates):
        assert rates is not None


def test_private_loop(private_loop):
    async def answer():
        return 42

    assert private_loop.run_until_complete(answer()) == 42


async def test_contended_again(limiter):
    log = []
    await asyncio.gather(guarded(limiter, log, "c"), guarded(limiter, log, "d"))


async def test_inbox_again(inbox):
    asyncio.get_running_loop().call_soon(inbox.put_nowait, 2)
    assert await inbox.get() == 2


async def test_upstream_again(upstream):
    assert upstream is not None


async def test_uncontended_again(quiet_lock):
    async with quiet_lock:
        pass
