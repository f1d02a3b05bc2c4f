from fastapi import FastAPI

app = FastAPI()


@app.get("/version")
async def version():
    return {"version": "1.2.3"}
