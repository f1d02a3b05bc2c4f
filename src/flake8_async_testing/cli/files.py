"""Which files to lint, and their text decoded the way Python (and flake8) decode source.

Discovery follows flake8: every ``*.py`` under the folders given, pruning folders and files whose
base name or absolute path matches an exclude pattern (``fnmatch``); a file named on the command
line is linted whatever its name, unless it is excluded itself.
"""

from __future__ import annotations

import fnmatch
import io
import os
import tokenize
from collections.abc import Iterator, Sequence

PYTHON_PATTERNS = ("*.py",)


def is_excluded(path: str, patterns: Sequence[str]) -> bool:
    if not patterns:
        return False
    basename = os.path.basename(path)
    if basename not in {".", ".."} and any(fnmatch.fnmatch(basename, pattern) for pattern in patterns):
        return True
    absolute = os.path.abspath(path)
    return any(fnmatch.fnmatch(absolute, pattern) for pattern in patterns)


def display_path(path: str) -> str:
    """The path as printed: relative paths normalized (no ``./``), absolute ones kept absolute."""
    return os.path.normpath(path)


def discover(paths: Sequence[str], excludes: Sequence[str]) -> Iterator[str]:
    """The files to lint, in walk order (the caller sorts); missing paths raise ``FileNotFoundError``."""
    for argument in paths:
        if is_excluded(argument, excludes):
            continue
        if os.path.isdir(argument):
            for root, folders, files in os.walk(argument):
                folders[:] = sorted(f for f in folders if not is_excluded(os.path.join(root, f), excludes))
                for name in files:
                    joined = os.path.join(root, name)
                    if any(fnmatch.fnmatch(name, pattern) for pattern in PYTHON_PATTERNS) and not is_excluded(
                        joined, excludes
                    ):
                        yield joined
        elif os.path.exists(argument):
            yield argument
        else:
            raise FileNotFoundError(argument)


def decode_source(data: bytes) -> str:
    """Source text as ``tokenize.open`` gives it (PEP 263 cookie or BOM, universal newlines).

    An undecodable file falls back to latin-1, like flake8, so that its findings still match.
    """
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        text = data.decode("latin-1")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
