"""Lint many files with the plugin's own engine: in this process, or in parallel on every core.

Each file is read as bytes, decoded like Python, parsed with ``ast`` and handed to
``engine.lint_tree`` exactly as the flake8 plugin does; a file that does not parse is skipped (flake8
reports it as E999, which is not ours to report). Files are sorted and cut into contiguous chunks so
that one worker sees a folder's files together and builds its project model once.
"""

from __future__ import annotations

import ast
import concurrent.futures
import contextlib
import gc
import multiprocessing
import os
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from flake8_async_testing.cli.config import Options
from flake8_async_testing.cli.files import decode_source, display_path
from flake8_async_testing.cli.noqa import Selection, file_is_skipped, filter_findings
from flake8_async_testing.engine import lint_tree
from flake8_async_testing.rules.base import Finding

# Below this many files a pool costs more than it saves.
MIN_FILES_FOR_POOL = 8
# Show progress on a terminal from this many files on.
PROGRESS_MIN_FILES = 100
# The models are many small objects that live for one file: collect the young generation less often
# (about 20% less time on a large suite).
GC_THRESHOLD = (100_000, 50, 100)


@dataclass(frozen=True, order=True)
class Reported:
    """One finding as printed: ``col`` is flake8's number (the ``ast`` UTF-8 byte offset plus one);
    ``char_col`` is the 1-based column in characters (for SARIF), the same on ASCII lines."""

    path: str
    line: int
    col: int
    code: str
    message: str
    char_col: int = 0


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Reported, ...]
    error: str | None = None


def lint_source(source: str, filename: str, options: Options, selection: Selection) -> list[Finding]:
    """The reported findings for one file's text (``filename`` locates its project)."""
    if file_is_skipped(source):
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning for invalid escapes and the like
            tree = ast.parse(source, filename=filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    findings = lint_tree(tree, filename, options.settings, source)
    return filter_findings(findings, source, selection)


def lint_file(path: str, options: Options, selection: Selection, display: str | None = None) -> FileResult:
    shown = display if display is not None else display_path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return FileResult(shown, (), f"{shown}: cannot be read ({error.strerror or error})")
    try:
        source = decode_source(data)
        findings = lint_source(source, path, options, selection)
    except Exception as error:  # an internal failure must not hide the other files' findings
        where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        place = f" at {os.path.basename(where.filename)}:{where.lineno}" if where else ""
        return FileResult(shown, (), f"{shown}: internal error ({error.__class__.__name__}: {error}{place})")
    lines = source.splitlines() if findings else []
    return FileResult(
        shown,
        tuple(
            Reported(shown, f.line, f.col + 1, f.code, f.message, _char_column(lines, f.line, f.col)) for f in findings
        ),
    )


def _char_column(lines: list[str], line: int, byte_offset: int) -> int:
    if not 0 < line <= len(lines) or lines[line - 1].isascii():
        return byte_offset + 1
    return len(lines[line - 1].encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore")) + 1


def lint_chunk(paths: Sequence[str], options: Options) -> list[FileResult]:
    selection = Selection(options)
    return [lint_file(path, options, selection) for path in paths]


class Progress:
    """``checked N/M files`` on a terminal's stderr, rewritten in place at most ten times a second."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self._shown_at = 0.0
        self.enabled = total >= PROGRESS_MIN_FILES and _is_terminal(stream)

    def advance(self, count: int) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._shown_at >= 0.1 or self.done == self.total:
            self._shown_at = now
            self.stream.write(f"\rflake8-async-testing: checked {self.done}/{self.total} files")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _chunks(paths: Sequence[str], jobs: int) -> list[list[str]]:
    size = max(1, min(64, -(-len(paths) // (jobs * 4))))
    return [list(paths[start : start + size]) for start in range(0, len(paths), size)]


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _worker_setup() -> None:
    gc.freeze()  # what the worker inherited is never garbage: keep it out of every collection
    gc.set_threshold(*GC_THRESHOLD)


def _pool(jobs: int) -> concurrent.futures.ProcessPoolExecutor:
    # fork reuses the imported engine (no per-worker import); it is safe here, this process has no threads.
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        return concurrent.futures.ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_setup)
    return concurrent.futures.ProcessPoolExecutor(jobs, initializer=_worker_setup)


def lint_files(paths: Sequence[str], options: Options, jobs: int, progress: Progress | None = None) -> list[FileResult]:
    """Every file's result, in the order of ``paths``."""
    advance: Callable[[int], None] = progress.advance if progress is not None else (lambda count: None)
    if jobs <= 1 or len(paths) < MIN_FILES_FOR_POOL:
        selection = Selection(options)
        results = []
        with _fewer_collections():
            for path in paths:
                results.append(lint_file(path, options, selection))
                advance(1)
        return results
    chunks = _chunks(paths, jobs)
    by_chunk: dict[int, list[FileResult]] = {}
    with _pool(min(jobs, len(chunks))) as pool:
        futures = {pool.submit(lint_chunk, chunk, options): index for index, chunk in enumerate(chunks)}
        for future in concurrent.futures.as_completed(futures):
            index = futures[future]
            by_chunk[index] = future.result()
            advance(len(chunks[index]))
    return [result for index in range(len(chunks)) for result in by_chunk[index]]
