import pytest
from starlette import testclient

from app import app


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def client():
    return testclient.TestClient(app)


@pytest.fixture
def maybe_client(request):
    if request.param:
        return testclient.TestClient(app)
    return None
