from aiohttp.test_utils import TestClient, TestServer

from app import create_app


async def test_health():
    client = TestClient(TestServer(create_app()))
    await client.start_server()
    try:
        resp = await client.get("/health")
        assert await resp.json() == {"status": "ok"}
    finally:
        await client.close()
