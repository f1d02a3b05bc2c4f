"""pytest's ``python_functions`` / ``python_classes`` patterns: a plain pattern is a prefix, one with
wildcards a glob (pytest's ``PyCollector._matches_prefix_or_glob_option``)."""

from __future__ import annotations

import pytest

from flake8_async_testing.module.pytest_defs import name_matches


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
