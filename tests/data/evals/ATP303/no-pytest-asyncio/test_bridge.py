def test_sync_bridge(event_loop):
    async def answer():
        return 4

    assert event_loop.run_until_complete(answer()) == 4
