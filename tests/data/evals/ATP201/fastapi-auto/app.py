from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
async def health():
    return {"status": "ok"}


@app.post("/notes")
async def add_note(text: str):
    return {"text": text}
