from fastapi import Depends, FastAPI

app = FastAPI()
admin_app = FastAPI()


def get_user():
    return {"name": "anonymous"}


def get_settings():
    return {"region": "eu"}


def get_clock():
    return "2024-01-01"


def create_app() -> FastAPI:
    return FastAPI()


@app.get("/me")
def me(user: dict = Depends(get_user)):
    return user
