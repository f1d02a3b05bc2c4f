"""The repository holds itself to its own standards: mypy strict and its own flake8 config."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_mypy_strict_passes_on_src(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache"), "src"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_repository_passes_its_own_flake8_config() -> None:
    """setup.cfg's [flake8] section, with this plugin loaded, finds nothing in the repo's code."""
    result = subprocess.run([sys.executable, "-m", "flake8"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
