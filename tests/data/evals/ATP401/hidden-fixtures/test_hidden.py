from app import app, get_user


def test_requests_fixture_we_cannot_see(reset_app):
    app.dependency_overrides[get_user] = lambda: {"name": "root"}


def test_requests_nothing():
    app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401


def test_builtin_fixture_only(tmp_path):
    app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
