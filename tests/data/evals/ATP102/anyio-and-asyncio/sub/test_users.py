import pytest
from unittest import mock


@pytest.mark.anyio
async def test_created(created_user, client):
    assert created_user


def test_fetch_created(created_user):  # ATP102
    assert created_user


def test_through_sync_fixture(user_name):  # ATP102
    assert user_name == "dave"


@pytest.mark.usefixtures("client")
def test_usefixtures(settings=None):  # ATP102
    pass


@pytest.mark.asyncio
async def test_asyncio_strict_with_plain_fixture(client):  # ATP102
    assert client


def test_sync_with_anyio_backend(created_user, anyio_backend):
    assert created_user


def test_fixture_that_takes_backend(backend_aware):
    assert backend_aware


def test_pytest_asyncio_fixture(seeded):
    assert seeded


@mock.patch("os.getcwd", lambda: "/")
def test_patched(created_user):  # ATP102
    assert created_user


def opaque(func):
    return func


@opaque
def test_opaque_decorator(created_user):
    assert created_user


def test_unknown_fixture_might_use_backend(created_user, fixture_from_a_plugin):
    assert created_user


@pytest.mark.parametrize("n", [1, 2])
def test_parametrized(n, created_user):  # ATP102
    assert n


class TestUsers:
    def test_method(self, client):  # ATP102
        assert client

    @pytest.mark.anyio
    async def test_anyio_method(self, client):
        assert client
