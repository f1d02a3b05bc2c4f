import pytest


# Pattern from asgi-lifespan tests/conftest.py: the marks ride on the fixture's params.
@pytest.fixture(
    params=[
        pytest.param("asyncio", marks=pytest.mark.asyncio),
        pytest.param("trio", marks=pytest.mark.trio),
    ]
)
def concurrency(request):
    return request.param
