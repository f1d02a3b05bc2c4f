import pytest

pytestmark = pytest.mark.anyio


async def test_add_first_item(api, anyio_backend):
    resp = await api.post(f"/carts/{anyio_backend}-1/items/apple")
    assert resp.json() == {"items": ["apple"]}


async def test_add_second_item(api, anyio_backend):
    await api.post(f"/carts/{anyio_backend}-2/items/apple")
    resp = await api.post(f"/carts/{anyio_backend}-2/items/pear")
    assert resp.json() == {"items": ["apple", "pear"]}
