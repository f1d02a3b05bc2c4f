"""ATP4xx

Codes:  the app under test and the client that drives it.:ATP401 overrides-not-cleared, ATP402 lifespan-not-run, ATP403 asyncclient-app-shortcut, ATP404 asyncclient-websocket.
"""

from __future__ import annotations

from flake8_async_testing.rules.base import Rule

RULES: tuple[type[Rule], ...] = ()
