from fastapi import FastAPI

app = FastAPI()


@app.get("/items")
async def items():
    return [{"id": 1}, {"id": 2}]
