import os

import redis.asyncio as aioredis
from fastapi import FastAPI

app = FastAPI()
cache = aioredis.Redis(host="127.0.0.1", port=int(os.environ["REDIS_PORT"]))


@app.post("/visits/{page}")
async def visit(page: str):
    return {"visits": await cache.incr(f"visits:{page}")}
