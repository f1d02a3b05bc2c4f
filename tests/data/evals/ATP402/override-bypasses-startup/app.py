# Mirrors sqlmodel docs_src/tutorial/fastapi/app_testing/tutorial001/main.py (SQLAlchemy instead of SQLModel).
from fastapi import Depends, FastAPI
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, select
from sqlalchemy.orm import Session

metadata = MetaData()
heroes = Table("heroes", metadata, Column("id", Integer, primary_key=True), Column("name", String))

engine = create_engine("sqlite:///database.db", connect_args={"check_same_thread": False})


def create_db_and_tables():
    metadata.create_all(engine)


def get_session():
    with Session(engine) as session:
        yield session


app = FastAPI()


@app.on_event("startup")
def on_startup():
    create_db_and_tables()


@app.post("/heroes/")
def create_hero(name: str, session: Session = Depends(get_session)):
    session.execute(insert(heroes).values(name=name))
    session.commit()
    return {"names": [r.name for r in session.execute(select(heroes))]}
