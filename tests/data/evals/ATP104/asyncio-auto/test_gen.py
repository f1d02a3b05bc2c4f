import pytest
import pytest_asyncio


async def test_yields():  # ATP104
    yield 1


async def test_bare_yield_in_loop():  # ATP104
    for item in range(3):
        if item:
            yield
    assert False


async def test_yield_in_with_block():  # ATP104
    with open(__file__) as handle:
        value = yield handle.read()
    assert value


async def test_nested_helper_is_fine():
    async def pages():
        yield 1
        yield 2

    assert [page async for page in pages()] == [1, 2]


async def test_lambda_and_class_are_fine():
    class Box:
        def items(self):
            yield 1

    assert list(Box().items()) == [1]


def test_sync_generator_is_not_async():
    yield 1


@pytest.fixture
async def client():
    yield "client"


@pytest_asyncio.fixture
async def test_named_like_a_test():
    yield "a fixture, not a test"


async def helper_not_a_test():
    yield 1


class TestGroup:
    async def test_method(self):  # ATP104
        yield self


class Helper:
    async def test_not_collected(self):
        yield self
