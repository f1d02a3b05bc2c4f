from fastapi.testclient import TestClient

from app import app, get_current_user

client = TestClient(app)


def test_admin():
    app.dependency_overrides[get_current_user] = lambda: {"name": "root", "admin": True}
    try:
        assert client.get("/me").json()["admin"] is True
    finally:
        app.dependency_overrides.pop(get_current_user, None)


def test_default():
    assert client.get("/me").json()["admin"] is False
