from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


@asynccontextmanager
async def lifespan(app):
    yield {"greeting": "hello"}


async def greet(request):
    return JSONResponse({"msg": f"{request.state.greeting}, {request.path_params['name']}"})


app = Starlette(routes=[Route("/greet/{name}", greet)], lifespan=lifespan)
