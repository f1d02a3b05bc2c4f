import pytest

from cases import IMPORTED_CASES

PARAMS = [pytest.param("asyncio", marks=pytest.mark.asyncio)]
PLAIN = ["a", "b"]


@pytest.mark.usefixtures("concurrency")
async def test_marks_from_fixture_params(concurrency):
    pass


@pytest.mark.parametrize("lib", [pytest.param("asyncio", marks=pytest.mark.asyncio)])
async def test_inline_param_marks(lib):
    pass


@pytest.mark.parametrize("lib", PARAMS)
async def test_param_marks_via_name(lib):
    pass


@pytest.mark.parametrize("case", IMPORTED_CASES)
async def test_imported_values_may_carry_marks(case):
    pass


@pytest.mark.parametrize("value", [1, 2, 3])
async def test_plain_values(value):  # ATP101
    pass


@pytest.mark.parametrize("value", PLAIN)
async def test_plain_values_via_name(value):  # ATP101
    pass


@pytest.mark.parametrize("value", [pytest.param(1, id="one")])
async def test_param_without_marks(value):  # ATP101
    pass


@pytest.mark.parametrize("value", range(3))
async def test_range(value):  # ATP101
    pass
