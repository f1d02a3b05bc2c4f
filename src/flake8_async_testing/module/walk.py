"""Small ast walking helpers that stay inside one function body."""

from __future__ import annotations

import ast
from collections.abc import Iterator

FunctionDefNode = ast.FunctionDef | ast.AsyncFunctionDef
_NEW_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def walk_body(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below ``node`` that runs in its own frame: nested defs, lambdas and classes are skipped."""
    stack = list(ast.iter_child_nodes(node))
    stack.reverse()
    while stack:
        child = stack.pop()
        yield child
        if isinstance(child, _NEW_SCOPES):
            continue
        grandchildren = list(ast.iter_child_nodes(child))
        grandchildren.reverse()
        stack.extend(grandchildren)


def is_generator(function: FunctionDefNode) -> bool:
    return any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in walk_body(function))


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
