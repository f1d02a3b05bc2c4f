import unittest

from httpx import ASGITransport, AsyncClient

from app import app


class OrdersTest(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.client = AsyncClient(transport=ASGITransport(app=app), base_url="http://test")

    async def asyncTearDown(self):
        await self.client.aclose()

    async def test_order_status(self):
        resp = await self.client.get("/orders/7")
        self.assertEqual(resp.json()["status"], "shipped")

    async def test_health(self):
        resp = await self.client.get("/health")
        self.assertEqual(resp.status_code, 200)
