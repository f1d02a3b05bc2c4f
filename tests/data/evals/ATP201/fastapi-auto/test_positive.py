import asyncio

import fastapi.testclient
import pytest
import starlette.testclient as stc
from fastapi.testclient import TestClient
from starlette.testclient import TestClient as SyncClient

from app import app

MODULE_CLIENT = TestClient(app)


async def test_constructed_and_called():
    client = TestClient(app)  # ATP201
    assert client.get("/health").status_code == 200


async def test_module_alias():
    c = stc.TestClient(app)  # ATP201
    c.post("/notes", params={"text": "x"})


async def test_dotted_import_chained_call():
    resp = fastapi.testclient.TestClient(app).get("/health")  # ATP201
    assert resp.status_code == 200


async def test_with_block():
    with SyncClient(app) as client:  # ATP201
        assert client is not None


async def test_constructor_line_even_when_used_later():
    client = TestClient(app)  # ATP201
    await asyncio.sleep(0)
    client.get("/health")
    client.get("/health")


async def test_fixture_client(client):
    await asyncio.sleep(0)
    response = client.get("/health")  # ATP201
    assert response.status_code == 200
    client.post("/notes", params={"text": "again"})


async def test_fixture_returned_client(plain_client):
    assert plain_client.get("/health").json() == {"status": "ok"}  # ATP201


async def test_fixture_chained_to_client_fixture(chained_client):
    chained_client.get("/health")  # ATP201


async def test_module_level_client():
    MODULE_CLIENT.get("/health")  # ATP201


async def test_enters_fixture_client(client):
    with client:  # ATP201
        pass


async def test_async_fixture_returns_client(async_fixture_only_builds_client):
    async_fixture_only_builds_client.get("/health")  # ATP201


async def test_websocket(client):
    with client.websocket_connect("/ws") as ws:  # ATP201
        ws.send_text("hi")


async def test_walrus():
    if (client := TestClient(app)) is not None:  # ATP201
        client.get("/health")


class TestInClass:
    async def test_method(self, client):
        client.get("/health")  # ATP201

    async def test_method_constructs(self):
        client = TestClient(app)  # ATP201
        client.get("/health")

    def test_sync_method(self, client):
        client.get("/health")


@pytest.mark.parametrize("path", ["/health", "/notes"])
async def test_parametrized_other_name(client, path):
    client.get(path)  # ATP201


async def test_uses_fixtures_fine(seeded_notes, async_fixture_using_sync_client):
    assert seeded_notes == ["seed"]


def test_sync_is_fine(client):
    assert client.get("/health").status_code == 200


def test_sync_constructs():
    with TestClient(app) as client:
        client.get("/health")
