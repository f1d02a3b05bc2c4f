import asyncio
import threading

from app import app


async def test_webhook_is_acked(api):
    app.state.ack = threading.Event()
    asyncio.get_running_loop().call_later(0.05, app.state.ack.set)
    resp = api.post("/webhook")
    assert resp.json() == {"acked": True}


def test_health(api):
    assert api.get("/health").json() == {"status": "ok"}
