import asyncio
import contextlib

import anyio
import httpx
import pytest
from sqlalchemy import text


async def is_ok():
    return True


async def agen():
    yield 1


def sync_helper():
    return 1


def decorate(function):
    return function


@decorate
async def decorated():
    return 1


async def test_awaited(client):
    assert (await client.post("/orders/1")).status_code == 200


async def test_gather(client):
    await asyncio.gather(*(client.post(f"/orders/{i}") for i in range(3)))


async def test_create_task_and_ensure_future():
    first = asyncio.create_task(is_ok())
    second = asyncio.ensure_future(is_ok())
    assert await first and await second


async def test_task_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(is_ok())


async def test_anyio_task_group(client):
    async with anyio.create_task_group() as tg:
        tg.start_soon(client.post, "/orders/1")


async def test_wait_for():
    assert await asyncio.wait_for(is_ok(), timeout=1)


async def test_assigned_then_awaited():
    pending = is_ok()
    assert await pending


async def test_list_then_gathered():
    pending = [is_ok() for _ in range(2)]
    await asyncio.gather(*pending)


async def test_appended_then_gathered():
    pending = []
    pending.append(is_ok())
    await asyncio.gather(*pending)


async def test_passed_to_any_function():
    print(is_ok())


async def test_conditional_awaited(client):
    await (is_ok() if client else asyncio.sleep(0))


async def test_stream_is_a_context_manager(client):
    async with client.stream("GET", "/orders/1") as resp:
        await resp.aread()


async def test_send(client):
    request = client.build_request("POST", "/orders/1")
    assert (await client.send(request)).status_code == 200


async def test_sync_httpx_client():
    with httpx.Client(base_url="http://example.invalid") as sync_client:
        sync_client.build_request("GET", "/")


async def test_unknown_receiver(thing):
    thing.get("/orders/1")


async def test_async_generator_is_not_a_coroutine():
    gen = agen()
    assert gen is not None


async def test_unknown_decorator_and_sync_helper():
    decorated()
    sync_helper()


async def test_dict_get():
    data = {"a": 1}
    data.get("a")


async def test_closure_reads_it():
    pending = is_ok()
    await asyncio.sleep(0)
    await (lambda: pending)()


async def test_explicit_close():
    pending = is_ok()
    pending.close()


async def test_walrus():
    if (pending := is_ok()) is not None:
        await pending


async def test_parameter_shadows_helper(is_ok):
    is_ok()


async def test_session_add_then_commit(session):
    session.add(object())
    await session.commit()
    await session.execute(text("SELECT 1"))


async def test_suppress_context():
    with contextlib.suppress(Exception):
        await is_ok()


async def test_lambda_is_not_followed():
    make = lambda: is_ok()  # noqa: E731
    await make()


def test_sync_test_runs_it():
    assert asyncio.run(is_ok())


@pytest.fixture
async def returns_coroutine():
    return is_ok()


async def test_returned_coroutine_fixture(returns_coroutine):
    assert await returns_coroutine
