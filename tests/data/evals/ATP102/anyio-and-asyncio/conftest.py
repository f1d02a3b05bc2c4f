import pytest
import pytest_asyncio


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
async def client():
    yield "client"


@pytest.fixture
async def created_user():
    return {"name": "dave"}


@pytest.fixture
def user_name(created_user):
    return created_user["name"]


@pytest.fixture
async def backend_aware(anyio_backend):
    return anyio_backend


@pytest_asyncio.fixture
async def seeded():
    return "ivy"
