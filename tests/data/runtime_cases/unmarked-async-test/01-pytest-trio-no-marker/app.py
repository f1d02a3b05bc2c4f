from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
async def health():
    return {"status": "ok"}


@app.get("/orders/{order_id}")
async def read_order(order_id: int):
    return {"id": order_id, "status": "shipped"}
