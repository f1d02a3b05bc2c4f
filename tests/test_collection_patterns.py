"""pytest's ``python_functions`` / ``python_classes`` patterns: a plain pattern is a prefix, one with
wildcards a glob (pytest's ``PyCollector._matches_prefix_or_glob_option``)."""

from __future__ import annotations

import ast

import pytest

from flake8_async_testing.module.imports import ImportMap
from flake8_async_testing.module.pytest_defs import FIXTURE_DECORATORS, fixture_decorator, name_matches


@pytest.mark.parametrize(
    ("name", "patterns", "expected"),
    [
        ("test_one", ("test",), True),
        ("testing", ("test",), True),  # a prefix, not a word
        ("a_test", ("test",), False),
        ("check_one", ("test", "check"), True),
        ("one_check", ("*_check",), True),
        ("one_checks", ("*_check",), False),  # a glob matches the whole name
        ("TestSuite", ("Test*", "*Suite"), True),
        ("Suite", ("Test?*",), False),
        ("x", (), False),
    ],
)
def test_name_matches_like_pytest(name: str, patterns: tuple[str, ...], expected: bool) -> None:
    assert name_matches(name, patterns) is expected
    assert name_matches(name, list(patterns)) is expected  # the same answer from a list


def test_fixture_decorators_all_end_in_fixture_as_fixture_decorator_assumes() -> None:
    assert all(name.rsplit(".", 1)[-1] == "fixture" for name in FIXTURE_DECORATORS)
    tree = ast.parse(
        "import pytest as pt\nfrom pytest import fixture as fx\n@pt.fixture\ndef a(): pass\n@fx\ndef b(): pass\n"
    )
    imports = ImportMap(tree)
    defs = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert [fixture_decorator(node, imports) for node in defs] == [("pytest", None), ("pytest", None)]
