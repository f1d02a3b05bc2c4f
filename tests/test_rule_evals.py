"""Rule eval trees: tests/data/evals/<CODE>/<tree>/, each a small project whose offending lines end
in an expectation comment (``# ATP101``). flake8 is run on the tree; it must report exactly those.

A tree may hold ``flake8-args.txt`` with extra flake8 arguments (one line), e.g. the plugin list.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from flake8_async_testing.rules import ALL_RULES
from tests.flake8_runner import DATA, expectations, flake8_in_process

EVALS = DATA / "evals"


def _trees() -> list[Path]:
    return sorted(path for path in EVALS.glob("*/*") if path.is_dir())


@pytest.mark.parametrize("tree", _trees(), ids=lambda tree: f"{tree.parent.name}/{tree.name}")
def test_eval_tree(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args_file = tree / "flake8-args.txt"
    args = shlex.split(args_file.read_text()) if args_file.is_file() else []
    reported = {(r.path, r.line, r.code) for r in flake8_in_process(capsys, tree, *args)}
    assert reported == expectations(tree)


@pytest.mark.parametrize("code", [rule.code for rule in ALL_RULES])
def test_every_rule_has_positive_and_negative_evals(code: str) -> None:
    """Each code has an eval folder with at least one expected finding and one silent near-miss file."""
    folder = EVALS / code
    assert folder.is_dir(), f"no eval trees for {code}"
    expected = set()
    silent_files = []
    for tree in folder.iterdir():
        if not tree.is_dir():
            continue
        found = expectations(tree)
        expected |= {item for item in found if item[2] == code}
        flagged = {item[0] for item in found}
        silent_files += [p for p in tree.rglob("test_*.py") if str(p.relative_to(tree)) not in flagged]
    assert expected, f"{code} has no positive eval line"
    assert silent_files, f"{code} has no near-miss negative test file"
