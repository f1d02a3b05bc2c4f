"""The bundled showcase: flake8 reports exactly its marked lines, and every code appears there."""

from __future__ import annotations

import pytest

from flake8_async_testing.rules import ALL_RULES
from tests.flake8_runner import REPO, expectations, flake8_in_process

SHOWCASE = REPO / "showcase"


def test_showcase_findings_are_exactly_the_marked_lines(capsys: pytest.CaptureFixture[str]) -> None:
    reported = {(r.path, r.line, r.code) for r in flake8_in_process(capsys, SHOWCASE)}
    assert reported == expectations(SHOWCASE)


def test_showcase_has_every_code() -> None:
    shown = {code for _path, _line, code in expectations(SHOWCASE)}
    assert shown == {rule.code for rule in ALL_RULES}
