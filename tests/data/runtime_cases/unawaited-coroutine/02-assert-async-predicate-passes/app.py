from fastapi import FastAPI

app = FastAPI()
ORDERS: dict[int, dict] = {}


@app.post("/orders/{oid}")
async def create_order(oid: int):
    ORDERS[oid] = {"id": oid, "status": "new"}
    return ORDERS[oid]


@app.get("/orders")
async def list_orders():
    return sorted(ORDERS)


@app.get("/health")
async def health():
    return {"ok": False}

