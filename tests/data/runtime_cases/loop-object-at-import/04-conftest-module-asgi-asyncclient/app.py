from fastapi import FastAPI

app = FastAPI()
CARTS: dict[str, list[str]] = {}


@app.post("/carts/{cart_id}/items/{sku}")
async def add_item(cart_id: str, sku: str):
    CARTS.setdefault(cart_id, []).append(sku)
    return {"items": CARTS[cart_id]}
