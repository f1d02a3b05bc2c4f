import hashlib


async def test_hash_in_executor(event_loop):
    digest = await event_loop.run_in_executor(None, lambda: hashlib.sha1(b"x").hexdigest())
    assert digest == "11f6ad8ec52a2984abaafd7c3b516503785c2072"
