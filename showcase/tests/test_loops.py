import asyncio

import pytest
from fastapi.testclient import TestClient
from httpx import AsyncClient

from app import app

lock_waiters = asyncio.Queue()  # ATP301


async def read(client: AsyncClient) -> int:
    return (await client.get("/items/1")).status_code


@pytest.mark.asyncio
async def test_blocking_client():
    with TestClient(app) as client:  # ATP201
        assert client.get("/items/1").status_code == 200


@pytest.mark.asyncio
async def test_fixture_client(client):
    assert client.get("/items/1").status_code == 200  # ATP201


@pytest.mark.asyncio
async def test_nested_run(aclient):
    assert asyncio.run(read(aclient)) == 200  # ATP202


@pytest.mark.asyncio
async def test_forgot_await(aclient):
    aclient.post("/items", json={"name": "desk"})  # ATP203
    assert (await aclient.get("/items/1")).status_code == 200


@pytest.mark.asyncio
async def test_queue():
    assert await lock_waiters.get() is None


@pytest.mark.anyio  # ATP304
async def test_runs_on_trio_too():
    await asyncio.sleep(0)
