from fastapi.testclient import TestClient

import myapp.main as main_module
from myapp import main
from myapp.main import TOKENS, app, factory, other


def test_token():
    client = TestClient(app)  # ATP402
    assert client.get("/token").json() == {"token": "s3cr3t"}


def test_module_alias():
    assert TestClient(main_module.app).get("/token").status_code == 200  # ATP402


def test_package_attribute():
    assert TestClient(main.app).get("/token").status_code == 200  # ATP402


def test_add_event_handler():
    assert TestClient(other).get("/").status_code == 404  # ATP402


def test_factory_on_startup():
    assert TestClient(factory).get("/").status_code == 404  # ATP402


def test_tokens_set_by_hand():
    TOKENS["service"] = "stub"
    assert TestClient(app).get("/token").json() == {"token": "stub"}


def test_entered():
    with TestClient(app) as client:
        assert client.get("/token").json() == {"token": "s3cr3t"}
