async def test_convert_usd(client):
    resp = await client.get("/convert/USD", params={"amount": 10})
    assert resp.json() == {"amount": 11.0}
