from contextlib import asynccontextmanager

from starlette.applications import Starlette


@asynccontextmanager
async def lifespan(app):
    app.state.sessions = {}
    yield


app = Starlette(lifespan=lifespan)
