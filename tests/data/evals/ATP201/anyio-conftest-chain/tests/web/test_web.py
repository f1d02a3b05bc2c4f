import anyio


async def test_root_conftest_client(client):
    await anyio.sleep(0)
    client.get("/")  # ATP201
    client.get("/")


async def test_handed_to_thread(client):
    await anyio.to_thread.run_sync(client.get, "/")
