import pytest
import trio


async def parse_header(raw: bytes) -> dict:
    await trio.sleep(0)
    name, _, value = raw.decode().partition(":")
    return {name.strip().lower(): value.strip()}


@pytest.mark.trio
def test_parse_header():
    result = trio.run(parse_header, b"Content-Type: text/plain")
    assert result == {"content-type": "text/plain"}
