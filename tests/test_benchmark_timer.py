"""The benchmark's per-file timer: the plugin's own time, and flake8's noqa map timed apart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TIMER = Path(__file__).resolve().parents[1] / "benchmarks" / "_plugin_timer.py"

WITH_FINDING = '''\
import pytest


async def helper() -> None: ...


@pytest.mark.anyio
async def test_dropped() -> None:
    helper()
'''

WITHOUT_FINDING = "def test_plain() -> None:\n    assert True\n"


def test_noqa_map_is_timed_only_for_files_the_plugin_reported_on(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_dropped.py").write_text(WITH_FINDING)
    (tmp_path / "test_plain.py").write_text(WITHOUT_FINDING)
    files = tmp_path / "files.txt"
    files.write_text("test_dropped.py\ntest_plain.py\n")
    out = tmp_path / "timing.json"
    subprocess.run(
        [sys.executable, str(TIMER), "--files-from", str(files), "--out", str(out), "--mode", "flake8"],
        cwd=tmp_path, check=True, capture_output=True,
    )
    per_file = {entry["file"]: entry for entry in json.loads(out.read_text())["per_file"]}
    assert per_file["test_dropped.py"]["reported"] >= 1
    assert per_file["test_dropped.py"]["noqa_scan_s"] > 0
    assert per_file["test_plain.py"]["reported"] == 0
    assert "noqa_scan_s" not in per_file["test_plain.py"]
