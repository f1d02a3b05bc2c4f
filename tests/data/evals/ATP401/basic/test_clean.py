import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app import app, get_user


def test_admin(admin_over_base, cleared_client, partial_client):
    assert admin_over_base.get("/me").status_code == 200


def test_monkeypatch(monkeypatch):
    monkeypatch.setitem(app.dependency_overrides, get_user, lambda: {"name": "root"})


def test_local_app():
    local = FastAPI()
    local.dependency_overrides[get_user] = lambda: {"name": "root"}
    assert TestClient(local).get("/me").status_code == 404


def test_restored_in_finally():
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
    try:
        assert TestClient(app).get("/me").status_code == 200
    finally:
        app.dependency_overrides.pop(get_user, None)


def test_strings_are_not_code():
    source = "app.dependency_overrides[get_user] = lambda: None"
    assert source


def test_reading_is_fine():
    assert get_user not in app.dependency_overrides
    assert app.dependency_overrides.get(get_user) is None


@pytest.fixture
def overrides_in_helper_module_function():
    return None


def install_override():
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
