import pytest

pytestmark = pytest.mark.anyio  # no effect in conftest.py


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def uses_backend(anyio_backend):
    return anyio_backend
