#!/usr/bin/env python3
"""Re-run the runtime-verified example projects and compare with expected.json.

usage: python tools/rerun_runtime_cases.py VENV [CASES_DIR] [GLOB]

  VENV       a virtualenv with pytest and the async plugins / libraries the
             cases assume (pytest-asyncio, anyio, trio, pytest-trio, fastapi,
             httpx, asgi-lifespan, sqlalchemy[asyncio], aiosqlite, redis,
             aiohttp, motor)
  CASES_DIR  folder holding <slug>/<case>/expected.json
             (default: tests/data/runtime_cases)
  GLOB       case filter relative to CASES_DIR, e.g. 'overrides-not-cleared/*'
             (default: '*/*')

Every case runs in its own directory as

    VENV/bin/python -m pytest -q --rootdir . <pytest_args from expected.json>

with expected.json's ``timeout_s`` as time limit, PYTHONDONTWRITEBYTECODE=1 and
PYTEST_ADDOPTS unset. A case folder without a pytest configuration file of
its own is isolated from the folders above it (otherwise pytest would pick up
e.g. this repository's pyproject.toml and conftest.py files): it is run with
``-c <empty pytest.ini outside the case> --confcutdir .`` added, which is what
running it in a folder without any configuration above it amounts to. The
summary line is normalised (timing, '=' decoration
and warning counts dropped) and compared with expected.json's ``outcome``.
Caches and stray *.db / *.sqlite3 files are removed from the case directory
afterwards. Exit status: 0 if every outcome matches, 1 if any differs, 2 on a
usage error.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

DEFAULT_CASES_DIR = Path("tests/data/runtime_cases")
DEFAULT_GLOB = "*/*"
DEFAULT_TIMEOUT_S = 60
DEFAULT_PYTEST_ARGS = ["-p", "no:cacheprovider"]

VERSION_NAMES = [
    "pytest",
    "pytest-asyncio",
    "anyio",
    "trio",
    "pytest-trio",
    "fastapi",
    "starlette",
    "httpx",
    "sqlalchemy",
    "aiosqlite",
    "asgi-lifespan",
]

SUMMARY_RE = re.compile(
    r"^=*[ ]*[0-9]+ (passed|failed|errors?|skipped|xfailed|xpassed|warnings?|deselected)"
)
TIMING_RE = re.compile(r" in [0-9.]+s.*$")
WARNING_PART_RE = re.compile(r"warnings?$")

# pytest's configuration file candidates and the section that makes each count
CONFIG_SECTIONS: dict[str, re.Pattern[str] | None] = {
    "pytest.ini": None,
    ".pytest.ini": None,
    "pyproject.toml": re.compile(r"^\[tool\.pytest(\.ini_options)?\]", re.M),
    "tox.ini": re.compile(r"^\[pytest\]", re.M),
    "setup.cfg": re.compile(r"^\[(tool:)?pytest\]", re.M),
}


@dataclass(frozen=True)
class CaseResult:
    rel: str
    positive: bool
    outcome: str
    recorded: str

    @property
    def same(self) -> bool:
        return self.outcome == self.recorded


def normalise_summary(output: str, returncode: int) -> str:
    """Reduce pytest's output to the summary used in expected.json's outcome."""
    summaries = [line for line in output.splitlines() if SUMMARY_RE.search(line)]
    if not summaries:
        return f"no summary line (rc={returncode})"
    summary = summaries[-1]
    summary = re.sub(r"^=+ *", "", summary)
    summary = TIMING_RE.sub("", summary)
    summary = re.sub(r" =+$", "", summary)
    parts = [part.lstrip(" ") for part in summary.split(",")]
    kept = [part for part in parts if not WARNING_PART_RE.search(part)]
    return ", ".join(kept)


def venv_versions(python: Path) -> str:
    script = (
        "import importlib.metadata as m, sys\n"
        f"names = {VERSION_NAMES!r}\n"
        "out = []\n"
        "for n in names:\n"
        "    try:\n"
        "        out.append(f'{n}={m.version(n)}')\n"
        "    except m.PackageNotFoundError:\n"
        "        out.append(f'{n}=-')\n"
        "print('python=' + sys.version.split()[0] + ' ' + ' '.join(out))\n"
    )
    proc = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, check=False
    )
    return (proc.stdout or proc.stderr).strip()


def clean_case_dir(case_dir: Path) -> None:
    for pattern in ("__pycache__", ".pytest_cache"):
        for path in list(case_dir.rglob(pattern)):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
    for pattern in ("*.db", "*.sqlite3"):
        for path in list(case_dir.rglob(pattern)):
            if path.is_file():
                path.unlink(missing_ok=True)


def has_own_config(case_dir: Path) -> bool:
    """Whether pytest would find its configuration file in the case folder itself."""
    for name, section in CONFIG_SECTIONS.items():
        path = case_dir / name
        if not path.is_file():
            continue
        if section is None:
            return True
        if section.search(path.read_text(encoding="utf-8", errors="replace")):
            return True
    return False


def run_pytest(python: Path, case_dir: Path, args: Sequence[str], timeout_s: float) -> str:
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTEST_ADDOPTS", None)
    cmd = [str(python), "-m", "pytest", "-q", "--rootdir", ".", *args]
    proc = subprocess.Popen(
        cmd,
        cwd=case_dir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        out, _ = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        return f"TIMEOUT after {format_timeout(timeout_s)}s"
    return normalise_summary(out, proc.returncode)


def format_timeout(timeout_s: float) -> str:
    return str(int(timeout_s)) if float(timeout_s).is_integer() else str(timeout_s)


def run_case(
    python: Path, cases_dir: Path, case_dir: Path, empty_ini: Path
) -> CaseResult:
    meta = json.loads((case_dir / "expected.json").read_text(encoding="utf-8"))
    positive = bool(meta["positive"])
    timeout_s = float(meta.get("timeout_s", DEFAULT_TIMEOUT_S))
    recorded = str(meta.get("outcome", ""))
    args = [str(a) for a in meta.get("pytest_args", DEFAULT_PYTEST_ARGS)]
    if not has_own_config(case_dir):
        args = ["-c", str(empty_ini), "--confcutdir", ".", *args]
    try:
        outcome = run_pytest(python, case_dir, args, timeout_s)
    finally:
        clean_case_dir(case_dir)
    rel = case_dir.relative_to(cases_dir).as_posix()
    return CaseResult(rel=rel, positive=positive, outcome=outcome, recorded=recorded)


def find_cases(cases_dir: Path, pattern: str) -> list[Path]:
    matches = sorted(glob.glob(os.path.join(glob.escape(str(cases_dir)), pattern)))
    return [Path(m) for m in matches if (Path(m) / "expected.json").is_file()]


def main(argv: Sequence[str]) -> int:
    if not 1 <= len(argv) <= 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    venv = Path(argv[0]).resolve()
    python = venv / "bin" / "python"
    if not os.access(python, os.X_OK):
        print(f"no python at {python}", file=sys.stderr)
        return 2
    cases_dir = Path(argv[1] if len(argv) > 1 else DEFAULT_CASES_DIR).resolve()
    if not cases_dir.is_dir():
        print(f"no cases directory at {cases_dir}", file=sys.stderr)
        return 2
    pattern = argv[2] if len(argv) > 2 else DEFAULT_GLOB

    print(venv_versions(python))
    row = "{:<70} {:<5} {:<32} {:<32} {}"
    print(row.format("CASE", "POS", "OUTCOME", "RECORDED", "MATCH"), flush=True)
    results: list[CaseResult] = []
    with tempfile.TemporaryDirectory(prefix="rerun-cases-") as tmp:
        empty_ini = Path(tmp) / "pytest.ini"
        empty_ini.write_text("[pytest]\n", encoding="utf-8")
        for case_dir in find_cases(cases_dir, pattern):
            result = run_case(python, cases_dir, case_dir, empty_ini)
            results.append(result)
            mark = "same" if result.same else "DIFF"
            print(
                row.format(
                    result.rel, str(result.positive), result.outcome, result.recorded, mark
                ),
                flush=True,
            )

    total = len(results)
    positives = sum(1 for r in results if r.positive)
    same = sum(1 for r in results if r.same)
    print()
    print(
        f"cases: {total} (positive {positives}, negative {total - positives}); "
        f"outcome same as recorded: {same}; different: {total - same}"
    )
    return 0 if same == total else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
