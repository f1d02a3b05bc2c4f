import asyncio
import threading

from app import app


async def ack_soon(event):
    await asyncio.sleep(0.05)
    event.set()


async def test_webhook_is_acked(client):
    app.state.ack = threading.Event()
    acker = asyncio.create_task(ack_soon(app.state.ack))
    # the blocking call runs in a worker thread; the test's loop keeps running
    resp = await asyncio.to_thread(client.post, "/webhook")
    await acker
    assert resp.json() == {"acked": True}
