"""ATP3xx

Codes:  objects and fixtures that outlive, or belong to, the wrong event loop.:ATP301 loop-object-at-import, ATP302 session-fixture-function-backend, ATP303 removed-event-loop-fixture, ATP304 anyio-backend-unpinned.
"""

from __future__ import annotations

from flake8_async_testing.rules.base import Rule

RULES: tuple[type[Rule], ...] = ()
