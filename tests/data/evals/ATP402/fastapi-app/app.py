from contextlib import asynccontextmanager

from fastapi import FastAPI, Request


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.catalog = {"sku-1": {"name": "Widget"}}
    yield
    app.state.catalog.clear()


app = FastAPI(lifespan=lifespan)


@app.get("/products/{sku}")
async def product(sku: str, request: Request):
    return request.app.state.catalog[sku]
