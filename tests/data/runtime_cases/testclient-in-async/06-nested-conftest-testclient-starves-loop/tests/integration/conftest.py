import pytest
from fastapi.testclient import TestClient

from app import app


@pytest.fixture
def api():
    with TestClient(app) as client:
        yield client
