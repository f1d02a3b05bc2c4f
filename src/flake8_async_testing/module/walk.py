"""Small ast walking helpers that stay inside one function body."""

from __future__ import annotations

import ast
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any
from weakref import WeakKeyDictionary

from flake8_async_testing.module.text import block_spans_a_line, node_spans_a_line

FunctionDefNode = ast.FunctionDef | ast.AsyncFunctionDef
_NEW_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_NEW_SCOPE_TYPES = frozenset(_NEW_SCOPES)
_SCOPES = (ast.Module, *_NEW_SCOPES)
# scope node -> its ``walk_body`` nodes, and the parent of each of them; entries go when the tree is freed
_BODY_CACHE: WeakKeyDictionary[ast.AST, tuple[tuple[ast.AST, ...], dict[ast.AST, ast.AST]]] = WeakKeyDictionary()
# module -> every node of its tree (``walk_tree``)
_TREE_CACHE: WeakKeyDictionary[ast.AST, tuple[ast.AST, ...]] = WeakKeyDictionary()


def walk_body(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below ``node`` that runs in its own frame: nested defs, lambdas and classes are skipped.

    For a scope (module, def, lambda, class) the nodes are listed once and kept while the tree lives,
    since many rules walk the same function bodies.
    """
    if not isinstance(node, _SCOPES):
        return iter(_walk_body(node, {}))
    return iter(_scope_body(node)[0])


def body_parents(scope: ast.AST) -> dict[ast.AST, ast.AST]:
    """The parent of every node ``walk_body(scope)`` yields, except ``scope``'s own children (absent).

    The cache entry lives as long as ``scope`` does: a value that held ``scope`` would keep it alive.
    """
    return _scope_body(scope)[1]


def _scope_body(scope: ast.AST) -> tuple[tuple[ast.AST, ...], dict[ast.AST, ast.AST]]:
    cached = _BODY_CACHE.get(scope)
    if cached is None:
        parents: dict[ast.AST, ast.AST] = {}
        cached = (tuple(_walk_body(scope, parents)), parents)
        _BODY_CACHE[scope] = cached
    return cached


# Fields that hold statement lists (``handlers`` and ``cases`` hold nodes whose ``body`` does).
BLOCK_FIELDS = ("body", "orelse", "finalbody", "handlers", "cases")


def calls_on_lines(
    scope: FunctionDefNode, lines: list[int] | None, *, awaited: bool = True
) -> list[tuple[ast.Call, ast.AST]]:
    """The calls among ``walk_body(scope)``'s nodes that span one of ``lines`` (sorted; ``None``: all of
    them), each with its parent, in source pre-order; nested scopes are skipped as ``walk_body`` does.

    A call spans the line of every name in it, its callee's included, so a rule that looks for calls
    naming one of a few words asks for the lines that mention them. Any node that spans none of the
    lines is skipped with all below it (its calls span none either): a statement, a block, a
    decorator, a ``parametrize`` list, an argument. Below an f-string nothing is skipped, since its
    parts' positions are not trusted on every Python version. Only calls are kept, with no list of
    every node or map of every parent: the rules that ask look for calls and their immediate parent.
    Without ``awaited``, a call that is the operand of ``await`` is left out (not what is below it).
    """
    calls: list[tuple[ast.Call, ast.AST]] = []
    if not node_spans_a_line(scope, lines):
        return calls  # asked for every frame of a file: most of them span no line of a rare word
    # the def's own parts in field order: arguments (most defs have none that can call), body,
    # decorators, returns
    roots: list[Any] = [scope.args] if _argument_parts(scope.args) else []
    if block_spans_a_line(scope.body, lines):
        roots.extend(scope.body)
    roots.extend(scope.decorator_list)
    if scope.returns is not None:
        roots.append(scope.returns)
    roots.extend(getattr(scope, "type_params", ()))  # Python 3.12+
    _calls_spanning(roots, scope, lines, calls, awaited)
    return calls


def _calls_spanning(
    roots: list[Any], parent: ast.AST, lines: list[int] | None, calls: list[tuple[ast.Call, ast.AST]], awaited: bool
) -> None:
    """The calls in ``roots`` (children of ``parent``) and below them that span one of ``lines``."""
    parent_of: dict[ast.AST, ast.AST] = {}
    stack: list[ast.AST] = []
    for root in reversed(roots):
        if isinstance(root, ast.AST) and type(root) not in _LEAF_TYPES:
            stack.append(root)
            parent_of[root] = parent
    last = len(lines) if lines is not None else 0
    on_a_line = _line_set(lines)
    while stack:
        node = stack.pop()
        node_type = type(node)
        if node_type in _NEW_SCOPE_TYPES:
            continue
        if lines is not None:
            first = getattr(node, "lineno", None)
            if first is not None:
                end = node.end_lineno  # type: ignore[attr-defined]
                if end == first:  # most nodes: one set lookup instead of a search
                    if first not in on_a_line:
                        continue
                else:
                    index = bisect_left(lines, first)
                    if index == last or lines[index] > (end or first):
                        continue
        if node_type is ast.Call:
            calls.append((node, parent_of[node]))  # type: ignore[arg-type]
        elif node_type is ast.Await and not awaited and type(node.value) is ast.Call:  # type: ignore[attr-defined]
            node = node.value  # type: ignore[attr-defined]  # left out; the calls below it are not
            node_type = ast.Call
        elif node_type is ast.JoinedStr:
            calls.extend(calls_below(node, parent_of[node], enter_scopes=False))
            continue
        children = _argument_parts(node) if node_type is ast.arguments else branch_nodes(node)  # type: ignore[arg-type]
        for child in reversed(children):
            child_type = type(child)
            if child_type is ast.Attribute:
                if type(child.value) is ast.Name:  # type: ignore[attr-defined]
                    continue  # ``name.attribute``: no call below it
            elif child_type is ast.Call or child_type is ast.JoinedStr:
                parent_of[child] = node
            stack.append(child)


# the sorted lines last asked about, as a set: a rule asks for every frame of a file with the same list
_LINE_SET: tuple[list[int] | None, frozenset[int]] = (None, frozenset())


def _line_set(lines: list[int] | None) -> frozenset[int]:
    global _LINE_SET
    if lines is None:
        return frozenset()
    if _LINE_SET[0] is not lines:
        _LINE_SET = (lines, frozenset(lines))
    return _LINE_SET[1]


def _argument_parts(arguments: ast.arguments) -> list[ast.AST]:
    """``branch_nodes(arguments)`` without the parameters whose annotation is absent or a plain name:
    nothing below those can call anything."""
    return [
        child for child in branch_nodes(arguments)
        if type(child) is not ast.arg or type(child.annotation) not in _NO_CALL_ANNOTATIONS
    ]


def calls_below(node: ast.AST, parent: ast.AST, *, enter_scopes: bool) -> Iterator[tuple[ast.Call, ast.AST]]:
    """The calls in ``node`` (whose parent is ``parent``) and below it, each with its parent, in
    pre-order; nested defs, lambdas and classes are entered only with ``enter_scopes``. Names and
    constants, which hold nothing, are not visited."""
    parent_of_call: dict[ast.AST, ast.AST] = {node: parent}
    stack: list[ast.AST] = [node]
    while stack:
        current = stack.pop()
        if type(current) is ast.Call:
            yield current, parent_of_call[current]
        if not enter_scopes and isinstance(current, _NEW_SCOPES):
            continue
        children = branch_nodes(current)
        for child in children:
            if type(child) is ast.Call:
                parent_of_call[child] = current
        children.reverse()
        stack.extend(children)


# Nodes with nothing below them: a walk for calls or statements need not visit them (half of all nodes).
_LEAF_TYPES = frozenset({ast.Name, ast.Constant, ast.Pass, ast.Break, ast.Continue, ast.Global, ast.Nonlocal})
_OPERATOR_FIELDS = frozenset({"op", "ops"})
_NO_CALL_ANNOTATIONS = frozenset({type(None), ast.Name, ast.Constant})
_BRANCH_FIELDS: dict[type, tuple[str, ...]] = {}


def branch_nodes(node: ast.AST) -> list[ast.AST]:
    """``child_nodes(node)`` without the children that hold nothing below them (names, constants,
    operators): for walks that look for calls, assignments and the like, never for names."""
    node_type = type(node)
    fields = _BRANCH_FIELDS.get(node_type)
    if fields is None:
        fields = _BRANCH_FIELDS[node_type] = tuple(
            name for name in _child_fields(node_type) if name not in _OPERATOR_FIELDS
        )
    children: list[ast.AST] = []
    for name in fields:
        value = getattr(node, name, None)
        if type(value) is list:
            for item in value:
                if item is not None and type(item) not in _LEAF_TYPES:
                    children.append(item)
        elif value is not None and type(value) not in _LEAF_TYPES:
            children.append(value)
    return children


def _collect_frame_nodes(
    node: ast.AST, parent: ast.AST, scope: ast.AST, nodes: list[ast.AST], parents: dict[ast.AST, ast.AST]
) -> None:
    """``node`` and what runs in the same frame below it, in pre-order, into ``nodes``; the parent of
    each into ``parents`` (``scope``'s own children left out, so that no cache value holds its key)."""
    stack: list[tuple[ast.AST, ast.AST]] = [(node, parent)]
    while stack:
        current, above = stack.pop()
        nodes.append(current)
        if above is not scope:
            parents[current] = above
        if isinstance(current, _NEW_SCOPES):
            continue
        for child in reversed(child_nodes(current)):
            stack.append((child, current))


def walk_tree(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and every node below it, nested scopes included, like ``ast.walk`` but in another order.

    Only for questions the order does not change (any, all, sets, dicts). A module's list is kept
    while its tree lives.
    """
    yield node
    if not isinstance(node, ast.Module):
        yield from _descendants(node)
        return
    cached = _TREE_CACHE.get(node)
    if cached is None:
        cached = tuple(_descendants(node))  # without the module itself, which would keep its entry alive
        _TREE_CACHE[node] = cached
    yield from cached


def _descendants(node: ast.AST) -> Iterator[ast.AST]:
    stack = child_nodes(node)
    while stack:
        current = stack.pop()
        yield current
        stack.extend(child_nodes(current))


def _walk_body(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> list[ast.AST]:
    """``walk_body``'s nodes in source pre-order, filling in ``parents`` on the way."""
    nodes: list[ast.AST] = []
    for child in child_nodes(node):
        _collect_frame_nodes(child, node, node, nodes, parents)
    return nodes


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """``list(ast.iter_child_nodes(node))`` without the ``ctx`` markers (``Load``/``Store``/``Del``).

    The markers are shared singletons that no rule looks at (rules read ``name.ctx`` instead); leaving
    them out saves a third of every walk.
    """
    children: list[ast.AST] = []
    for name in _child_fields(type(node)):
        value = getattr(node, name, None)
        if isinstance(value, ast.AST):
            children.append(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, ast.AST):
                    children.append(item)
    return children


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}

# Fields that the ``ast`` grammar (Parser/Python.asdl) types as identifiers, strings, ints or
# constants, never as nodes: skipping them changes no result, only saves the checks (a quarter of
# every walk). ``Constant.value`` holds a Python constant, never a node, in a parsed tree.
_LEAF_FIELDS: dict[str, frozenset[str]] = {
    name: frozenset(fields)
    for name, fields in {
        "Name": ("id",),
        "Constant": ("value", "kind"),
        "Attribute": ("attr",),
        "arg": ("arg", "type_comment"),
        "keyword": ("arg",),
        "alias": ("name", "asname"),
        "FunctionDef": ("name", "type_comment"),
        "AsyncFunctionDef": ("name", "type_comment"),
        "ClassDef": ("name",),
        "ImportFrom": ("module", "level"),
        "Global": ("names",),
        "Nonlocal": ("names",),
        "FormattedValue": ("conversion",),
        "ExceptHandler": ("name",),
        "comprehension": ("is_async",),
        "AnnAssign": ("simple",),
        "Assign": ("type_comment",),
        "For": ("type_comment",),
        "AsyncFor": ("type_comment",),
        "With": ("type_comment",),
        "AsyncWith": ("type_comment",),
        "MatchAs": ("name",),
        "MatchStar": ("name",),
        "MatchClass": ("kwd_attrs",),
        "MatchMapping": ("rest",),
        "TypeVar": ("name",),  # Python 3.12+
        "ParamSpec": ("name",),
        "TypeVarTuple": ("name",),
        "TypeAlias": (),
    }.items()
}


def _child_fields(node_type: type) -> tuple[str, ...]:
    fields = _CHILD_FIELDS.get(node_type)
    if fields is None:
        leaves = _LEAF_FIELDS.get(node_type.__name__, frozenset())
        fields = tuple(
            name for name in getattr(node_type, "_fields", ()) if name != "ctx" and name not in leaves
        )
        _CHILD_FIELDS[node_type] = fields
    return fields


def produced_values(function: FunctionDefNode) -> list[ast.expr]:
    """The values ``function`` returns or yields (``return x``, ``yield x``) in its own frame, in
    pre-order: what a fixture hands out. Walks only the nodes that can hold one, without listing
    every node the way ``walk_body`` does."""
    produced: list[ast.expr] = []
    stack: list[ast.AST] = list(reversed(function.body))
    while stack:
        node = stack.pop()
        node_type = type(node)
        if node_type in _NEW_SCOPE_TYPES:
            continue
        if (node_type is ast.Return or node_type is ast.Yield) and node.value is not None:  # type: ignore[attr-defined]
            produced.append(node.value)  # type: ignore[attr-defined]
        children = branch_nodes(node)
        children.reverse()
        stack.extend(children)
    return produced


def is_generator(function: FunctionDefNode) -> bool:
    # a plain loop: ``any()`` over a generator expression costs twice as much on these hot paths
    for node in walk_body(function):
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
    return False


def dotted_name(node: ast.AST) -> str | None:
    """``a.b.c`` for a name or a chain of attributes on one (as ``ast.unparse`` writes it); else ``None``."""
    attrs: list[str] = []
    while isinstance(node, ast.Attribute):
        attrs.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    if not attrs:
        return node.id
    attrs.append(node.id)
    attrs.reverse()
    return ".".join(attrs)


def string_value(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def string_items(node: ast.expr | None) -> list[str] | None:
    """``"a, b"`` or ``["a", "b"]`` / ``("a", "b")`` as a list of names; ``None`` when not literal."""
    single = string_value(node)
    if single is not None:
        return [part.strip() for part in single.split(",") if part.strip()]
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [string_value(element) for element in node.elts]
        if all(item is not None for item in items):
            return [item for item in items if item is not None]
    return None


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def parameter_names(function: FunctionDefNode | ast.Lambda) -> set[str]:
    """Every name a function binds as a parameter, ``*args`` and ``**kwargs`` included."""
    args = function.args
    names = {arg.arg for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    if args.vararg:
        names.add(args.vararg.arg)
    if args.kwarg:
        names.add(args.kwarg.arg)
    return names
