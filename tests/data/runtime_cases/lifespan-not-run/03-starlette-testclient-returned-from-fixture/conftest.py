import pytest
from starlette.testclient import TestClient

from app import app


@pytest.fixture
def client():
    return TestClient(app)
