from fastapi.testclient import TestClient

from app import app


def test_me_is_anonymous():
    assert TestClient(app).get("/me").json()["name"] == "anonymous"
