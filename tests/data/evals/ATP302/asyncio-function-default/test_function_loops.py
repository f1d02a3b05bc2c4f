import asyncio


async def test_uses_everything(client, module_client, upstream, dynamic_loop, asgi_in_session_loop, per_test):
    assert client is not None


async def test_worker(worker):
    worker.put_nowait("job")
    await asyncio.wait_for(worker.join(), 1)


class TestResource:
    async def test_resource(self, class_resource):
        assert class_resource["ready"]


async def test_mailbox(mailbox):
    asyncio.get_running_loop().call_soon(mailbox.put_nowait, 1)
    assert await mailbox.get() == 1


async def test_nowait(nowait_mailbox):
    nowait_mailbox.put_nowait(1)
    assert nowait_mailbox.get_nowait() == 1


def test_sync_user(shared_upstream):
    assert shared_upstream is not None


async def test_mailbox_again(mailbox):
    asyncio.get_running_loop().call_soon(mailbox.put_nowait, 2)
    assert await mailbox.get() == 2


async def test_upstream_again(upstream):
    assert (await upstream.get("/")) is not None
