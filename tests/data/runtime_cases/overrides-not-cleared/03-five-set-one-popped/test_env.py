from fastapi.testclient import TestClient

from app import app


def test_staging_env(staging_client):
    assert staging_client.get("/env").json()["settings"]["region"] == "us"


def test_production_defaults():
    body = TestClient(app).get("/env").json()
    assert body == {
        "settings": {"region": "eu", "beta": False},
        "clock": "2024-01-01T00:00:00",
        "mailer": "smtp",
        "storage": "s3",
    }


def test_user_is_back_to_anonymous():
    assert TestClient(app).get("/me").json()["admin"] is False
