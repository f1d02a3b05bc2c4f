from fastapi import FastAPI

app = FastAPI()


@app.post("/orders/{oid}")
async def create_order(oid: int):
    return {"id": oid}
