import pytest
from fastapi.testclient import TestClient

import app as app_module
from app import admin_app, app, create_app, get_clock, get_settings, get_user


@pytest.fixture
def admin_client():
    app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
    yield TestClient(app)


@pytest.fixture
def returned_client():
    app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
    return TestClient(app)


@pytest.fixture
def partial_client():
    app.dependency_overrides[get_user] = lambda: {"name": "qa"}
    app.dependency_overrides[get_settings] = lambda: {"region": "us"}  # ATP401
    app.dependency_overrides.update({get_clock: lambda: "2030"})  # ATP401
    yield TestClient(app)
    app.dependency_overrides.pop(get_user)


@pytest.fixture
def module_attribute_client():
    app_module.app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
    yield TestClient(app_module.app)


@pytest.fixture
async def async_leaky_client():
    app.dependency_overrides.update(  # ATP401
        {get_user: lambda: {"name": "root"}}
    )
    yield TestClient(app)


@pytest.fixture
def cleared_client():
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
    yield TestClient(app)
    app.dependency_overrides.clear()


@pytest.fixture
def rebound_client():
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
    yield TestClient(app)
    app.dependency_overrides = {}


@pytest.fixture
def none_client():
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
    yield TestClient(app)
    app.dependency_overrides = None


@pytest.fixture
def saved_copy_client():
    saved = dict(app.dependency_overrides)
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
    yield TestClient(app)
    app.dependency_overrides.clear()
    app.dependency_overrides.update(saved)


@pytest.fixture
def all_popped_client():
    app.dependency_overrides[get_user] = lambda: {"name": "qa"}
    app.dependency_overrides[get_settings] = lambda: {"region": "us"}
    yield TestClient(app)
    app.dependency_overrides.pop(get_user, None)
    del app.dependency_overrides[get_settings]


@pytest.fixture
def finalizer_client(request):
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
    request.addfinalizer(app.dependency_overrides.clear)
    return TestClient(app)


@pytest.fixture
def lambda_finalizer_client(request):
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
    request.addfinalizer(lambda: app.dependency_overrides.pop(get_user, None))
    return TestClient(app)


@pytest.fixture
def nested_finalizer_client(request):
    app.dependency_overrides[get_settings] = lambda: {"region": "us"}

    def restore():
        app.dependency_overrides.clear()

    request.addfinalizer(restore)
    return TestClient(app)


@pytest.fixture
def try_finally_client():
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
    try:
        yield TestClient(app)
    finally:
        app.dependency_overrides.clear()


@pytest.fixture
def fresh_app_client():
    fresh = create_app()
    fresh.dependency_overrides[get_user] = lambda: {"name": "root"}
    return TestClient(fresh)


@pytest.fixture
def fresh_app():
    return create_app()


@pytest.fixture
def override_on_fresh_fixture(fresh_app):
    fresh_app.dependency_overrides[get_user] = lambda: {"name": "root"}
    return TestClient(fresh_app)


@pytest.fixture(scope="session")
def session_app():
    return create_app()


@pytest.fixture
def override_on_session_app(session_app):
    session_app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
    return TestClient(session_app)


@pytest.fixture
def shared_app():
    return app


@pytest.fixture
def override_on_shared_app(shared_app):
    shared_app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
    return TestClient(shared_app)


@pytest.fixture
def base_client():
    yield TestClient(app)
    app.dependency_overrides.clear()


@pytest.fixture
def admin_over_base(base_client):
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
    return base_client


@pytest.fixture
def monkeypatched_client(monkeypatch):
    monkeypatch.setitem(app.dependency_overrides, get_user, lambda: {"name": "root"})
    return TestClient(app)


@pytest.fixture
def monkeypatched_dict_client(monkeypatch):
    monkeypatch.setattr(app, "dependency_overrides", {})
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
    return TestClient(app)


@pytest.fixture
def cleared_before_and_after():
    app.dependency_overrides.clear()
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
    yield
    app.dependency_overrides.clear()


@pytest.fixture
def cleared_before_only():
    app.dependency_overrides.clear()
    app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
    yield


@pytest.fixture
def other_app_cleared():
    admin_app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
    yield
    app.dependency_overrides.clear()
