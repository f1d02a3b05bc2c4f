"""Calls found from the file's text: only the statements on lines that name what a rule looks for are walked.

A rule that looks for calls of a few known names (``TestClient(...)``, ``client.websocket_connect(...)``)
needs only the statements whose lines mention one of them: any call that names one lies inside such a
statement. Finding those lines is a string search over the text, at C speed; walking only those
statements skips the rest of the tree, which is most of it.
"""

from __future__ import annotations

import ast
from weakref import WeakKeyDictionary

from flake8_async_testing.module.text import (
    block_spans_a_line,
    lines_followed_by,
    lines_mentioning,
    node_spans_a_line,
    spans_a_line,
)
from flake8_async_testing.module.walk import BLOCK_FIELDS, FunctionDefNode, calls_below

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


class CallSites:
    """Calls with the def they run in (``None`` at module or class level), and the parent of each call
    (and of the walked statements and headers; module-level statements left out)."""

    def __init__(self) -> None:
        self.calls: list[tuple[ast.Call, FunctionDefNode | None]] = []
        self.parents: dict[ast.AST, ast.AST] = {}


# module -> ((words, follower) -> its call sites), shared by the rules that ask for the same words
_SITES: WeakKeyDictionary[ast.Module, dict[tuple[tuple[str, ...], str], CallSites]] = WeakKeyDictionary()


def call_sites(tree: ast.Module, source: str | None, words: tuple[str, ...], *, followed_by: str = "") -> CallSites:
    """Every call in a statement whose lines mention one of ``words`` (all calls when the text is unknown);
    with ``followed_by``, only where a word is followed by it (``lines_followed_by``): ``"("`` for a rule
    that wants the calls whose callee is one of the words, ``"="`` for calls with such a keyword argument.

    A def's decorators, defaults and annotations count as inside it; of a statement's own parts (each
    decorator, base, target, header expression) only those on such lines are walked, and a compound
    statement's block is filtered statement by statement. Worked out once per tree and words.
    """
    by_words = _SITES.get(tree)
    if by_words is None:
        by_words = _SITES[tree] = {}
    sites = by_words.get((words, followed_by))
    if sites is None:
        lines = lines_followed_by(source, words, followed_by) if followed_by else lines_mentioning(source, words)
        sites = by_words[(words, followed_by)] = _collect(tree, lines)
    return sites


def _collect(tree: ast.Module, lines: list[int] | None) -> CallSites:
    sites = CallSites()
    if lines == []:
        return sites
    # (statement, its parent, the def it runs in); reversed so that calls come out in source order
    pending: list[tuple[ast.stmt, ast.AST, FunctionDefNode | None]] = [
        (statement, tree, None) for statement in reversed(tree.body)
    ]
    while pending:
        statement, parent, scope = pending.pop()
        if not node_spans_a_line(statement, lines):
            continue
        if parent is not tree:  # the cache entry must not hold its own key
            sites.parents[statement] = parent
        inner_scope = statement if isinstance(statement, _DEFS) else scope
        blocks: list[ast.AST] = []
        for name in statement._fields:
            value = getattr(statement, name, None)
            if name in BLOCK_FIELDS and isinstance(value, list):
                blocks.extend(value)
            elif isinstance(value, ast.AST):
                if node_spans_a_line(value, lines):
                    _walk_expression(value, statement, inner_scope, sites)
            elif isinstance(value, list):
                for item in value:
                    # each decorator, base or target on its own: a long ``parametrize`` list need not be walked
                    if isinstance(item, ast.AST) and node_spans_a_line(item, lines):
                        _walk_expression(item, statement, inner_scope, sites)
        if block_spans_a_line(blocks, lines):
            for block_item in reversed(blocks):
                _push_block_item(block_item, statement, inner_scope, pending, sites)
    return sites


def _push_block_item(
    item: ast.AST,
    parent: ast.AST,
    scope: FunctionDefNode | None,
    pending: list[tuple[ast.stmt, ast.AST, FunctionDefNode | None]],
    sites: CallSites,
) -> None:
    if isinstance(item, ast.stmt):
        pending.append((item, parent, scope))
        return
    # an ``except`` handler or a ``match`` case: its own header, then its statements
    sites.parents[item] = parent
    for name in item._fields:
        value = getattr(item, name, None)
        if name == "body" and isinstance(value, list):
            for statement in reversed(value):
                pending.append((statement, item, scope))
        elif isinstance(value, ast.AST):
            _walk_expression(value, item, scope, sites)


def _walk_expression(node: ast.AST, parent: ast.AST, scope: FunctionDefNode | None, sites: CallSites) -> None:
    """The calls in ``node`` and below it (lambdas included), in pre-order, each with its parent."""
    sites.parents[node] = parent
    for call, above in calls_below(node, parent, enter_scopes=True):
        sites.parents[call] = above
        sites.calls.append((call, scope))


def mentions_within(statement: ast.stmt, source: str | None, *words: str) -> bool:
    """False only when no line of ``statement`` (decorators included) has one of the identifiers ``words``."""
    return node_spans_a_line(statement, lines_mentioning(source, words))


def mentioned_at_module_level(tree: ast.Module, source: str | None, words: tuple[str, ...]) -> bool:
    """Whether a statement that runs at module level (not in a def or class body), other than an import,
    may have one of ``words``.

    For a compound statement only its header counts here; its block's statements are looked at one by one.
    """
    lines = lines_mentioning(source, words)
    if lines == []:
        return False
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        statement = pending.pop()
        if isinstance(statement, (*_DEFS, ast.ClassDef, ast.Import, ast.ImportFrom)):
            continue  # an import names things without making any
        blocks = [value for name in BLOCK_FIELDS if isinstance(value := getattr(statement, name, None), list)]
        inner = [item for block in blocks for item in block]
        if not inner:
            if node_spans_a_line(statement, lines):
                return True
            continue
        first_inner = min(getattr(item, "lineno", statement.lineno) for item in inner)
        if spans_a_line(statement.lineno, max(statement.lineno, first_inner - 1), lines):
            return True
        for item in inner:
            if isinstance(item, ast.stmt):
                pending.append(item)
            else:  # an ``except`` handler or a ``match`` case: its header line, then its statements
                if spans_a_line(item.lineno, item.lineno, lines):
                    return True
                pending.extend(item.body)
    return False
