import pytest
from fastapi.testclient import TestClient

from state_app import get_user, state_app


@pytest.fixture
def client():
    state_app.dependency_overrides[get_user] = lambda: "root"
    client = TestClient(state_app)  # ATP402
    yield client
    state_app.dependency_overrides.clear()


def test_item(client):
    assert client.get("/items/1").json()["user"] == "root"
