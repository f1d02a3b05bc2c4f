from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI


def get_user() -> str:
    return "anonymous"


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.catalog = {"1": "lamp"}
    yield


state_app = FastAPI(lifespan=lifespan)


@state_app.get("/items/{item_id}")
def read_item(item_id: str, user: str = Depends(get_user)) -> dict[str, str]:
    return {"item": state_app.state.catalog[item_id], "user": user}
