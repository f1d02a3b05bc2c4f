from fastapi import FastAPI

app = FastAPI()


def get_user():
    return {"name": "anonymous"}
