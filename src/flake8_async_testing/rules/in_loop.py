"""ATP2xx

Codes:  code that blocks, nests or forgets the running event loop.:ATP201 testclient-in-async, ATP202 nested-loop-run, ATP203 unawaited-coroutine.
"""

from __future__ import annotations

from flake8_async_testing.rules.base import Rule

RULES: tuple[type[Rule], ...] = ()
