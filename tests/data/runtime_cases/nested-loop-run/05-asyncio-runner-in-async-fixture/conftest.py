import asyncio

import pytest_asyncio

USERS: list[str] = []


async def migrate() -> None:
    await asyncio.sleep(0)
    USERS.append("admin")


@pytest_asyncio.fixture
async def migrated_db():
    with asyncio.Runner() as runner:
        runner.run(migrate())
    yield USERS
    USERS.clear()
