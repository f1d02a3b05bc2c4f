import pytest

from app import app, get_user


@pytest.fixture(autouse=True)
def restore_overrides(request):
    request.addfinalizer(app.dependency_overrides.clear)


def test_covered():
    app.dependency_overrides[get_user] = lambda: {"name": "root"}
