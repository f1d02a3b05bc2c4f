import asyncio

PRICES = {"apple": 3, "pear": 5}


async def fetch_price(name: str) -> int:
    await asyncio.sleep(0)
    return PRICES[name]


def total(names: list[str]) -> int:
    return sum(asyncio.run(fetch_price(n)) for n in names)


async def test_basket_total():
    assert total(["apple", "pear"]) == 8
