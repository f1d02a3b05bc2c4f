import asyncio
import threading

import pytest_asyncio
from fastapi.testclient import TestClient as SyncClient

from app import app


@pytest_asyncio.fixture
async def acked_webhook():
    app.state.ack = threading.Event()
    asyncio.get_running_loop().call_later(0.05, app.state.ack.set)
    with SyncClient(app) as client:
        resp = client.post("/webhook")
    yield resp.json()
