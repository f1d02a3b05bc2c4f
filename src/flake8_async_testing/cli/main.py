"""``flake8-async-testing``: the plugin's checks without flake8 (for ruff users, CI and pre-commit).

    flake8-async-testing check [PATHS...]   lint files and folders (default: .)
    flake8-async-testing explain ATP101     a rule's documentation
    flake8-async-testing rules              every code, its name and what it finds

Exit status: 0 nothing found, 1 findings, 2 usage or internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from flake8_async_testing import __version__
from flake8_async_testing.cli.config import ConfigError, Options, resolve_options
from flake8_async_testing.cli.files import decode_source, discover, display_path
from flake8_async_testing.cli.formats import FORMATTERS
from flake8_async_testing.cli.noqa import Selection
from flake8_async_testing.cli.runner import FileResult, Progress, Reported, lint_files, lint_source
from flake8_async_testing.docs import explain
from flake8_async_testing.rules import ALL_RULES

PROG = "flake8-async-testing"
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def default_jobs() -> int:
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+: respects the CPU affinity
    if counter is not None:
        count: int | None = counter()
    elif hasattr(os, "sched_getaffinity"):
        count = len(os.sched_getaffinity(0))
    else:
        count = os.cpu_count()
    return max(1, count or 1)


def _jobs(value: str) -> int:
    if value == "auto":
        return default_jobs()
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of jobs (or 'auto')") from None
    if number < 1:
        raise argparse.ArgumentTypeError("jobs must be at least 1")
    return number


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would exit 2 itself; keep it, but through main()
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: error: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Find the async pytest pitfalls that make test suites lie.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="lint files and folders (default: the current folder)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint; '-' reads stdin")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="output format (default: text)")
    check.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="worker processes (default: every core; 1 = no subprocesses)",
    )
    selection = check.add_argument_group("which codes and files")
    for option, what in (
        ("--select", "report only codes starting with these prefixes (default: ATP)"),
        ("--extend-select", "add prefixes to the selected codes"),
        ("--ignore", "skip codes starting with these prefixes"),
        ("--extend-ignore", "skip these prefixes as well"),
        ("--exclude", "skip files and folders matching these patterns (replaces the defaults)"),
        ("--extend-exclude", "skip these patterns as well as the defaults"),
    ):
        selection.add_argument(option, metavar="LIST", action="append", help=f"{what}; comma-separated")
    plugin = check.add_argument_group("the plugin's options (same names as in flake8)")
    plugin.add_argument(
        "--async-testing-plugins",
        metavar="LIST",
        action="append",
        help="async pytest plugins your test environment has: asyncio, anyio, trio, or auto (default)",
    )
    plugin.add_argument(
        "--async-testing-max-inferences", metavar="N", help="upper bound on astroid inferences per file (default: 200)"
    )
    config = check.add_argument_group("configuration")
    config.add_argument(
        "--config", metavar="FILE", help="read options only from FILE (pyproject.toml or a flake8 ini file)"
    )
    config.add_argument("--isolated", action="store_true", help="ignore every config file")
    check.add_argument("--stdin-filename", metavar="PATH", help="the path of the file read from stdin ('-')")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")

    explain_cmd = commands.add_parser("explain", help="show the documentation of a code, e.g. ATP101")
    explain_cmd.add_argument("code")
    commands.add_parser("rules", help="list every code with its name and summary")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_ERROR
    except SystemExit as exit_:  # --help / --version
        return exit_.code if isinstance(exit_.code, int) else EXIT_CLEAN
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "explain":
            return run_explain(args.code)
        if args.command == "rules":
            return run_rules()
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLEAN
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    # The reader went away (``| head``): stop writing without a traceback at interpreter exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run_explain(code: str) -> int:
    text = explain(code.strip())
    if text is None:
        known = ", ".join(rule.code for rule in ALL_RULES)
        print(f"{PROG}: unknown code {code!r}; known codes: {known}", file=sys.stderr)
        return EXIT_ERROR
    sys.stdout.write(text)
    return EXIT_CLEAN


def run_rules() -> int:
    rows = [("CODE", "NAME", "WHAT IT FINDS"), *((rule.code, rule.name, rule.summary) for rule in ALL_RULES)]
    widths = [max(len(row[column]) for row in rows) for column in range(2)]
    for code, name, summary in rows:
        sys.stdout.write(f"{code:<{widths[0]}}  {name:<{widths[1]}}  {summary}\n")
    return EXIT_CLEAN


def _cli_options(args: argparse.Namespace) -> dict[str, Any]:
    keys = (
        "select",
        "extend_select",
        "ignore",
        "extend_ignore",
        "exclude",
        "extend_exclude",
        "async_testing_plugins",
        "async_testing_max_inferences",
    )
    return {key.replace("_", "-"): getattr(args, key) for key in keys}


def _files(paths: Sequence[str], options: Options) -> list[str]:
    seen: set[str] = set()
    unique = []
    for path in discover(paths, options.all_excludes):
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return sorted(unique, key=display_path)


def _lint_stdin(args: argparse.Namespace, options: Options) -> FileResult:
    name = args.stdin_filename or "stdin"
    source = decode_source(sys.stdin.buffer.read())
    findings = lint_source(source, name, options, Selection(options))
    shown = display_path(name) if args.stdin_filename else name
    return FileResult(shown, tuple(Reported(shown, f.line, f.col + 1, f.code, f.message) for f in findings))


def run_check(args: argparse.Namespace) -> int:
    cwd = Path.cwd()
    try:
        options = resolve_options(_cli_options(args), cwd, args.config, args.isolated)
    except ConfigError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_ERROR
    paths: list[str] = args.paths or ["."]
    file_paths = [path for path in paths if path != "-"]
    try:
        files = _files(file_paths, options)
    except FileNotFoundError as error:
        print(f"{PROG}: no such file or folder: {error}", file=sys.stderr)
        return EXIT_ERROR
    jobs = args.jobs or default_jobs()
    progress = Progress(len(files), sys.stderr)
    try:
        results = lint_files(files, options, jobs, progress)
        if "-" in paths:
            results.append(_lint_stdin(args, options))
    except Exception as error:  # a worker died (out of memory, killed): the run is incomplete
        progress.finish()
        print(f"{PROG}: internal error: {error.__class__.__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR
    progress.finish()

    errors = [result.error for result in results if result.error]
    for message in errors:
        print(f"{PROG}: {message}", file=sys.stderr)
    findings = sorted(finding for result in results for finding in result.findings)
    try:
        _write(FORMATTERS[args.format](findings), args.output_file)
    except OSError as error:
        print(f"{PROG}: cannot write {args.output_file}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if findings and not args.exit_zero else EXIT_CLEAN


def _write(report: str, output_file: str | None) -> None:
    if output_file is None:
        _emit(report, sys.stdout)
        return
    with open(output_file, "w", encoding="utf-8") as handle:
        handle.write(report)


def _emit(report: str, stream: TextIO) -> None:
    try:
        stream.write(report)
    except UnicodeEncodeError:  # a terminal that cannot show a character of a message
        stream.write(report.encode(stream.encoding or "ascii", errors="replace").decode(stream.encoding or "ascii"))
    stream.flush()
