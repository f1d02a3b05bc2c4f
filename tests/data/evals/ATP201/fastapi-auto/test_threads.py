import asyncio
import functools

import anyio
import anyio.to_thread
import pytest
from fastapi.testclient import TestClient

from app import app


def do_requests(client):
    return client.get("/health").json()


async def test_to_thread(client):
    resp = await asyncio.to_thread(client.get, "/health")
    assert resp.status_code == 200


async def test_anyio_run_sync_partial(client):
    resp = await anyio.to_thread.run_sync(functools.partial(client.post, "/notes", params={"text": "x"}))
    assert resp.status_code == 200


async def test_run_in_executor(client):
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, client.get, "/health")


async def test_nested_def_handed_to_thread(client):
    def call():
        return client.get("/health")

    await asyncio.to_thread(call)


async def test_lambda_handed_to_thread(client):
    await anyio.to_thread.run_sync(lambda: client.get("/health"))


async def test_constructed_but_only_threaded():
    client = TestClient(app)
    await asyncio.to_thread(client.get, "/health")


async def test_client_passed_to_worker(client):
    assert await asyncio.to_thread(do_requests, client) == {"status": "ok"}


async def test_requested_but_not_called(client):
    assert client is not None
    assert client.base_url is not None
    client.headers.update({"x-test": "1"})


async def test_async_client(aclient):
    assert (await aclient.get("/health")).status_code == 200


async def test_async_fixture_threads(async_fixture_threads_the_call, sync_fixture_uses_client):
    assert async_fixture_threads_the_call == sync_fixture_uses_client


@pytest.mark.parametrize("client", [None])
async def test_parametrize_shadows_fixture(client):
    if client is not None:
        client.get("/health")


async def test_rebound_to_unknown(client):
    client = make_other_client()
    client.get("/health")


async def test_rebound_in_loop(client):
    for client in [object()]:
        client.get("/health")


def make_other_client():
    return object()


async def helper_not_a_test(client):
    client.get("/health")
