from contextlib import ExitStack

from fastapi.testclient import TestClient

import app as app_module
from app import app

client = TestClient(app)  # ATP402


def test_module_client():
    assert client.get("/products/sku-1").status_code == 200


def test_assigned():
    local = TestClient(app)  # ATP402
    assert local.get("/products/sku-1").status_code == 200


def test_chained():
    assert TestClient(app).get("/products/sku-1").status_code == 200  # ATP402


def test_module_attribute():
    assert TestClient(app_module.app).get("/products/sku-1").status_code == 200  # ATP402


def test_keyword_app():
    assert TestClient(app=app).get("/products/sku-1").status_code == 200  # ATP402


def test_with_block():
    with TestClient(app) as entered:
        assert entered.get("/products/sku-1").status_code == 200


def test_assigned_then_entered():
    later = TestClient(app)
    with later:
        assert later.get("/products/sku-1").status_code == 200


def test_exit_stack():
    with ExitStack() as stack:
        stacked = stack.enter_context(TestClient(app))
        assert stacked.get("/products/sku-1").status_code == 200


def test_state_set_by_hand():
    app.state.catalog = {"sku-1": {"name": "Stub"}}
    assert TestClient(app).get("/products/sku-1").status_code == 200


def test_returned_fixture(returned_client):
    assert returned_client.get("/products/sku-1").status_code == 200


class TestInClass:
    def test_method(self):
        assert TestClient(app).get("/products/sku-1").status_code == 200  # ATP402
