import pytest


@pytest.mark.asyncio
async def test_webhook_is_acked(acked_webhook):
    assert acked_webhook == {"acked": True}
