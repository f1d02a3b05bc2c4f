"""A flake8 plugin that analyses nothing: it reports findings recorded from another flake8 run.

run_benchmark.py --replay-findings loads it (as a local plugin, under the measured plugin's code,
with the measured plugin itself hidden) to time what flake8 spends on reporting the same findings:
above all, tokenizing each file with a finding again to map ``# noqa`` comments to lines. The
difference between this side and the plugin's is the plugin's own analysis.

  ATP_BENCH_REPLAY=PATH   the findings, one per line as flake8 prints them by default
                          (``path:row:col: CODE message``), paths as flake8 names the files
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

Finding = tuple[int, int, str]


def _load(path: str) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split(":", 3)
            if len(parts) != 4 or not parts[1].isdigit() or not parts[2].isdigit():
                continue
            name, row, col, text = parts
            # flake8 prints 1-based columns; plugins report 0-based ones
            found.setdefault(os.path.normpath(name), []).append((int(row), int(col) - 1, text.strip()))
    return found


_FINDINGS = _load(os.environ["ATP_BENCH_REPLAY"]) if os.environ.get("ATP_BENCH_REPLAY") else {}


class ReplayPlugin:
    name = "atp-bench-replay"
    version = "0"

    def __init__(self, tree: Any, filename: str) -> None:
        self.filename = filename

    def run(self) -> Iterator[tuple[int, int, str, type[ReplayPlugin]]]:
        for row, col, text in _FINDINGS.get(os.path.normpath(self.filename), ()):
            yield row, col, text, type(self)
