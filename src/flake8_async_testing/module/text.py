"""Cheap questions about a file's text, asked before any walk of its tree."""

from __future__ import annotations

import ast
import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence

_LINE_END = re.compile(r"\r\n|\r|\n")
# the text; the form searched (``_searchable``); its lines by word and by tuple of words; whether it has
# old Mac line ends
_CACHE: tuple[str | None, str, dict[str | tuple[str, ...], list[int]], bool] = (None, "", {}, False)
# the searched text last split into lines, and its lines
_LINES: tuple[str | None, list[str]] = (None, [])
# the text outside ASCII last made searchable, and its searchable form
_SEARCHABLE: tuple[str | None, str] = (None, "")
_IDENTIFIER_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def text_may_mention(text: str | None, words: tuple[str, ...]) -> bool:
    """False only when ``text`` certainly has none of the identifiers ``words`` (a cheap pre-filter).

    Unknown text always answers True; text outside ASCII is searched as ``_searchable`` gives it.
    """
    if text is None:
        return True
    text = _searchable(text)
    return any(next(_whole_word_starts(text, word), None) is not None for word in words)


def _searchable(text: str) -> str:
    """``text`` as Python spells its identifiers: NFKC-normalised, so that ``ｇｅｔ`` is found as ``get``.

    Normalising only adds mentions (inside strings and comments, too), never hides one, and keeps
    every line where it was: no character normalises to a line break. ASCII text is its own form.
    """
    if text.isascii():
        return text
    global _SEARCHABLE
    if _SEARCHABLE[0] is not text:
        import unicodedata  # here, not at the top: most files are ASCII, and a cold editor lint pays imports

        _SEARCHABLE = (text, unicodedata.normalize("NFKC", text))
    return _SEARCHABLE[1]


def text_of_lines(source: str | None, spans: Iterable[tuple[int, int]]) -> str | None:
    """The text of the line ranges ``spans`` (first and last line, from 1) of ``source``, one after the
    other: for a pre-filter that asks about a few statements only (NFKC-normalised outside ASCII, as
    ``text_may_mention`` searches). ``None`` when the text is unknown or has old Mac line ends (whose
    line numbers ``str.split`` would not match).
    """
    if source is None:
        return None
    text, _, lone_cr = _cache_for(source)
    if lone_cr:
        return None
    global _LINES
    if _LINES[0] is not text:
        _LINES = (text, text.split("\n"))
    lines = _LINES[1]
    return "\n".join("\n".join(lines[first - 1 : end]) for first, end in spans)


def lines_mentioning(source: str | None, words: Iterable[str]) -> list[int] | None:
    """The sorted numbers of the lines where one of the identifiers ``words`` appears as a whole word.

    ``None`` when the text is unknown: every line may mention them. Outside ASCII the text searched is
    NFKC-normalised, as Python reads identifiers (``_searchable``). Each word is looked up once per
    text, with ``str.find`` rather than a regular expression: word sets vary frame by frame, and
    compiling a pattern costs more than a scan.
    """
    return lines_followed_by(source, words if isinstance(words, tuple) else tuple(words), "")


# What may stand between an identifier and the token that follows it in the same expression: blanks, line
# breaks (escaped or not), comments; before a call's parenthesis also the closing parentheses of a
# parenthesized callee (``(TestClient)(app)``). ``=`` not followed by ``=``: a keyword argument or assignment.
_FOLLOWERS = {
    "(": re.compile(r"(?:[\s)\\]|#[^\n]*)*\("),
    "=": re.compile(r"(?:[\s\\]|#[^\n]*)*=(?!=)"),
}


def lines_followed_by(source: str | None, words: tuple[str, ...], follower: str) -> list[int] | None:
    """The sorted lines where one of the identifiers ``words`` stands as a whole word followed by
    ``follower`` (``"("``: a call's parenthesis, so a call whose callee is ``x.TestClient`` or ``TC``
    spans such a line; ``"="``: a keyword argument's or an assignment's ``=``; ``""``: anything, as
    ``lines_mentioning``), blanks, comments and line breaks allowed between. ``None`` as for
    ``lines_mentioning``."""
    if source is None:
        return None
    text, cache, lone_cr = _cache_for(source)
    key = (follower, *words) if follower else words  # a follower is no identifier: no clash between keys
    known = cache.get(key)
    if known is not None:
        return known
    follows = _FOLLOWERS[follower].match if follower else None
    found: set[int] = set()
    for word in words:
        lines = cache.get(word + follower)
        if lines is None:
            starts: Iterable[int] = _whole_word_starts(text, word)
            if follows is not None:
                starts = [start for start in starts if follows(text, start + len(word))]
            lines = cache[word + follower] = _lines_of(text, starts, lone_cr)
        found.update(lines)
    cache[key] = result = sorted(found)
    return result


