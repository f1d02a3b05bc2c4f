"""The text pre-filter of ATP402/ATP404 (the lines where a name is followed by a call's parenthesis,
``call_sites(..., followed_by="(")``) must never skip a call that has something to find."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from flake8_async_testing.module.text import lines_followed_by

DATA = Path(__file__).parent / "data"


def _may_call(source: str | None, names: tuple[str, ...]) -> bool:
    return lines_followed_by(source, names, "(") != []


@pytest.mark.parametrize(
    "source",
    [
        "client = TestClient(app)",
        "client = TestClient (app)",
        "client = stc.TestClient(\n    app)",
        "client = (TestClient)(app)",
        "client = (\n    TestClient\n    # built here\n    (app)\n)",
        "client = TestClient \\\n    (app)",
        "client = TestClient\t\f(app)",
        "with TestClient(app) as client: pass",
        "def f(c=TestClient(app)): pass",
    ],
)
def test_a_call_is_seen(source: str) -> None:
    assert _may_call(source, ("TestClient",))


@pytest.mark.parametrize(
    "source",
    [
        "def test_x(client: TestClient) -> None: pass",
        "from starlette.testclient import TestClient",
        "client = MyTestClient(app)",
        "client = TestClientFactory(app)",
        "clients: list[TestClient] = []",
    ],
)
def test_a_name_that_is_not_called_is_skipped(source: str) -> None:
    assert not _may_call(source, ("TestClient",))


def test_unknown_text_is_never_skipped_and_text_outside_ascii_is_read_as_python_does() -> None:
    assert _may_call(None, ("TestClient",))
    assert _may_call("client = ＴestClient(app)  # é", ("TestClient",))
    assert not _may_call("client: TestClient  # é", ("TestClient",))


def _callee_last_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def test_every_call_in_the_test_data_is_seen() -> None:
    """For each file of the test data, every name called as a callee (``x(...)``, ``a.x(...)``) passes."""
    checked = 0
    for path in sorted(DATA.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        names = {_callee_last_name(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
        for name in names - {None}:
            assert name is not None
            assert _may_call(source, (name,)), (path, name)
            checked += 1
    assert checked > 100
