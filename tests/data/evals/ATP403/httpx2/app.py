from contextlib import asynccontextmanager

from fastapi import FastAPI


@asynccontextmanager
async def lifespan(app):
    app.state.catalog = {"sku-1": "Widget"}
    yield


app = FastAPI(lifespan=lifespan)


@app.get("/products/{sku}")
async def product(sku: str):
    return {"name": app.state.catalog[sku]}


@app.get("/health")
async def health():
    return {"ok": True}
