from fastapi import FastAPI

app = FastAPI()
NOTES: list[str] = []


@app.post("/notes/{text}")
async def add_note(text: str):
    NOTES.append(text)
    return {"count": len(NOTES)}


@app.get("/notes")
async def list_notes():
    return NOTES
