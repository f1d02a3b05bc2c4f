"""The app under test: a catalog service with a lifespan that loads its data."""

from contextlib import asynccontextmanager

import httpx
from fastapi import Depends, FastAPI

upstream = httpx.AsyncClient(base_url="https://prices.example")  # ATP301


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.catalog = {"1": "lamp"}
    yield
    app.state.catalog.clear()


app = FastAPI(lifespan=lifespan)


def current_user() -> dict[str, str]:
    return {"name": "anonymous"}


@app.get("/items/{item_id}")
async def read_item(item_id: str, user: dict[str, str] = Depends(current_user)) -> dict[str, str]:
    return {"item": app.state.catalog[item_id], "user": user["name"]}
