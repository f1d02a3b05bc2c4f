"""Prüfungen der Bestellungen: Python reads identifiers NFKC-normalised, so `ｐｏｓｔ` is `post`."""


async def test_fullwidth_method_dropped(client):
    client.ｐｏｓｔ("/orders/1")  # ATP203


async def test_fullwidth_method_awaited(client):
    await client.ｐｏｓｔ("/orders/2")


async def test_umlaut_in_a_comment_only(client):
    # Bestellung anlegen, ohne zu warten
    client.post("/orders/3")  # ATP203
