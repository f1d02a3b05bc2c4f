import pytest
import pytest_asyncio


@pytest.fixture
async def client():  # ATP102
    yield "client"


@pytest.fixture(name="session")
async def make_session():  # ATP102
    return "session"


@pytest_asyncio.fixture
async def good_client():
    yield "client"


@pytest.mark.asyncio
async def test_uses_client(client, session):
    assert client


def test_sync_uses_client(client):
    assert client


class TestGroup:
    @pytest.fixture
    async def resource(self):  # ATP102
        return 1

    @pytest.mark.asyncio
    async def test_resource(self, resource):
        assert resource
