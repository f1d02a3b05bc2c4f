import pytest
import pytest as pt
from pytest import mark
from unittest import mock

asyncio_mark = pytest.mark.asyncio


@pytest.mark.asyncio
def test_decorated_sync():  # ATP103
    pass


@pt.mark.asyncio(loop_scope="module")
def test_aliased_with_args():  # ATP103
    pass


@mark.asyncio
def test_from_import_mark():  # ATP103
    pass


@asyncio_mark
def test_mark_alias():  # ATP103
    pass


@pytest.mark.asyncio
@mock.patch("os.getcwd", lambda: "/")
def test_with_patch():  # ATP103
    pass


async def _check():
    pass


@pytest.mark.asyncio
def test_returns_coroutine():  # ATP103
    return _check()


@pytest.mark.asyncio
async def test_async_is_fine():
    pass


def test_plain_sync():
    pass


@pytest.mark.slow
def test_other_marker():
    pass


def opaque(func):
    return func


@pytest.mark.asyncio
@opaque
def test_opaque_decorator_may_make_it_async():
    pass


@pytest.mark.asyncio
class TestMarkedClass:
    async def test_async(self):
        pass

    def test_sync(self):  # ATP103
        pass

    class TestNested:
        def test_nested_sync(self):  # ATP103
            pass


class TestClassPytestmark:
    pytestmark = [pytest.mark.asyncio]

    def test_sync(self):  # ATP103
        pass

    async def test_async(self):
        pass


class TestUnmarked:
    def test_sync(self):
        pass

    @pytest.mark.asyncio
    def test_marked_sync(self):  # ATP103
        pass


@pytest.mark.asyncio
class HelperNotCollected:
    def test_sync(self):
        pass


@pytest.fixture
@pytest.mark.asyncio
def marked_fixture():
    return 1
