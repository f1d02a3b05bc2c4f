import asyncio
from asyncio import sleep

import anyio
import pytest
import trio
from sqlalchemy import text

from conftest import seed


async def create(client, oid):
    await client.post(f"/orders/{oid}")


async def is_ok():
    return False


async def test_dropped_helper(client):
    create(client, 1)  # ATP203


async def test_assert_coroutine_passes_silently():
    assert is_ok()  # ATP203


async def test_assert_not():
    assert not is_ok()  # ATP203


async def test_if_coroutine():
    if is_ok():  # ATP203
        pass


async def test_client_post_dropped(client):
    client.post("/orders/1")  # ATP203
    await client.post("/orders/2")


async def test_client_post_on_the_next_line_dropped(client):
    (client  # ATP203
        .post("/orders/3"))
    response = await (client
                      .post("/orders/4"))
    assert response.status_code == 200


async def test_response_used_as_value(client):
    resp = client.post("/orders/1")  # ATP203
    assert resp.status_code == 200


async def test_inline_attribute(client):
    assert client.post("/orders/1").status_code == 200  # ATP203


async def test_compare(client):
    assert client.request("POST", "/orders/1") != 500  # ATP203


async def test_sleeps():
    asyncio.sleep(0)  # ATP203
    sleep(0)  # ATP203
    anyio.sleep(0)  # ATP203
    trio.sleep(0)  # ATP203


async def test_assigned_never_used():
    pending = is_ok()  # ATP203


async def test_nested_async_def():
    async def inner():
        return 1

    inner()  # ATP203


async def test_list_of_coroutines_dropped():
    [is_ok(), is_ok()]  # ATP203


async def test_formatted():
    print(f"{is_ok()}")  # ATP203


async def test_conftest_helper():
    seed()  # ATP203


async def test_session_commit(session):
    session.add(object())
    session.commit()  # ATP203


async def test_sessionmaker_session(sessionmaker):
    async with sessionmaker() as s:
        s.execute(text("SELECT 1"))  # ATP203


async def test_sessionmaker_begin(sessionmaker):
    async with sessionmaker.begin() as s:
        s.flush()  # ATP203


async def test_engine_connection(engine):
    async with engine.connect() as conn:
        conn.execute(text("SELECT 1"))  # ATP203
    engine.dispose()  # ATP203


async def test_fixtures_fine(seeded_client, pending_seed):
    await pending_seed


class TestOrders:
    async def place(self, client):
        await client.post("/orders/3")

    async def test_self_method(self, client):
        self.place(client)  # ATP203

    async def test_self_method_awaited(self, client):
        await self.place(client)


@pytest.fixture
async def module_fixture(client):
    asyncio.sleep(0)  # ATP203
    yield client
