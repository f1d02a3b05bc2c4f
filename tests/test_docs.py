"""The rule catalog, its docs, and the README are one source kept in step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flake8_async_testing.docs import README_END, README_START, explain, readme_rules_section
from flake8_async_testing.rules import ALL_RULES
from flake8_async_testing.rules.base import DOC_SECTIONS, Rule

README = Path(__file__).resolve().parent.parent / "README.md"

# Fixed in the foundation issue: users put these in noqa comments and configs.
CATALOG = {
    "ATP101": "unmarked-async-test",
    "ATP102": "unhandled-async-fixture",
    "ATP103": "marker-on-sync-test",
    "ATP104": "async-generator-test",
    "ATP105": "mixed-async-plugins",
    "ATP201": "testclient-in-async",
    "ATP202": "nested-loop-run",
    "ATP203": "unawaited-coroutine",
    "ATP301": "loop-object-at-import",
    "ATP302": "session-fixture-function-backend",
    "ATP303": "removed-event-loop-fixture",
    "ATP304": "anyio-backend-unpinned",
    "ATP401": "overrides-not-cleared",
    "ATP402": "lifespan-not-run",
    "ATP403": "asyncclient-app-shortcut",
    "ATP404": "asyncclient-websocket",
}


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_rule_code_and_name_are_from_the_catalog(rule: Rule) -> None:
    assert CATALOG.get(rule.code) == rule.name


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_rule_docs_have_the_five_sections_in_order(rule: Rule) -> None:
    headings = re.findall(r"^## (.+)$", rule.documentation(), flags=re.MULTILINE)
    assert headings == list(DOC_SECTIONS)
    assert "```python" in rule.documentation()


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_message_is_one_line_sentence_without_final_period(rule: Rule) -> None:
    assert "\n" not in rule.message
    assert rule.message[0].isupper()
    assert not rule.message.endswith(".")
    assert rule.summary and "\n" not in rule.summary


def test_readme_rules_section_is_generated_from_the_rules() -> None:
    readme = README.read_text(encoding="utf-8")
    start, end = readme.index(README_START), readme.index(README_END) + len(README_END)
    assert readme[start:end] == readme_rules_section(), "run: python tools/update_readme.py"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_explain_prints_the_full_docs(rule: Rule) -> None:
    text = explain(rule.code.lower())
    assert text is not None
    for section in DOC_SECTIONS:
        assert f"## {section}" in text


def test_explain_unknown_code() -> None:
    assert explain("ATP999") is None
