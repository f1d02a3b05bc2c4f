async def test_eur_rate(rates_session):
    async with rates_session.get("/rates/eur") as resp:
        assert (await resp.json())["rate"] == 1.1


async def test_usd_rate(rates_session):
    async with rates_session.get("/rates/usd") as resp:
        assert (await resp.json())["rate"] == 1.1
