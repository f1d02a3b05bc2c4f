async def test_admin_sees_admin_flag(admin_client):
    assert (await admin_client.get("/me")).json()["admin"] is True


async def test_anonymous_by_default(client):
    assert (await client.get("/me")).json() == {"name": "anonymous", "admin": False}
