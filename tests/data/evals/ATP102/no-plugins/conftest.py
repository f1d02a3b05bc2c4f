import pytest


@pytest.fixture
async def resource():  # ATP102
    return 1
