from fastapi.testclient import TestClient

import app as app_module
from app import app, get_settings, get_user

app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
app_module.app.dependency_overrides.update({get_settings: lambda: {"region": "us"}})  # ATP401


def test_uses_it():
    assert TestClient(app).get("/me").json() == {"name": "root"}
