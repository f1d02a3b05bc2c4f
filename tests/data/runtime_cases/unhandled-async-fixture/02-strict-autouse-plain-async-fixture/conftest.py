import pytest

from app import NOTES


@pytest.fixture(autouse=True)
async def clean_notes():
    NOTES.clear()
    yield
    NOTES.clear()
