# Mirrors sqlmodel docs_src/tutorial/fastapi/app_testing/tutorial001/test_main.py
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from app import app, get_session, metadata


@pytest.fixture(name="session")
def session_fixture():
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    metadata.create_all(engine)
    with Session(engine) as session:
        yield session


@pytest.fixture(name="client")
def client_fixture(session: Session):
    def get_session_override():
        return session

    app.dependency_overrides[get_session] = get_session_override
    client = TestClient(app)
    yield client
    app.dependency_overrides.clear()


def test_create_hero(client: TestClient):
    response = client.post("/heroes/", params={"name": "Deadpond"})
    assert response.status_code == 200
    assert response.json() == {"names": ["Deadpond"]}


def test_create_hero_inline(session: Session):
    # Mirrors test_main_001.py ... test_main_006.py: the same thing inside the test body.
    app.dependency_overrides[get_session] = lambda: session
    client = TestClient(app)
    response = client.post("/heroes/", params={"name": "Rusty"})
    app.dependency_overrides.clear()
    assert response.json() == {"names": ["Rusty"]}
