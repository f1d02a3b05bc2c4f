from app import app, get_user

app.dependency_overrides[get_user] = lambda: {"name": "module"}


def test_sets_override():
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
