from fastapi import FastAPI

from .handlers import warm_cache

app = FastAPI()
TOKENS = {}


@app.on_event("startup")
async def load_tokens():
    TOKENS["service"] = "s3cr3t"


@app.get("/token")
async def token():
    return {"token": TOKENS["service"]}


other = FastAPI()
other.add_event_handler("startup", warm_cache)


def create_app():
    built = FastAPI(on_startup=[warm_cache])
    return built


factory = create_app()
