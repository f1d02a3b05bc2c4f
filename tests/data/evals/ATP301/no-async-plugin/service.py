import asyncio

import aiohttp
import redis.asyncio as aioredis

cache = aioredis.from_url("redis://localhost")
jobs = asyncio.Queue()
loop = asyncio.get_event_loop()


async def consume():
    return await jobs.get()


def make_session():
    return aiohttp.ClientSession()
