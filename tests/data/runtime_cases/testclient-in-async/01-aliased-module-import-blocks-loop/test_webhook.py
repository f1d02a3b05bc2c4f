import threading

import anyio
import pytest
import starlette.testclient as stc

from app import app

pytestmark = pytest.mark.anyio


async def ack_soon(event):
    await anyio.sleep(0.05)
    event.set()


async def test_webhook_is_acked():
    app.state.ack = threading.Event()
    async with anyio.create_task_group() as tg:
        tg.start_soon(ack_soon, app.state.ack)
        client = stc.TestClient(app)
        resp = client.post("/webhook")
    assert resp.json() == {"acked": True}
