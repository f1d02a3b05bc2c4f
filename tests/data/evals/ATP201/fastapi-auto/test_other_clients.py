from aiohttp import web

from app import app


def make_app():
    return web.Application()


async def test_aiohttp_client():
    from aiohttp.test_utils import TestClient, TestServer

    client = TestClient(TestServer(make_app()))
    await client.start_server()
    try:
        await client.get("/")
    finally:
        await client.close()


async def test_starlette_client_in_the_same_file():
    from starlette.testclient import TestClient

    client = TestClient(app)  # ATP201
    client.get("/health")


async def test_async_asgi_testclient():
    from async_asgi_testclient import TestClient

    async with TestClient(app) as client:
        await client.get("/health")


async def test_litestar_is_out_of_scope():
    from litestar.testing import TestClient

    with TestClient(app=None) as client:
        client.get("/")
