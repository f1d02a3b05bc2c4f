import pytest


@pytest.mark.asyncio
async def test_admin_exists(migrated_db):
    assert "admin" in migrated_db
