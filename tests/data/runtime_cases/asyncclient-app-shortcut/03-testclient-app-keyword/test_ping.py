import httpx
from fastapi.testclient import TestClient

from app import app


def test_ping():
    with TestClient(app=app, base_url="http://t") as client:
        resp = client.get("/ping")
    assert isinstance(client, httpx.Client)
    assert resp.json() == {"pong": True}
