async def test_first_visit(client):
    assert (await client.post("/visits/home")).json() == {"visits": 1}


async def test_second_visit(client):
    assert (await client.post("/visits/home")).json() == {"visits": 2}


async def test_other_page(client):
    assert (await client.post("/visits/about")).json() == {"visits": 1}
