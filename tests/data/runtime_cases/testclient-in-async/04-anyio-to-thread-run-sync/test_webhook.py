import functools
import threading

import anyio
import anyio.to_thread
import pytest

from app import app


async def ack_soon(event):
    await anyio.sleep(0.05)
    event.set()


@pytest.mark.anyio
async def test_webhook_is_acked(client):
    app.state.ack = threading.Event()
    async with anyio.create_task_group() as tg:
        tg.start_soon(ack_soon, app.state.ack)
        resp = await anyio.to_thread.run_sync(functools.partial(client.post, "/webhook"))
    assert resp.json() == {"acked": True}
