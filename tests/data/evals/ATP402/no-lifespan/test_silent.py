import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import ASGITransport, AsyncClient
from somelib import external_app

from app import configured, empty_lifespan, explicit_none, factory_app, plain, shutdown_only

client = TestClient(plain)


def test_plain():
    assert TestClient(plain).get("/").status_code == 404
    assert TestClient(explicit_none).get("/").status_code == 404
    assert TestClient(empty_lifespan).get("/").status_code == 404
    assert TestClient(shutdown_only).get("/").status_code == 404


def test_unknown_apps():
    assert TestClient(configured).get("/").status_code == 404
    assert TestClient(factory_app).get("/").status_code == 404
    assert TestClient(external_app).get("/").status_code == 404


def test_local_app():
    local = FastAPI()
    assert TestClient(local).get("/").status_code == 404


@pytest.fixture
def app_fixture():
    return plain


def test_app_from_fixture(app_fixture):
    assert TestClient(app_fixture).get("/").status_code == 404


@pytest.mark.anyio
async def test_async_plain():
    async with AsyncClient(transport=ASGITransport(app=plain), base_url="http://t") as c:
        assert (await c.get("/")).status_code == 404
