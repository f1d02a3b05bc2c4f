from fastapi.testclient import TestClient

from myapp.main import app


def test_entered():
    with TestClient(app) as client:
        assert client.get("/token").json() == {"token": "s3cr3t"}
