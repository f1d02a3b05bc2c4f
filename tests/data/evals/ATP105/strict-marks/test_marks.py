import pytest
import pytest_asyncio
from pytest import mark


@pytest.mark.asyncio
@pytest.mark.anyio
async def test_both_marks(anyio_backend):  # ATP105
    pass


@mark.anyio
@mark.asyncio(loop_scope="function")
async def test_both_marks_aliased():  # ATP105
    pass


@pytest.mark.anyio
class TestAnyio:
    @pytest.mark.asyncio
    async def test_class_and_function_marks(self):  # ATP105
        pass

    async def test_anyio_only(self):
        pass


@pytest.mark.asyncio
async def test_asyncio_only():
    pass


@pytest_asyncio.fixture
async def loop_id():
    return 1


@pytest.mark.asyncio
async def test_asyncio_fixture(loop_id):
    assert loop_id
