import asyncio

import pytest

CATALOG: dict[str, int] = {}


async def load_catalog() -> None:
    await asyncio.sleep(0)
    CATALOG.update({"apple": 3, "pear": 5})


@pytest.fixture(scope="session", autouse=True)
def catalog():
    asyncio.run(load_catalog())
    yield CATALOG
    CATALOG.clear()
