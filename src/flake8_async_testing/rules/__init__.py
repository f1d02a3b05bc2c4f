"""Every rule, one module per family; ``ALL_RULES`` is the single source for docs and checks."""

from __future__ import annotations

from flake8_async_testing.rules.base import Rule
from flake8_async_testing.rules.running import UnmarkedAsyncTest

RULE_CLASSES: tuple[type[Rule], ...] = (UnmarkedAsyncTest,)
ALL_RULES: tuple[Rule, ...] = tuple(cls() for cls in sorted(RULE_CLASSES, key=lambda cls: cls.code))
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in ALL_RULES}
