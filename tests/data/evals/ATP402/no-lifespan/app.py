from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.applications import Starlette


@asynccontextmanager
async def noop(app):
    yield


plain = FastAPI()
explicit_none = FastAPI(lifespan=None)
empty_lifespan = Starlette(lifespan=noop)
shutdown_only = FastAPI()


@shutdown_only.on_event("shutdown")
async def goodbye():
    pass


def build(**options):
    return FastAPI(**options)


configured = FastAPI(**{"title": "x"})
factory_app = build()
