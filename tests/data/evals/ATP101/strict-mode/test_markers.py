import unittest

import pytest
import pytest as pt
from pytest import mark

slow = pytest.mark.slow
asyncio_mark = pytest.mark.asyncio


async def test_no_marker():  # ATP101
    pass


@pytest.mark.asyncio
async def test_decorated():
    pass


@pt.mark.asyncio()
async def test_aliased_module_and_call():
    pass


@mark.asyncio
async def test_from_pytest_import_mark():
    pass


@asyncio_mark
async def test_mark_alias():
    pass


@slow
async def test_only_unrelated_marker():  # ATP101
    pass


@pytest.mark.asycnio
async def test_typo():  # ATP101
    pass


@pytest.mark.anyio
async def test_anyio_marker_is_enough():
    pass


async def test_requests_anyio_backend(anyio_backend):
    pass


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_parametrizes_anyio_backend(anyio_backend):
    pass


@pytest.mark.usefixtures("anyio_backend")
async def test_usefixtures_anyio_backend():
    pass


@pytest.fixture
async def test_client():
    yield "a fixture named like a test is not a test"


async def helper_not_a_test():
    pass


def test_sync():
    pass


@pytest.mark.asyncio
class TestMarkedClass:
    async def test_method(self):
        pass


class TestPlainClass:
    async def test_method(self):  # ATP101
        pass

    @pytest.mark.asyncio
    async def test_marked_method(self):
        pass


class TestWithInit:
    def __init__(self):
        pass

    async def test_not_collected(self):
        pass


class HelperNotCollected:
    async def test_method(self):
        pass


class TestUnittestStyle(unittest.IsolatedAsyncioTestCase):
    async def test_run_by_unittest(self):
        pass


def wraps_into_sync(func):
    return func


@wraps_into_sync
async def test_opaque_decorator():
    pass
