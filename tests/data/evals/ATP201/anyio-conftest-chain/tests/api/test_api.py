async def test_overridden_client_is_async(client):
    assert (await client.get("/")).status_code == 404


async def test_fixture_that_may_return_none(maybe_client):
    maybe_client.get("/")
