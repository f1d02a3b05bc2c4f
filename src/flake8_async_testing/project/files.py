"""Reading the user's files defensively: any failure becomes ``None`` and one warning."""

from __future__ import annotations

import ast
import functools
import os
import sys
import tokenize
import warnings
from pathlib import Path
from typing import Any

from flake8_async_testing.project.diagnostics import warn_once

# A conftest or app module larger than this is not read: the rules that need it stay silent.
MAX_READ_BYTES = 2_000_000


def is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def module_file(dotted: str, importer: Path | None, bases: tuple[Path, ...]) -> Path | None:
    """The project file of module ``dotted`` (``x.y`` or, relative to ``importer``, ``.x``).

    Absolute names are looked up under ``bases`` in order; ``mod.py`` before ``mod/__init__.py``.
    A bare package (``.``) is its ``__init__.py``. Nothing is imported.
    """
    level = len(dotted) - len(dotted.lstrip("."))
    parts = [part for part in dotted.lstrip(".").split(".") if part]
    if level:
        if importer is None:
            return None
        base = importer.parent
        for _ in range(level - 1):
            base = base.parent
        bases = (base,)
    relative = Path(*parts) if parts else Path()
    for base in bases:
        candidates = [base / relative / "__init__.py"]
        if parts:
            candidates.insert(0, (base / relative).with_suffix(".py"))
        for candidate in candidates:
            if is_file(candidate):
                return candidate
    return None


def read_text(path: Path) -> str | None:
    """The decoded text of a Python or config file (PEP 263 aware), or ``None``."""
    try:
        if path.stat().st_size > MAX_READ_BYTES:
            warn_once(f"{path}: skipped, larger than {MAX_READ_BYTES} bytes")
            return None
        with tokenize.open(path) as handle:
            return handle.read()
    except (OSError, SyntaxError, UnicodeDecodeError, LookupError) as error:
        warn_once(f"{path}: cannot be read ({error.__class__.__name__}: {error})")
        return None


def parse_source(text: str, path: Path) -> ast.Module | None:
    """The ``ast`` of ``text`` read from ``path``, or ``None`` (and one warning) when it does not parse."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text, filename=os.fspath(path))
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        warn_once(f"{path}: cannot be parsed ({error.__class__.__name__}); rules that need it stay silent")
        return None


@functools.lru_cache(maxsize=256)
def load_toml(path: Path) -> dict[str, Any] | None:
    """A parsed TOML file, once per process: every folder below a project reads the same
    ``pyproject.toml`` for its config and its dependencies. Callers must not modify the result."""
    text = read_text(path)
    if text is None:
        return None
    # Imported here, only when a TOML file exists: off the start-up path.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        warn_once(f"{path}: malformed TOML ({error}); its settings are ignored")
        return None
