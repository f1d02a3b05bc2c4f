import pytest


@pytest.fixture
async def client():
    yield "client"
