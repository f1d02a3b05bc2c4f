from fastapi.testclient import TestClient

from app import app, get_current_user


class TestAdminPages:
    def setup_method(self):
        app.dependency_overrides[get_current_user] = lambda: {"name": "root", "admin": True}
        self.client = TestClient(app)

    def test_me_is_admin(self):
        assert self.client.get("/me").json()["admin"] is True
