from unittest import mock

import pytest
from fastapi.testclient import TestClient

from app import app as application
from app import create_app, get_settings, get_user

client = TestClient(application)


def test_leaks():
    application.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
    assert client.get("/me").status_code == 200


@pytest.mark.anyio
async def test_async_leaks():
    application.dependency_overrides.update({get_user: lambda: {"name": "root"}})  # ATP401


def test_setdefault_leaks():
    application.dependency_overrides.setdefault(get_user, lambda: {"name": "root"})  # ATP401


def test_merge_operator_leaks():
    application.dependency_overrides |= {get_user: lambda: {"name": "root"}}  # ATP401


def test_dict_literal_rebinding_leaks():
    application.dependency_overrides = {get_user: lambda: {"name": "root"}}  # ATP401


def test_inside_testclient_with_leaks():
    with TestClient(application) as c:
        application.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
        assert c.get("/me").status_code == 200


def test_clear_before_set_leaks():
    application.dependency_overrides.clear()
    application.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401


def test_pop_of_other_key_leaks():
    application.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
    application.dependency_overrides.pop(get_settings, None)


@pytest.mark.xfail(reason="not yet")
def test_xfail_cleanup_on_success_path_only():
    application.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
    assert client.get("/me").json()["name"] == "nobody"
    application.dependency_overrides.clear()


@pytest.mark.xfail(reason="not yet")
def test_xfail_cleanup_in_finally():
    application.dependency_overrides[get_user] = lambda: {"name": "root"}
    try:
        assert client.get("/me").json()["name"] == "nobody"
    finally:
        application.dependency_overrides.clear()


def test_cleanup_at_the_end():
    application.dependency_overrides[get_user] = lambda: {"name": "root"}
    assert client.get("/me").status_code == 200
    application.dependency_overrides = {}


def test_cleanup_in_finally():
    application.dependency_overrides[get_user] = lambda: {"name": "root"}
    try:
        assert client.get("/me").status_code == 200
    finally:
        del application.dependency_overrides[get_user]


def test_monkeypatch(monkeypatch):
    monkeypatch.setitem(application.dependency_overrides, get_user, lambda: {"name": "root"})


def test_fresh_app():
    fresh = create_app()
    fresh.dependency_overrides[get_user] = lambda: {"name": "root"}


def test_fresh_app_walrus():
    if (fresh := create_app()) is not None:
        fresh.dependency_overrides[get_user] = lambda: {"name": "root"}


def test_fresh_app_from_function_fixture(fresh_app):
    fresh_app.dependency_overrides[get_user] = lambda: {"name": "root"}


def test_session_app_from_fixture(session_app):
    session_app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401


def test_requests_clearing_fixture(base_client):
    application.dependency_overrides[get_settings] = lambda: {"region": "us"}


def test_patch_dict_context():
    with mock.patch.dict(application.dependency_overrides, {get_user: lambda: {"name": "root"}}):
        application.dependency_overrides[get_settings] = lambda: {"region": "us"}


@mock.patch.dict(application.dependency_overrides, {})
def test_patch_dict_decorator():
    application.dependency_overrides[get_user] = lambda: {"name": "root"}


def test_unknown_helper_context(override_helper):
    with override_helper(application):
        application.dependency_overrides[get_user] = lambda: {"name": "root"}


def test_reset_helper_call():
    application.dependency_overrides[get_user] = lambda: {"name": "root"}
    reset_overrides(application)


def reset_overrides(target):
    target.dependency_overrides.clear()


def test_app_from_client_attribute():
    client.app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401


def test_nested_helper_is_not_reported():
    def helper():
        application.dependency_overrides[get_user] = lambda: {"name": "root"}

    helper()


class TestGrouped:
    def test_method_leaks(self):
        application.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401

    def test_self_app_unknown(self):
        self.app.dependency_overrides[get_user] = lambda: {"name": "root"}


class TestWithTeardownMethod:
    def teardown_method(self):
        application.dependency_overrides.clear()

    def test_cleared_by_teardown_method(self):
        application.dependency_overrides[get_user] = lambda: {"name": "root"}


class TestSetupOnly:
    def setup_method(self):
        application.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401

    def test_one(self):
        pass


class TestSetupAndTeardown:
    def setup_method(self):
        application.dependency_overrides[get_user] = lambda: {"name": "root"}

    def teardown_method(self):
        application.dependency_overrides.pop(get_user)

    def test_one(self):
        pass
