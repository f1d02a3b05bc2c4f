import pytest


@pytest.fixture
async def seeded():
    return "hello"


@pytest.fixture(autouse=True)
async def clean():
    yield
