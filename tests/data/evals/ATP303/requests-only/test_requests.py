import asyncio

import pytest


async def test_executor(event_loop):  # ATP303
    await event_loop.run_in_executor(None, sum, [1])


@pytest.mark.usefixtures("event_loop")
async def test_usefixtures():  # ATP303
    pass


class TestInClass:
    async def test_method(self, event_loop):  # ATP303
        pass


@pytest.mark.parametrize("event_loop", [None])
def test_parametrized_name(event_loop):
    assert event_loop is None


def test_keyword_default(event_loop=None):
    assert event_loop is None
