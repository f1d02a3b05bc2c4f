import asyncio
import os

import aiohttp
import httpx
import redis.asyncio as aioredis
from fastapi import FastAPI
from httpx import AsyncClient as AC
from motor.motor_asyncio import AsyncIOMotorClient
from redis import asyncio as redis_asyncio
from sqlalchemy.ext.asyncio import create_async_engine

app = FastAPI()

upstream = httpx.AsyncClient(base_url=os.environ.get("UPSTREAM", "http://up"))  # ATP301
retrying = AC(transport=httpx.AsyncHTTPTransport(retries=2))  # ATP301
in_process = AC(transport=httpx.ASGITransport(app=app), base_url="http://test")
custom_transport = httpx.AsyncClient(transport=make_transport())  # noqa: F821 - unknown: silent
unpacked = httpx.AsyncClient(**{"base_url": "http://up"})

cache = aioredis.from_url("redis://localhost")  # ATP301
pool = redis_asyncio.ConnectionPool.from_url(  # ATP301
    "redis://localhost",
)
mongo = AsyncIOMotorClient("mongodb://localhost")  # ATP301

engine = create_async_engine("postgresql+asyncpg://u:p@db/app")  # ATP301
mysql_engine = create_async_engine(url="mysql+aiomysql://u:p@db/app")  # ATP301
sqlite_engine = create_async_engine("sqlite+aiosqlite:///./app.db")
configured_engine = create_async_engine(os.environ["DATABASE_URL"])
no_driver_engine = create_async_engine("postgresql://u:p@db/app")

jobs = asyncio.Queue()  # ATP301
outbox = asyncio.Queue()
ready = asyncio.Event()  # ATP301
done = asyncio.Event()
settings_lock = asyncio.Lock()
limiter = asyncio.Semaphore(3)
loop = asyncio.get_event_loop()  # silent: an application module may manage its own loop

asyncio.set_event_loop_policy(asyncio.DefaultEventLoopPolicy())

try:
    http = aiohttp.ClientSession()  # ATP301
except RuntimeError:
    http = None

values = [asyncio.Queue() for _ in range(2)]


class Registry:
    waiters = asyncio.Event()  # ATP301
    idle = asyncio.Event()

    async def wait_ready(self):
        await self.waiters.wait()

    def mark_idle(self):
        self.idle.set()


async def worker():
    while True:
        await jobs.get()


async def publish(name: str):
    outbox.put_nowait(name)
    done.set()
    async with settings_lock:
        async with limiter:
            pass


async def on_start():
    await asyncio.wait_for(ready.wait(), 1)


async def shadowing(outbox):
    await outbox.get()


def build_client():
    return httpx.AsyncClient()


if __name__ == "__main__":
    main_loop = asyncio.new_event_loop()
