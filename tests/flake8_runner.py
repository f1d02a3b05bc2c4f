"""Run flake8 for real (plugin loading, options, noqa) and read its findings back."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from flake8.main import cli

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
SHARED_CASES = REPO.parent / "shared" / "cases"
_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<text>.*)$")
EXPECTATION = re.compile(r"#\s*(?P<codes>ATP\d{3}(?:[ ,]+ATP\d{3})*)\s*$")


@dataclass(frozen=True, order=True)
class Reported:
    path: str
    line: int
    col: int
    code: str
    text: str


def parse_output(output: str, relative_to: Path | None = None) -> list[Reported]:
    found = []
    for raw in output.splitlines():
        match = _LINE.match(raw)
        if not match:
            continue
        path = match["path"]
        if relative_to is not None:
            path = os.path.relpath(os.path.join(relative_to, path), relative_to)
        found.append(Reported(path, int(match["line"]), int(match["col"]), match["code"], match["text"]))
    return sorted(found)


def flake8_in_process(capsys: pytest.CaptureFixture[str], target: Path, *args: str) -> list[Reported]:
    """flake8's real CLI in this process, ``--isolated`` from any flake8 config around the data."""
    capsys.readouterr()
    cwd = os.getcwd()
    os.chdir(target if target.is_dir() else target.parent)
    try:
        cli.main(["--isolated", "-j1", "--select", "ATP", *args, "."])
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    return parse_output(out, target if target.is_dir() else target.parent)


def flake8_subprocess(
    target: Path, *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or (target if target.is_dir() else target.parent),
        timeout=120,
    )


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a small project tree (relative path -> text or bytes) under ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def expectations(tree: Path) -> set[tuple[str, int, str]]:
    """``# ATP101`` comments at the end of lines, as (relative path, line, code)."""
    expected = set()
    for path in sorted(tree.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            match = EXPECTATION.search(line)
            if match:
                for code in re.findall(r"ATP\d{3}", match["codes"]):
                    expected.add((str(path.relative_to(tree)), number, code))
    return expected


def case_expectations(case: Path, slug_to_code: dict[str, str]) -> set[tuple[str, int, str]]:
    data = json.loads((case / "expected.json").read_text())
    return {(f["file"], int(f["line"]), slug_to_code[f["slug"]]) for f in data["findings"]}
