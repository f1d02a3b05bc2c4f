async def test_runs_in_auto_mode():
    pass


class TestAuto:
    async def test_method(self):
        pass
