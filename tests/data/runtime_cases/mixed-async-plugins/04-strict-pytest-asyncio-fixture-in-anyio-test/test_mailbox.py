import asyncio

import pytest


@pytest.mark.anyio
async def test_letter_is_delivered(mailbox):
    inbox, delivered = mailbox
    await inbox.put("letter")
    await asyncio.wait_for(inbox.join(), timeout=0.5)
    assert delivered == ["letter"]
