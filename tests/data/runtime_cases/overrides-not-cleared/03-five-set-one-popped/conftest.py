import pytest
from fastapi.testclient import TestClient

from app import app, get_clock, get_current_user, get_mailer, get_settings, get_storage


@pytest.fixture
def staging_client():
    app.dependency_overrides[get_current_user] = lambda: {"name": "qa", "admin": True}
    app.dependency_overrides[get_settings] = lambda: {"region": "us", "beta": True}
    app.dependency_overrides[get_clock] = lambda: "2030-06-01T12:00:00"
    app.dependency_overrides[get_mailer] = lambda: "memory"
    app.dependency_overrides[get_storage] = lambda: "tmpfs"
    yield TestClient(app)
    app.dependency_overrides.pop(get_current_user)
