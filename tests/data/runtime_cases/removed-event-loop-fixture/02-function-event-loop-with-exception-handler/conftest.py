import asyncio

import pytest

LOOP_ERRORS: list[str] = []


@pytest.fixture
def event_loop():
    loop = asyncio.new_event_loop()
    loop.set_exception_handler(lambda loop, ctx: LOOP_ERRORS.append(ctx["message"]))
    yield loop
    loop.close()
