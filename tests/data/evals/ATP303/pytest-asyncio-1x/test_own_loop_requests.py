def test_uses_projects_event_loop(event_loop):
    async def answer():
        return 42

    assert event_loop.run_until_complete(answer()) == 42
