def test_greet(client):
    assert client.get("/greet/ada").json() == {"msg": "hello, ada"}
