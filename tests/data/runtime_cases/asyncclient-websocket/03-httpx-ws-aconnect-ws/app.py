from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/ws/upper")
async def upper(ws: WebSocket):
    await ws.accept()
    text = await ws.receive_text()
    await ws.send_text(text.upper())
    await ws.close()

