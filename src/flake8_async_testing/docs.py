"""Rule documentation rendered from the rules themselves: the README section and ``explain``."""

from __future__ import annotations

from flake8_async_testing.rules import ALL_RULES, RULES_BY_CODE
from flake8_async_testing.rules.base import Rule

README_START = "<!-- rules:start (generated from the rule docstrings: python tools/update_readme.py) -->"
README_END = "<!-- rules:end -->"
DOCS_URL = "https://github.com/flake8-async-testing/flake8-async-testing#"


def anchor(rule: Rule) -> str:
    return f"{rule.code.lower()}-{rule.name}"


def rule_table() -> str:
    rows = ["| Code | Name | What it finds |", "|---|---|---|"]
    rows += [f"| [{rule.code}](#{anchor(rule)}) | `{rule.name}` | {rule.summary} |" for rule in ALL_RULES]
    return "\n".join(rows)


def _demote_headings(text: str) -> str:
    return "\n".join("##" + line if line.startswith("## ") else line for line in text.splitlines())


def rule_section(rule: Rule) -> str:
    return f"### {rule.code} {rule.name}\n\n{_demote_headings(rule.documentation())}"


def readme_rules_section() -> str:
    body = "\n\n".join([rule_table(), *(rule_section(rule) for rule in ALL_RULES)])
    return f"{README_START}\n{body}\n{README_END}"


def replace_readme_section(readme: str) -> str:
    start = readme.index(README_START)
    end = readme.index(README_END) + len(README_END)
    return readme[:start] + readme_rules_section() + readme[end:]


def explain(code: str) -> str | None:
    rule = RULES_BY_CODE.get(code.upper())
    if rule is None:
        return None
    return f"{rule.code} {rule.name}: {rule.summary}\n\n{rule.documentation()}\n"


def help_uri(rule: Rule) -> str:
    return DOCS_URL + anchor(rule)
