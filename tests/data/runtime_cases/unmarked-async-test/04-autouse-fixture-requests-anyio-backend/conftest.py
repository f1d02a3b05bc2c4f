import pytest


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture(autouse=True)
def _async_backend(anyio_backend):
    # pulling anyio_backend into every test's fixture closure is enough for
    # anyio's plugin to run coroutine tests, no marker needed
    return anyio_backend
