"""Runtime-verified example projects: the shared ones (../shared/cases) and ours (tests/data/runtime_cases).

Each project was run with real pytest; its expected.json lists every place a linter must report.
The plugin must report exactly those (file, line, code) and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_async_testing.rules import ALL_RULES
from tests.flake8_runner import DATA, SHARED_CASES, case_expectations, flake8_in_process

# The one place where the cases' category slugs meet our codes: a rule's name is its slug.
SLUG_TO_CODE = {rule.name: rule.code for rule in ALL_RULES}
OWN_CASES = DATA / "runtime_cases"


def _cases(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path.parent for path in root.glob("*/*/expected.json"))


def _id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


def _check(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    slug = case.parent.name
    if slug not in SLUG_TO_CODE:
        pytest.skip(f"no rule named {slug!r} is implemented yet")
    expected = case_expectations(case, SLUG_TO_CODE)
    reported = {(r.path, r.line, r.code) for r in flake8_in_process(capsys, case)}
    assert reported == expected


@pytest.mark.parametrize("case", _cases(SHARED_CASES) or [None], ids=lambda case: _id(case) if case else "absent")
def test_shared_case(case: Path | None, capsys: pytest.CaptureFixture[str]) -> None:
    if case is None:
        pytest.skip(f"shared cases folder {SHARED_CASES} is absent (it sits beside the clone in CI only)")
    _check(case, capsys)


@pytest.mark.parametrize("case", _cases(OWN_CASES), ids=_id)
def test_own_case(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _check(case, capsys)
