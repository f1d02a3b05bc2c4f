"""The standalone command: formats, exit codes, noqa, select/ignore, excludes, config, jobs, explain,
and the same findings as the flake8 plugin on every eval tree and shared case.

Option tests use small projects under ``tmp_path``, each with its own pytest.ini so that the
repository's pytest configuration does not leak in. Only ATP101 is named directly; any other code is
reached through ``ALL_RULES``.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_async_testing.cli import formats
from flake8_async_testing.cli.main import main
from flake8_async_testing.cli.runner import Progress
from flake8_async_testing.docs import help_uri
from flake8_async_testing.rules import ALL_RULES
from flake8_async_testing.rules.base import DOC_SECTIONS
from tests.flake8_runner import (
    DATA,
    REPO,
    SHARED_CASES,
    flake8_in_process,
    flake8_subprocess,
    parse_output,
    write_project,
)

UNMARKED = "async def test_unmarked():\n    pass\n"
CLEAN = "def test_ok():\n    assert True\n"
EVALS = DATA / "evals"
TEXT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<text>.*)$")


def _asyncio_project(root: Path, test_source: str = UNMARKED, files: dict[str, str] | None = None) -> Path:
    base = {"pytest.ini": "[pytest]\n", "requirements.txt": "pytest\npytest-asyncio\n", "test_x.py": test_source}
    return write_project(root, {**base, **(files or {})})


def run_cli(capsys: pytest.CaptureFixture[str], cwd: Path, *args: str) -> tuple[int, str, str]:
    """``main(argv)`` in this process, from ``cwd``."""
    capsys.readouterr()
    before = os.getcwd()
    os.chdir(cwd)
    try:
        status = main(list(args))
    finally:
        os.chdir(before)
    out, err = capsys.readouterr()
    return status, out, err


def run_cli_subprocess(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8_async_testing", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def findings(out: str) -> list[tuple[str, int, int, str, str]]:
    found = []
    for raw in out.splitlines():
        match = TEXT_LINE.match(raw)
        assert match, f"not a finding line: {raw!r}"
        found.append(
            (os.path.normpath(match["path"]), int(match["line"]), int(match["col"]), match["code"], match["text"])
        )
    return found


def atp101(out: str) -> list[tuple[str, int]]:
    return [(path, line) for path, line, _col, code, _text in findings(out) if code == "ATP101"]


# --- exit codes and formats ---------------------------------------------------------------------


def test_exit_code_0_when_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path, CLEAN)
    assert run_cli(capsys, project, "check", "--isolated") == (0, "", "")


def test_exit_code_1_with_findings_and_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path)
    status, out, _ = run_cli(capsys, project, "check", "--isolated")
    assert status == 1
    assert atp101(out) == [("test_x.py", 1)]
    assert run_cli(capsys, project, "check", "--isolated", "--exit-zero")[0] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "xml"],
        ["check", "--no-such-option"],
        ["check", "does/not/exist.py"],
        ["check", "--select", "not-a-code"],
        ["check", "--async-testing-plugins", "bogus"],
        ["check", "--async-testing-max-inferences", "many"],
        ["check", "--jobs", "0"],
        ["explain", "ATP999"],
        ["no-such-command"],
        [],
    ],
    ids=lambda args: " ".join(args) or "no-args",
)
def test_exit_code_2_on_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    project = _asyncio_project(tmp_path)
    status, out, err = run_cli(capsys, project, *args)
    assert status == 2
    assert out == ""
    assert err.strip()
    assert "Traceback" not in err


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run_cli(capsys, tmp_path, "--help")[0] == 0
    status, out, _ = run_cli(capsys, tmp_path, "--version")
    assert status == 0 and "flake8-async-testing" in out


def test_text_format_is_flake8_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path, "import pytest\n\n\nclass TestX:\n    async def test_m(self):\n        pass\n")
    status, out, _ = run_cli(capsys, project, "check", "--isolated")
    ours = [f for f in findings(out) if f[3] == "ATP101"]
    theirs = [(r.path, r.line, r.col, r.code, r.text) for r in flake8_in_process(capsys, project) if r.code == "ATP101"]
    assert ours == theirs == [("test_x.py", 5, 5, "ATP101", theirs[0][4])]


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path, files={"sub/test_y.py": UNMARKED})
    _, text_out, _ = run_cli(capsys, project, "check", "--isolated")
    status, out, _ = run_cli(capsys, project, "check", "--isolated", "--format", "json")
    assert status == 1
    rows = json.loads(out)
    assert [set(row) for row in rows] == [{"path", "line", "col", "code", "message"}] * len(rows)
    assert [(os.path.normpath(r["path"]), r["line"], r["col"], r["code"], r["message"]) for r in rows] == findings(
        text_out
    )
    assert ("sub/test_y.py".replace("/", os.sep), 1) in [(r["path"], r["line"]) for r in rows if r["code"] == "ATP101"]


def test_json_format_empty_list_when_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path, CLEAN)
    status, out, _ = run_cli(capsys, project, "check", "--isolated", "--format", "json")
    assert (status, json.loads(out)) == (0, [])


def test_sarif_format_has_the_required_2_1_0_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path, files={"sub/test_y.py": UNMARKED})
    status, out, _ = run_cli(capsys, project, "check", "--isolated", "--format", "sarif")
    assert status == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "flake8-async-testing"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == [rule.code for rule in ALL_RULES]
    for described, rule in zip(driver["rules"], ALL_RULES):
        assert described["name"] == rule.name
        assert described["shortDescription"]["text"] == rule.summary
        assert described["fullDescription"]["text"] == rule.documentation()
        assert described["help"]["markdown"] == rule.documentation()
        assert described["helpUri"] == help_uri(rule)
    assert run["results"], "expected at least the ATP101 findings"
    uris = set()
    for result in run["results"]:
        assert result["ruleId"] in rule_ids
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("none", "note", "warning", "error")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert "\\" not in uri and not uri.startswith(("/", "./"))
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
        uris.add((uri, result["ruleId"], physical["region"]["startLine"]))
    assert {("test_x.py", "ATP101", 1), ("sub/test_y.py", "ATP101", 1)} <= uris


def test_sarif_format_when_clean_still_lists_the_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path, CLEAN)
    status, out, _ = run_cli(capsys, project, "check", "--isolated", "--format", "sarif")
    log = json.loads(out)
    assert status == 0
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(ALL_RULES)


def test_github_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path, files={"sub/test_y.py": UNMARKED})
    _, text_out, _ = run_cli(capsys, project, "check", "--isolated")
    status, out, _ = run_cli(capsys, project, "check", "--isolated", "--format", "github")
    assert status == 1
    pattern = re.compile(
        r"^::warning file=(?P<file>[^,]+),line=(\d+),col=(\d+),title=(?P<code>[A-Z]+\d+)::(?P<msg>.+)$"
    )
    lines = out.splitlines()
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed), lines
    expected = [(path.replace(os.sep, "/"), line, col, code) for path, line, col, code, _ in findings(text_out)]
    got = [(m["file"], int(m.group(2)), int(m.group(3)), m["code"]) for m in parsed if m]
    assert got == expected
    assert ("sub/test_y.py", 1, 1, "ATP101") in got


def test_github_escaping() -> None:
    assert formats._github_property("a:b,c%d\ne\r") == "a%3Ab%2Cc%25d%0Ae%0D"
    assert formats._github_data("a:b,c%d\ne") == "a:b,c%25d%0Ae"


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path / "p")
    report = tmp_path / "report.sarif"
    status, out, _ = run_cli(capsys, project, "check", "--isolated", "--format", "sarif", "-o", str(report))
    assert status == 1 and out == ""
    assert json.loads(report.read_text())["version"] == "2.1.0"


# --- noqa ----------------------------------------------------------------------------------------

NOQA_VARIANTS = {
    "test_bare.py": "async def test_a():  # noqa\n    pass\n",
    "test_upper.py": "async def test_a():  # NOQA\n    pass\n",
    "test_code.py": "async def test_a():  # noqa: ATP101\n    pass\n",
    "test_code_nospace.py": "async def test_a():  # noqa:ATP101\n    pass\n",
    "test_prefix.py": "async def test_a():  # NoQA: ATP1\n    pass\n",
    "test_list.py": "async def test_a():  # noqa: E501,ATP101\n    pass\n",
    "test_wrong_code.py": "async def test_a():  # noqa: ATP999\n    pass\n",
    "test_other_tool.py": "async def test_a():  # noqa: E501\n    pass\n",
    "test_lowercase_code.py": "async def test_a():  # noqa: atp101\n    pass\n",
    "test_colon_space.py": "async def test_a():  # noqa : ATP999\n    pass\n",
    "test_other_line.py": "# noqa\nasync def test_a():\n    pass\n",
    "test_file_level.py": "# flake8: noqa\nasync def test_a():\n    pass\n",
    "test_not_a_comment.py": "async def test_a(x='# noqa'):\n    pass\n",
}
SILENCED = {
    "test_bare.py",
    "test_upper.py",
    "test_code.py",
    "test_code_nospace.py",
    "test_prefix.py",
    "test_list.py",
    "test_colon_space.py",
    "test_file_level.py",
    "test_not_a_comment.py",
}


def test_noqa_comments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path, CLEAN, files=NOQA_VARIANTS)
    _, out, _ = run_cli(capsys, project, "check", "--isolated")
    flagged = {path for path, _line in atp101(out)}
    assert flagged == set(NOQA_VARIANTS) - SILENCED
    # A bare noqa silences every code on its line, not only ATP101.
    lines_with_bare_noqa = {("test_bare.py", 1), ("test_upper.py", 1)}
    assert not {(path, line) for path, line, *_ in findings(out)} & lines_with_bare_noqa
    # flake8 itself agrees on every variant.
    theirs = {(r.path, r.line, r.code) for r in flake8_in_process(capsys, project)}
    assert {(path, line, code) for path, line, _c, code, _t in findings(out)} == theirs


def test_noqa_applies_to_every_line_of_a_multiline_string_statement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = 'async def test_a(): x = """\n"""  # noqa: ATP101\n\n\nasync def test_b(): y = """\n"""\n'
    project = _asyncio_project(tmp_path, source)
    _, out, _ = run_cli(capsys, project, "check", "--isolated")
    theirs = {(r.path, r.line, r.code) for r in flake8_in_process(capsys, project)}
    assert {(p, line, code) for p, line, _c, code, _t in findings(out)} == theirs
    assert atp101(out) == [("test_x.py", 5)]


# --- select / ignore -----------------------------------------------------------------------------

SELECTIONS = [
    ([], True),
    (["--select", "ATP"], True),
    (["--select", "ATP1"], True),
    (["--select", "ATP101"], True),
    (["--select", "ATP2"], False),
    (["--select", "E,W"], False),
    (["--ignore", "ATP"], False),
    (["--ignore", "ATP1"], False),
    (["--ignore", "ATP101"], False),
    (["--ignore", "ATP2"], True),
    (["--extend-ignore", "ATP101"], False),
    (["--extend-ignore", "ATP10"], False),
    (["--extend-ignore", "ATP2,ATP3"], True),
    (["--select", "ATP1", "--ignore", "ATP101"], False),
    (["--select", "ATP101", "--ignore", "ATP1"], True),
    (["--select", "ATP1", "--ignore", "ATP1"], False),
    (["--extend-select", "ATP101", "--ignore", "ATP1"], True),
    (["--select", "E", "--extend-select", "ATP"], True),
]


@pytest.mark.parametrize(("args", "reported"), SELECTIONS, ids=lambda v: " ".join(v) if isinstance(v, list) else str(v))
def test_select_and_ignore_like_flake8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], reported: bool
) -> None:
    project = _asyncio_project(tmp_path)
    status, out, _ = run_cli(capsys, project, "check", "--isolated", *args)
    assert bool(atp101(out)) is reported
    assert status == (1 if findings(out) else 0)
    # flake8 with the same options (the ATP default select made explicit unless given).
    flake8_args = args if any(a in ("--select",) for a in args) else ["--extend-select", "ATP", *args]
    capsys.readouterr()
    before = os.getcwd()
    os.chdir(project)
    try:
        from flake8.main import cli

        cli.main(["--isolated", "-j1", *flake8_args, "."])
    except SystemExit:
        pass
    finally:
        os.chdir(before)
    theirs = {
        (r.path, r.line, r.code) for r in parse_output(capsys.readouterr().out, project) if r.code.startswith("ATP")
    }
    assert {(p, line, code) for p, line, _c, code, _t in findings(out)} == theirs


# --- files and excludes --------------------------------------------------------------------------


def _tree_with_excluded_folders(root: Path) -> Path:
    folders = [
        ".git",
        ".venv",
        "venv",
        "__pycache__",
        "build",
        "dist",
        ".tox",
        ".nox",
        ".eggs",
        "pkg.egg",
        "node_modules",
    ]
    files = {f"{folder}/test_hidden.py": UNMARKED for folder in folders}
    files.update(
        {
            "sub/test_a.py": UNMARKED,
            "sub/inner/test_b.py": UNMARKED,
            "sub/notes.txt": UNMARKED,
            "sub/test_c.pyi": UNMARKED,
        }
    )
    return _asyncio_project(root, CLEAN, files=files)


def test_default_excludes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _tree_with_excluded_folders(tmp_path)
    _, out, _ = run_cli(capsys, project, "check", "--isolated")
    assert {path for path, _ in atp101(out)} == {
        os.path.join("sub", "test_a.py"),
        os.path.join("sub", "inner", "test_b.py"),
    }


def test_extend_exclude_keeps_the_defaults(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _tree_with_excluded_folders(tmp_path)
    _, out, _ = run_cli(capsys, project, "check", "--isolated", "--extend-exclude", "inner")
    assert {path for path, _ in atp101(out)} == {os.path.join("sub", "test_a.py")}
    _, out, _ = run_cli(capsys, project, "check", "--isolated", "--extend-exclude", "./sub/inner/*.py")
    assert {path for path, _ in atp101(out)} == {os.path.join("sub", "test_a.py")}


def test_exclude_replaces_the_defaults(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _tree_with_excluded_folders(tmp_path)
    _, out, _ = run_cli(capsys, project, "check", "--isolated", "--exclude", "sub,.git")
    flagged = {path for path, _ in atp101(out)}
    assert os.path.join(".venv", "test_hidden.py") in flagged
    assert not any(path.startswith(("sub", ".git")) for path in flagged)


def test_explicit_file_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _tree_with_excluded_folders(tmp_path)
    write_project(project, {"odd/pytest.ini": "[pytest]\npython_files = check_*\n", "odd/check_me": UNMARKED})
    args = ["sub/test_a.py", "odd/check_me", "sub/test_a.py", "build/test_hidden.py", "sub/inner"]
    _, out, _ = run_cli(capsys, project, "check", "--isolated", *args)
    # Named files are linted whatever their name, once each; as in flake8, an exclude pattern is matched
    # against a named file's own base name and absolute path (so a file inside build/ is linted).
    expected = {"sub/test_a.py", "odd/check_me", "build/test_hidden.py", "sub/inner/test_b.py"}
    assert sorted(path for path, _ in atp101(out)) == sorted(os.path.normpath(path) for path in expected)
    _, out, _ = run_cli(capsys, project, "check", "--isolated", "--extend-exclude", "test_a.py,inner", *args)
    assert sorted(path for path, _ in atp101(out)) == [
        os.path.normpath("build/test_hidden.py"),
        os.path.normpath("odd/check_me"),
    ]


def test_undecodable_and_broken_files_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path)
    (project / "test_syntax.py").write_text("async def test_(:\n")
    (project / "test_nul.py").write_bytes(b"async def test_a():\n    pass\x00\n")
    (project / "test_latin.py").write_bytes(b"# -*- coding: latin-1 -*-\n# \xe9\nasync def test_l():\n    pass\n")
    (project / "test_bom.py").write_bytes(b"\xef\xbb\xbfasync def test_b():\r\n    pass\r\n")
    (project / "test_bad_utf8.py").write_bytes(b"# \xff\xfe\nasync def test_u():\n    pass\n")
    status, out, err = run_cli(capsys, project, "check", "--isolated")
    assert "Traceback" not in err
    ours = {(p, line, code) for p, line, _c, code, _t in findings(out)}
    theirs = {(r.path, r.line, r.code) for r in flake8_in_process(capsys, project) if r.code.startswith("ATP")}
    assert ours == theirs
    assert {("test_latin.py", 3), ("test_bom.py", 1), ("test_x.py", 1)} <= set(atp101(out))


def test_stdin_with_a_filename(tmp_path: Path) -> None:
    project = _asyncio_project(tmp_path, CLEAN)
    result = run_cli_subprocess(project, "check", "--isolated", "--stdin-filename", "test_x.py", "-", stdin=UNMARKED)
    assert result.returncode == 1, result.stderr
    assert atp101(result.stdout) == [("test_x.py", 1)]


# --- config --------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["extend-ignore", "extend_ignore"])
def test_pyproject_table(tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str) -> None:
    project = _asyncio_project(tmp_path, files={"pyproject.toml": f'[tool.flake8-async-testing]\n{key} = ["ATP101"]\n'})
    assert atp101(run_cli(capsys, project, "check")[1]) == []
    # The command line wins.
    assert atp101(run_cli(capsys, project, "check", "--extend-ignore", "ATP9")[1]) == [("test_x.py", 1)]
    assert atp101(run_cli(capsys, project, "check", "--isolated")[1]) == [("test_x.py", 1)]


def test_plugin_options_from_pyproject_flake8_config_and_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def message(cwd: Path, *args: str) -> str:
        found = [
            text for _p, _l, _c, code, text in findings(run_cli(capsys, cwd, "check", *args)[1]) if code == "ATP101"
        ]
        assert len(found) == 1
        return found[0]

    project = _asyncio_project(tmp_path)
    assert "asyncio" in message(project)
    (project / "setup.cfg").write_text("[flake8]\nasync-testing-plugins = trio\nasync_testing_max_inferences = 50\n")
    assert "trio" in message(project)
    # flake8 reads the same setup.cfg and the same option names: same message.
    result = flake8_subprocess(project, "--select", "ATP", ".")
    assert [r.text for r in parse_output(result.stdout) if r.code == "ATP101"] == [message(project)]
    (project / "pyproject.toml").write_text('[tool.flake8-async-testing]\nasync-testing-plugins = ["anyio"]\n')
    assert "anyio" in message(project)  # the tool's own table beats [flake8]
    assert "asyncio" in message(project, "--async-testing-plugins", "asyncio")  # the command line beats both
    assert "asyncio" in message(project, "--isolated")
    assert "trio" in message(project, "--config", "setup.cfg")


def test_flake8_config_in_a_parent_folder_and_relative_excludes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _asyncio_project(tmp_path, files={"sub/test_y.py": UNMARKED, "other/test_z.py": UNMARKED})
    (project / "tox.ini").write_text("[flake8]\nextend-exclude = sub/\n")
    _, out, _ = run_cli(capsys, project / "other", "check", "..")
    assert {os.path.normpath(p) for p, _ in atp101(out)} == {
        os.path.join("..", "test_x.py"),
        os.path.join("..", "other", "test_z.py"),
    }


@pytest.mark.parametrize(
    "config",
    [
        '[tool.flake8-async-testing]\nasync-testing-plugins = "nonsense"\n',
        '[tool.flake8-async-testing]\nselect = ["not a code"]\n',
        '[tool.flake8-async-testing]\nasync-testing-max-inferences = "lots"\n',
        "[tool.flake8-async-testing]\nextend-ignore = 3\n",
        "[tool.flake8-async-testing\n",
    ],
)
def test_bad_config_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str) -> None:
    project = _asyncio_project(tmp_path)
    (project / "pyproject.toml").write_text(config)
    status, out, err = run_cli(capsys, project, "check")
    assert (status, out) == (2, "")
    assert "pyproject.toml" in err and "Traceback" not in err


# --- jobs, progress -------------------------------------------------------------------------------


def test_jobs_1_and_2_give_identical_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _asyncio_project(tmp_path, files={f"pkg{i % 5}/test_{i}.py": UNMARKED + CLEAN for i in range(40)})
    outputs = {jobs: run_cli(capsys, project, "check", "--isolated", "-j", jobs) for jobs in ("1", "2", "3")}
    assert outputs["1"] == outputs["2"] == outputs["3"]
    assert len(atp101(outputs["1"][1])) == 41


def test_jobs_identical_on_the_eval_trees(capsys: pytest.CaptureFixture[str]) -> None:
    serial = run_cli(capsys, EVALS, "check", "--isolated", "-j1", "--format", "json")
    parallel = run_cli(capsys, EVALS, "check", "--isolated", "-j2", "--format", "json")
    assert serial == parallel
    rows = json.loads(serial[1])
    keys = [(r["path"], r["line"], r["col"], r["code"]) for r in rows]
    assert keys == sorted(keys)


def test_progress_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(500, stream)
        for _ in range(500):
            progress.advance(1)
        progress.finish()
    assert "500/500" in terminal.getvalue()
    assert pipe.getvalue() == ""
    few = Terminal()
    Progress(3, few).advance(3)
    assert few.getvalue() == ""


# --- explain, rules ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [rule.code for rule in ALL_RULES])
def test_explain_every_code(capsys: pytest.CaptureFixture[str], tmp_path: Path, code: str) -> None:
    status, out, _ = run_cli(capsys, tmp_path, "explain", code)
    assert status == 0
    assert out.startswith(code)
    for heading in DOC_SECTIONS:
        assert f"## {heading}" in out
    assert run_cli(capsys, tmp_path, "explain", code.lower())[1] == out


def test_explain_unknown_code(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run_cli(capsys, tmp_path, "explain", "XYZ1")
    assert (status, out) == (2, "")
    assert "unknown code" in err and ALL_RULES[0].code in err


def test_rules_lists_every_code(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run_cli(capsys, tmp_path, "rules")
    assert status == 0
    rows = out.splitlines()[1:]
    assert [row.split()[0] for row in rows] == [rule.code for rule in ALL_RULES]
    for row, rule in zip(rows, ALL_RULES):
        assert rule.name in row and rule.summary in row


# --- the command as installed ------------------------------------------------------------------


def test_python_dash_m_matches_flake8_output() -> None:
    tree = EVALS / "ATP101" / "strict-mode"
    ours = run_cli_subprocess(tree, "check", "--isolated")
    theirs = flake8_subprocess(tree, "--isolated", "--select", "ATP", ".")
    assert ours.returncode == theirs.returncode == 1
    assert ours.stdout == theirs.stdout.replace("./", "")
    assert ours.stderr == ""


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "flake8-async-testing"
    if not script.exists():
        pytest.skip(f"{script} not installed (pip install -e . adds it)")
    result = subprocess.run([str(script), "rules"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and ALL_RULES[0].code in result.stdout


def test_pre_commit_hook_definition() -> None:
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    (hook,) = [hook for hook in hooks if hook["id"] == "flake8-async-testing"]
    assert hook["entry"] == "flake8-async-testing check"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    for name in ("tests/test_api.py", "test_x.py", "pkg/api_test.py", "tests/conftest.py", "conftest.py"):
        assert pattern.search(name), name
    for name in ("app.py", "tests/helpers.py", "tests/test_x.pyi", "mytest_x.py"):
        assert not pattern.search(name), name


# --- the same findings as the flake8 plugin -----------------------------------------------------


def _trees(root: Path) -> list[Path]:
    return sorted(path for path in root.glob("*/*") if path.is_dir()) if root.is_dir() else []


def _same_as_flake8(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args_file = tree / "flake8-args.txt"
    args = shlex.split(args_file.read_text()) if args_file.is_file() else []
    theirs = {(r.path, r.line, r.col, r.code, r.text) for r in flake8_in_process(capsys, tree, *args)}
    status, out, _ = run_cli(capsys, tree, "check", "--isolated", "-j1", *args)
    ours = set(findings(out))
    assert {f[:4] for f in ours} == {f[:4] for f in theirs}
    assert ours == theirs
    assert status == (1 if ours else 0)


@pytest.mark.parametrize("tree", _trees(EVALS), ids=lambda tree: f"{tree.parent.name}/{tree.name}")
def test_same_findings_as_flake8_on_eval_trees(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _same_as_flake8(tree, capsys)


@pytest.mark.parametrize(
    "tree", _trees(SHARED_CASES) or [None], ids=lambda tree: f"{tree.parent.name}/{tree.name}" if tree else "absent"
)
def test_same_findings_as_flake8_on_shared_cases(tree: Path | None, capsys: pytest.CaptureFixture[str]) -> None:
    if tree is None:
        pytest.skip(f"shared cases folder {SHARED_CASES} is absent (it sits beside the clone in CI only)")
    _same_as_flake8(tree, capsys)
