import pytest

from app import app, get_user


def test_sets_override():
    app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401


class TestWithClassAutouse:
    @pytest.fixture(autouse=True)
    def reset(self):
        yield
        app.dependency_overrides = {}

    def test_covered_by_class_fixture(self):
        app.dependency_overrides[get_user] = lambda: {"name": "root"}


class TestOtherClass:
    def test_not_covered(self):
        app.dependency_overrides[get_user] = lambda: {"name": "root"}  # ATP401
