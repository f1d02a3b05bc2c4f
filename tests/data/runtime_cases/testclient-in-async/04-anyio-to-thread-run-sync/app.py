import threading

from fastapi import FastAPI, Request

app = FastAPI()
app.state.ack = threading.Event()


@app.post("/webhook")
def webhook(request: Request):
    # sync endpoint: Starlette runs it in a worker thread. It waits (bounded)
    # for the acknowledgement the test schedules on its own event loop.
    return {"acked": request.app.state.ack.wait(timeout=0.5)}


@app.get("/health")
async def health():
    return {"status": "ok"}
