import httpx
from fastapi.testclient import TestClient
from starlette.testclient import TestClient as StarletteClient

from app import app


class AsyncClient:
    def __init__(self, app):
        self.app = app


def test_testclient_keyword():
    with TestClient(app=app, base_url="http://t") as c:
        assert c.get("/").status_code == 404


def test_starlette_testclient_keyword():
    assert StarletteClient(app=app).get("/").status_code == 404


async def test_transport(transport, good_client):
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        await c.get("/")


async def test_wsgi_transport_app_keyword():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport) as c:
        await c.get("/")


def test_local_class_named_asyncclient():
    assert AsyncClient(app=app).app is app


def test_kwargs_are_unknown():
    options = {"base_url": "http://t"}
    with httpx.Client(**options) as c:
        assert c


def test_in_a_string():
    code = "httpx.AsyncClient(app=app)"
    assert code
