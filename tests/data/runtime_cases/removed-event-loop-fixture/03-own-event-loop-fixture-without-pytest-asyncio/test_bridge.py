import asyncio


async def fetch_user(uid: int) -> dict:
    await asyncio.sleep(0)
    return {"id": uid}


def test_sync_bridge(event_loop):
    assert event_loop.run_until_complete(fetch_user(4)) == {"id": 4}
