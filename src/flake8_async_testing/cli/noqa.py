"""Which findings are reported: ``--select`` / ``--ignore`` by prefix and ``# noqa`` comments, as flake8 does.

Selection follows flake8's decision rules: a code is reported when a select prefix matches it and
no ignore prefix does; when both match, an explicit choice beats an implicit one (the default
``select = ATP`` is implicit), and between two of the same kind the longer prefix wins (a tie ignores).

``# noqa`` follows flake8's inline semantics: ``# noqa`` (any case) silences every code on the line;
``# noqa: ATP101,ATP2`` (or ``# noqa:ATP101 ATP2``) silences the codes that start with a listed
prefix. The comment applies to every physical line of the statement line it ends, so a finding inside
a multi-line string or a backslash-continued line is silenced by the comment after it. A line
``# flake8: noqa`` on its own skips the whole file.
"""

from __future__ import annotations

import functools
import io
import re
import tokenize
from collections.abc import Iterable

from flake8_async_testing.cli.config import Options
from flake8_async_testing.rules.base import Finding

NOQA_INLINE = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.IGNORECASE)
NOQA_FILE = re.compile(r"\s*# flake8[:=]\s*noqa", re.IGNORECASE)
_CODE_SPLIT = re.compile(r"[,\s]")


class Selection:
    """flake8's select/ignore decision for one set of options, cached per code."""

    def __init__(self, options: Options) -> None:
        explicit = (*options.select, *options.extend_select) if options.select_explicit else options.extend_select
        self._explicit_select = _longest_first(explicit)
        self._select = _longest_first((*options.select, *options.extend_select))
        self._ignore = _longest_first((*options.ignore, *options.extend_ignore))
        self._cache: dict[str, bool] = {}

    def reports(self, code: str) -> bool:
        decision = self._cache.get(code)
        if decision is None:
            decision = self._cache[code] = self._decide(code)
        return decision

    def _decide(self, code: str) -> bool:
        select = next((prefix for prefix in self._select if code.startswith(prefix)), None)
        ignore = next((prefix for prefix in self._ignore if code.startswith(prefix)), None)
        if select is None:
            return False
        if ignore is None:
            return True
        # Every ignore prefix is explicit (this command has no default ignore list): an implicit
        # select (the default ``ATP``) loses, an explicit one wins only with a longer prefix.
        if not code.startswith(self._explicit_select):
            return False
        return len(select) > len(ignore)


def _longest_first(prefixes: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(prefixes), key=lambda prefix: (-len(prefix), prefix)))


def file_is_skipped(source: str) -> bool:
    """A ``# flake8: noqa`` line skips the whole file, as in flake8."""
    if "noqa" not in source.lower():
        return False
    return any(NOQA_FILE.match(line) for line in source.splitlines())


@functools.lru_cache(maxsize=1024)
def _silences(line: str, code: str) -> bool:
    match = NOQA_INLINE.search(line)
    if match is None:
        return False
    codes_text = match.group("codes")
    if codes_text is None:
        return True
    codes = tuple(item.strip() for item in _CODE_SPLIT.split(codes_text) if item.strip())
    return code in codes or code.startswith(codes)


def _statement_lines(source: str, lines: list[str]) -> dict[int, str]:
    """Line number -> the text of the whole token line it belongs to (flake8's noqa line mapping)."""
    mapping: dict[int, str] = {}
    first, last = len(lines) + 2, -1
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in (tokenize.ENDMARKER, tokenize.DEDENT):
                continue
            first = min(first, token.start[0])
            last = max(last, token.end[0])
            if token.type in (tokenize.NL, tokenize.NEWLINE):
                joined = "".join(lines[first - 1 : last])
                for number in range(first, last + 1):
                    mapping[number] = joined
                first, last = len(lines) + 2, -1
    except (tokenize.TokenError, SyntaxError):
        return {}
    return mapping


def filter_findings(findings: list[Finding], source: str, selection: Selection) -> list[Finding]:
    """The findings that are selected and not silenced by a ``# noqa`` comment."""
    chosen = [finding for finding in findings if selection.reports(finding.code)]
    if not chosen or "noqa" not in source.lower():
        return chosen
    lines = source.splitlines(keepends=True)
    mapping = _statement_lines(source, lines)
    kept = []
    for finding in chosen:
        text = mapping.get(finding.line)
        if text is None:
            text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        if not _silences(text, finding.code):
            kept.append(finding)
    return kept
