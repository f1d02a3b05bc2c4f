import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine


@pytest.mark.anyio
class TestRepository:
    async def test_insert_and_count(self):
        engine = create_async_engine("sqlite+aiosqlite:///:memory:")
        try:
            async with engine.begin() as conn:
                await conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY)"))
                await conn.execute(text("INSERT INTO t (id) VALUES (1), (2)"))
                count = (await conn.execute(text("SELECT count(*) FROM t"))).scalar_one()
        finally:
            await engine.dispose()
        assert count == 2
