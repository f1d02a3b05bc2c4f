import httpx

import service


async def test_runs_the_lifespan_itself():
    transport = httpx.ASGITransport(app=service.app)
    async with service.lifespan(service.app):
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            assert (await client.get("/")).status_code == 404


async def test_forgets_the_lifespan():
    transport = httpx.ASGITransport(app=service.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:  # ATP402
        assert (await client.get("/")).status_code == 404