def lines_naming_attributes(source: str | None, names: tuple[str, ...]) -> list[int] | None:
    """The sorted lines where one of the identifiers ``names`` stands after a ``.`` (blanks and line
    breaks allowed between), as a method does in ``client.get(...)``; ``None`` as for
    ``lines_mentioning``. One search for all the names at once: rules ask with a few fixed sets of
    common names (``get``, ``post``, ...), whose letters also stand inside many other words."""
    if source is None:
        return None
    text, cache, lone_cr = _cache_for(source)
    key = (".", *names)
    known = cache.get(key)
    if known is None:
        ends = (match.end() for match in _attribute_pattern(names).finditer(text))
        known = cache[key] = _lines_of(text, ends, lone_cr)
    return known


@functools.lru_cache(maxsize=16)
def _attribute_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\.(?:\s|\\\n)*(?:%s)(?![A-Za-z0-9_])" % "|".join(map(re.escape, names)))


def node_spans_a_line(node: ast.AST, lines: list[int] | None) -> bool:
    """Whether ``node`` covers one of the sorted ``lines`` (``None``: every line); a decorated def or
    class starts at its first decorator; a node without a position (``arguments``) is assumed to."""
    if lines is None:
        return True
    first = _first_line(node)
    if first is None:
        return True
    index = bisect.bisect_left(lines, first)  # asked for every statement of a walk: ``spans_a_line`` inlined
    return index < len(lines) and lines[index] <= (node.end_lineno or first)  # type: ignore[attr-defined]


def block_spans_a_line(block: Sequence[ast.AST], lines: list[int] | None) -> bool:
    """Whether the statements of ``block`` (in source order) together cover one of the sorted ``lines``:
    when they do not, a walk skips the whole block instead of asking statement by statement."""
    if lines is None or not block:
        return lines is None
    first, last = _first_line(block[0]), getattr(block[-1], "end_lineno", None)
    if first is None or last is None:
        return True  # ``match`` cases have no position of their own
    return spans_a_line(first, last, lines)


_DECORATED = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})


def _first_line(node: ast.AST) -> int | None:
    """Where ``node`` starts: a decorated def or class at its first decorator; ``None`` without a position."""
    first: int | None = getattr(node, "lineno", None)
    if first is not None and type(node) in _DECORATED:
        decorators = node.decorator_list  # type: ignore[attr-defined]
        if decorators:
            first = min(first, decorators[0].lineno)
    return first


def spans_a_line(first: int, last: int, lines: list[int] | None) -> bool:
    """Whether one of the sorted ``lines`` (``None``: every line) lies within ``first..last``."""
    if lines is None:
        return True
    index = bisect.bisect_left(lines, first)
    return index < len(lines) and lines[index] <= last


def _cache_for(source: str) -> tuple[str, dict[str | tuple[str, ...], list[int]], bool]:
    """The text to search for ``source`` (``_searchable``), the words looked up in it so far, and
    whether it has old Mac line ends.

    One file at a time: several rules ask about the same text, then it is never seen again. What is
    true of the whole text is found once here, not again for every word.
    """
    global _CACHE
    if _CACHE[0] is not source:
        text = _searchable(source)
        lone_cr = "\r" in text and text.count("\r") != text.count("\r\n")
        _CACHE = (source, text, {}, lone_cr)
    return _CACHE[1], _CACHE[2], _CACHE[3]


def _whole_word_starts(source: str, word: str) -> Iterator[int]:
    """Where ``word`` stands in ``source`` as a whole identifier (not inside a longer one), in order."""
    if not word:
        return
    start = source.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or source[start - 1] not in _IDENTIFIER_CHARS) and (
            end == len(source) or source[end] not in _IDENTIFIER_CHARS
        ):
            yield start
        start = source.find(word, end)


def _lines_of(source: str, offsets: Iterable[int], lone_cr: bool) -> list[int]:
    """The line of each offset in ``offsets`` (ascending), each line once."""
    found: list[int] = []
    line, counted_to = 1, 0
    for offset in offsets:
        if lone_cr:  # old Mac line ends: rare enough to count the slow way
            line = len(_LINE_END.findall(source, 0, offset)) + 1
        else:
            line += source.count("\n", counted_to, offset)
            counted_to = offset
        if not found or found[-1] != line:
            found.append(line)
    return found
