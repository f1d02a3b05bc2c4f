import httpx
from httpx import AsyncClient as HTTPClient
from httpx import Client

from app import app

module_client = httpx.AsyncClient(app=app, base_url="http://t")  # ATP403


async def test_aliased():
    async with HTTPClient(app=app, base_url="http://t") as c:  # ATP403
        assert (await c.get("/")).status_code == 404


def test_sync_client():
    with Client(app=app, base_url="http://t") as c:  # ATP403
        assert c.get("/").status_code == 404


def make_client():
    return httpx.AsyncClient(base_url="http://t", app=app)  # ATP403


class TestInClass:
    async def test_method(self):
        async with httpx.AsyncClient(app=app) as c:  # ATP403
            await c.get("/")


async def test_function_level_import():
    from httpx import AsyncClient as Local

    async with Local(app=app) as c:  # ATP403
        await c.get("/")


async def test_nested_in_expression():
    clients = [httpx.AsyncClient(app=app) for _ in range(2)]  # ATP403
    assert clients
