from fastapi.testclient import TestClient

from app import admin_app, get_user

admin_app.dependency_overrides[get_user] = lambda: {"name": "root"}


def test_uses_it():
    assert TestClient(admin_app).get("/me").status_code == 404


def teardown_module():
    admin_app.dependency_overrides.clear()
