async def test_executor(event_loop):
    await event_loop.run_in_executor(None, sum, [1])
