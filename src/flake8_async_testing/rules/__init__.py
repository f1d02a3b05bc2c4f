"""Every rule, one module per family; ``ALL_RULES`` is the single source for docs and checks."""

from __future__ import annotations

from flake8_async_testing.rules import asgi_apps, in_loop, loop_lifetime, running
from flake8_async_testing.rules.base import Rule

FAMILIES = (running, in_loop, loop_lifetime, asgi_apps)
RULE_CLASSES: tuple[type[Rule], ...] = tuple(cls for family in FAMILIES for cls in family.RULES)
ALL_RULES: tuple[Rule, ...] = tuple(cls() for cls in sorted(RULE_CLASSES, key=lambda cls: cls.code))
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in ALL_RULES}
