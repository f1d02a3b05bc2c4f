import asyncio

from conftest import LOOP_ERRORS


def explode():
    raise ValueError("boom")


async def test_callback_errors_are_captured():
    asyncio.get_running_loop().call_soon(explode)
    await asyncio.sleep(0.01)
    assert [m.split(" at ")[0] for m in LOOP_ERRORS] == ["Exception in callback explode()"]
