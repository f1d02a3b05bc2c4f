"""The plugin inside flake8: stdin/editor mode, --jobs, noqa, options from config, bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.flake8_runner import DATA, flake8_in_process, flake8_subprocess, parse_output, write_project

ANYIO_TREE = DATA / "evals" / "ATP101" / "anyio-only"
UNMARKED = "async def test_unmarked():\n    pass\n"


def _asyncio_project(tmp_path: Path, test_source: str = UNMARKED, **extra: str) -> Path:
    return write_project(
        tmp_path,
        {"pytest.ini": "[pytest]\n", "requirements.txt": "pytest\npytest-asyncio\n", "test_x.py": test_source, **extra},
    )


def test_stdin_with_display_name_finds_the_project_from_the_display_name() -> None:
    target = ANYIO_TREE / "sub" / "test_anyio.py"
    file_mode = flake8_subprocess(ANYIO_TREE, "--isolated", "--select", "ATP", "sub/test_anyio.py")
    stdin_mode = flake8_subprocess(
        ANYIO_TREE, "--isolated", "--select", "ATP", "--stdin-display-name", "sub/test_anyio.py", "-",
        stdin=target.read_text(),
    )
    assert parse_output(file_mode.stdout)
    assert parse_output(stdin_mode.stdout) == parse_output(file_mode.stdout)


def test_stdin_content_wins_over_the_file_on_disk(tmp_path: Path) -> None:
    project = _asyncio_project(tmp_path, "import pytest\n")
    result = flake8_subprocess(
        project, "--isolated", "--select", "ATP", "--stdin-display-name", "test_x.py", "-", stdin=UNMARKED
    )
    assert [(r.line, r.code) for r in parse_output(result.stdout)] == [(1, "ATP101")]


def test_display_name_that_does_not_exist_on_disk(tmp_path: Path) -> None:
    result = flake8_subprocess(
        tmp_path, "--isolated", "--select", "ATP", "--stdin-display-name", "no/such/dir/test_x.py", "-", stdin=UNMARKED
    )
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stderr


def test_jobs_give_identical_results() -> None:
    evals = DATA / "evals"
    one = flake8_subprocess(evals, "--isolated", "--select", "ATP", "-j1", ".")
    many = flake8_subprocess(evals, "--isolated", "--select", "ATP", "-j2", ".")
    assert parse_output(one.stdout)
    assert parse_output(many.stdout) == parse_output(one.stdout)
    assert "Traceback" not in many.stderr


def test_noqa_is_flake8s_job(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (
        "async def test_a():  # noqa: ATP101\n    pass\n\n\n"
        "async def test_b():  # noqa\n    pass\n\n\n"
        "async def test_c():  # noqa: E501\n    pass\n\n\n"
        "async def test_d():  # noqa:ATP1\n    pass\n"
    )
    project = _asyncio_project(tmp_path, source)
    assert [(r.line, r.code) for r in flake8_in_process(capsys, project)] == [(9, "ATP101")]


def test_plugins_option_from_flake8_config(tmp_path: Path) -> None:
    project = _asyncio_project(tmp_path, **{"setup.cfg": "[flake8]\nasync-testing-plugins = anyio\n"})
    result = flake8_subprocess(project, "--select", "ATP", "test_x.py")
    findings = parse_output(result.stdout)
    assert [r.code for r in findings] == ["ATP101"]
    assert "@pytest.mark.anyio" in findings[0].text


def test_plugins_option_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path, "import pytest\n\n\n@pytest.mark.anyio\nasync def test_a():\n    pass\n")
    # requirements.txt declares no anyio, so its marker runs nothing; the option says otherwise.
    assert [r.code for r in flake8_in_process(capsys, project)] == ["ATP101"]
    assert [r.code for r in flake8_in_process(capsys, project, "--async-testing-plugins=asyncio,anyio")] == []


def test_syntax_error_is_e999_only(tmp_path: Path) -> None:
    project = _asyncio_project(tmp_path, "async def test_x(:\n")
    result = flake8_subprocess(project, "--isolated", "test_x.py")
    assert [r.code for r in parse_output(result.stdout)] == ["E999"]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("pyproject.toml", "[tool.pytest.ini_options\nasyncio_mode = 'auto'\n"),
        ("pytest.ini", "[pytest\nasyncio_mode = auto\n"),
        ("setup.cfg", "[tool:pytest]\n  = broken\n"),
        ("tox.ini", "[pytest]\nasyncio_mode\n"),
    ],
)
def test_broken_config_file_is_said_once_without_traceback(tmp_path: Path, name: str, content: str) -> None:
    project = write_project(tmp_path, {name: content, "test_a.py": UNMARKED, "test_b.py": UNMARKED})
    result = flake8_subprocess(project, "--isolated", "--select", "ATP", "-j1", ".")
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0], result.stderr


def test_broken_conftest_keeps_rules_that_need_it_silent(tmp_path: Path) -> None:
    project = write_project(
        tmp_path,
        {
            "pytest.ini": "[pytest]\n",
            "requirements.txt": "pytest\nfastapi\n",
            "conftest.py": "def anyio_backend(:\n",
            "test_x.py": "async def test_a(client):\n    pass\n",
        },
    )
    result = flake8_subprocess(project, "--isolated", "--select", "ATP", "test_x.py")
    assert "Traceback" not in result.stderr
    assert "conftest.py" in result.stderr


def test_non_utf8_conftest(tmp_path: Path) -> None:
    project = _asyncio_project(tmp_path)
    (project / "conftest.py").write_bytes(b"# -*- coding: latin-1 -*-\nNAME = '\xe9t\xe9'\n")
    result = flake8_subprocess(project, "--isolated", "--select", "ATP", "test_x.py")
    assert "Traceback" not in result.stderr
    assert [r.code for r in parse_output(result.stdout)] == ["ATP101"]


def test_plugin_is_registered_under_atp() -> None:
    result = subprocess.run([sys.executable, "-m", "flake8", "--version"], capture_output=True, text=True, check=True)
    assert "flake8-async-testing" in result.stdout


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_jobs_workers_see_the_parsed_options(tmp_path: Path, start_method: str) -> None:
    """With --jobs, workers (forked or spawned) lint with the options the main process parsed."""
    project = _asyncio_project(
        tmp_path, "import pytest\n\n\n@pytest.mark.anyio\nasync def test_a():\n    pass\n",
        **{"test_y.py": "import pytest\n\n\n@pytest.mark.anyio\nasync def test_b():\n    pass\n"},
    )
    runner = (
        "import multiprocessing, sys\n"
        f"multiprocessing.set_start_method({start_method!r}, force=True)\n"
        "from flake8.main.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    common = ["--isolated", "--select", "ATP", "-j2", "test_x.py", "test_y.py"]
    default = subprocess.run([sys.executable, "-c", runner, *common], cwd=project, capture_output=True, text=True)
    stated = subprocess.run(
        [sys.executable, "-c", runner, *common, "--async-testing-plugins=asyncio,anyio"],
        cwd=project, capture_output=True, text=True,
    )
    assert [r.code for r in parse_output(default.stdout)] == ["ATP101", "ATP101"], default.stderr
    assert parse_output(stated.stdout) == [], stated.stderr
