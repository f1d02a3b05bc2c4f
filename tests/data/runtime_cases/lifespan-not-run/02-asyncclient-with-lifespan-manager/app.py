from contextlib import asynccontextmanager

from fastapi import FastAPI, Request


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.rates = {"EUR": 1.0, "USD": 1.1}
    yield
    del app.state.rates


app = FastAPI(lifespan=lifespan)


@app.get("/convert/{currency}")
async def convert(currency: str, amount: float, request: Request):
    return {"amount": round(amount * request.app.state.rates[currency], 2)}

