from fastapi import Depends, FastAPI

app = FastAPI()


def get_current_user():
    return {"name": "anonymous", "admin": False}


def get_settings():
    return {"region": "eu", "beta": False}


def get_clock():
    return "2024-01-01T00:00:00"


def get_mailer():
    return "smtp"


def get_storage():
    return "s3"


@app.get("/me")
async def me(user: dict = Depends(get_current_user)):
    return user


@app.get("/env")
async def env(
    settings: dict = Depends(get_settings),
    clock: str = Depends(get_clock),
    mailer: str = Depends(get_mailer),
    storage: str = Depends(get_storage),
):
    return {"settings": settings, "clock": clock, "mailer": mailer, "storage": storage}
