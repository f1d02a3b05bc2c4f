"""The shortcuts the ATP1xx rules take to skip work: each must answer what the long way answers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from flake8_async_testing.module.model import CollectionRules, build_module_model
from flake8_async_testing.module.pytest_defs import decorator_marks

DATA = Path(__file__).parent / "data"

SOURCES = [
    "import pytest\n@pytest.mark.asyncio\nasync def test_a(): pass\n",
    "import pytest\n@unknown\n@pytest.mark.asyncio\nasync def test_a(): pass\n",
    "import pytest\nfrom x import deco\n@deco\ndef test_a(): pass\n",
    "import pytest\nasyncio = pytest.mark.asyncio\n@asyncio\nasync def test_a(): pass\n",
    "import pytest\n@unknown\nclass TestA:\n    @pytest.mark.anyio\n    async def test_a(self): pass\n",
    "import pytest\npytestmark = helper()\n@pytest.mark.trio\nasync def test_a(): pass\n",
    "import pytest\nfrom x import CASES\n@pytest.mark.parametrize('a', CASES)\nasync def test_a(a): pass\n",
    "import pytest\nfrom unittest import mock\n@mock.patch('x.y')\nasync def test_a(m): pass\n",
]


def _complete_marks_imply_known_decorators(source: str, path: Path) -> None:
    """``function_decorators_known`` answers True for complete marks without looking again: check that
    the long way (the test's own decorators) always agrees."""
    model = build_module_model(ast.parse(source), path, CollectionRules(), source=source)
    for test in model.tests:
        own = decorator_marks(test.node, model.imports, model.mark_aliases, "function")
        if test.marks.complete:
            assert own.complete, (path, test.name)


@pytest.mark.parametrize("source", SOURCES)
def test_complete_marks_imply_known_decorators(source: str) -> None:
    _complete_marks_imply_known_decorators(source, Path("test_shortcut.py"))


def test_complete_marks_imply_known_decorators_in_every_data_file() -> None:
    files = sorted(DATA.rglob("*.py"))
    assert files
    for path in files:
        source = path.read_text(encoding="utf-8")
        try:
            ast.parse(source)
        except SyntaxError:
            continue
        # named as a test module, so that every test function in it is collected
        _complete_marks_imply_known_decorators(source, path.with_name("test_" + path.name))
