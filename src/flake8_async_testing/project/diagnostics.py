"""Problems with the user's files, said once per process on stderr in one plain line."""

from __future__ import annotations

import sys

_already_said: set[str] = set()


def warn_once(message: str) -> None:
    """Print ``message`` on stderr unless this process has printed it already."""
    if message in _already_said:
        return
    _already_said.add(message)
    print(f"flake8-async-testing: {message}", file=sys.stderr)
