"""What a name or expression holds, from the ``ast`` and the imports alone (no astroid).

Answers questions like "is ``client`` here a starlette ``TestClient``?" by following, inside one
function, assignments, ``with ... as`` and ``async with ... as`` bindings, and fixture parameters
to the fixture that returns or yields the value. Anything else answers ``None``: unknown.
"""

from __future__ import annotations

import ast

from flake8_async_testing.module.imports import ImportMap
from flake8_async_testing.module.model import ModuleModel
from flake8_async_testing.module.pytest_defs import Fixture
from flake8_async_testing.module.walk import FunctionDefNode, parameter_names, produced_values, walk_body


class Constructed:
    """A value made by calling ``qualname`` (canonical dotted name) in ``call`` (a plain class: a
    ``NamedTuple`` class costs a cold lint ~0.2 ms to build, and this one is only read by attribute)."""

    __slots__ = ("qualname", "call", "imports")

    def __init__(self, qualname: str, call: ast.Call, imports: ImportMap) -> None:
        self.qualname = qualname
        self.call = call
        self.imports = imports


def call_qualname(call: ast.Call, imports: ImportMap, scope: ast.AST | None) -> str | None:
    return imports.qualified_name(call.func, scope)


def bindings(function: FunctionDefNode) -> dict[str, list[ast.expr]]:
    """Every expression bound to a plain name in ``function``'s own body, in source order."""
    bound: dict[str, list[ast.expr]] = {}
    for node in walk_body(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    bound.setdefault(target.id, []).append(node.value)
        elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
            if isinstance(node.target, ast.Name):
                bound.setdefault(node.target.id, []).append(node.value)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if isinstance(item.optional_vars, ast.Name):
                    bound.setdefault(item.optional_vars.id, []).append(item.context_expr)
    return bound


def _constructed(expr: ast.expr, imports: ImportMap, scope: ast.AST | None) -> Constructed | None:
    if isinstance(expr, ast.Await):
        expr = expr.value
    if isinstance(expr, ast.Call):
        qualname = call_qualname(expr, imports, scope)
        if qualname is not None:
            return Constructed(qualname, expr, imports)
    return None


def value_of_name(
    name: str, function: FunctionDefNode, imports: ImportMap, fixtures: dict[str, Fixture] | None = None,
    depth: int = 0,
) -> Constructed | None:
    """What ``name`` holds inside ``function`` when every binding agrees; else ``None``."""
    if depth > 4:
        return None
    found = bindings(function).get(name)
    if found:
        results = {_value_of_expr(expr, function, imports, fixtures, depth + 1) for expr in found}
        if len(results) == 1:
            return results.pop()
        qualnames = {result.qualname if result else None for result in results}
        if len(qualnames) == 1 and None not in qualnames:
            return next(iter(results))
        return None
    if fixtures and name in parameter_names(function) and name in fixtures:
        return fixture_value(fixtures[name], depth + 1)
    return None


def _value_of_expr(
    expr: ast.expr, function: FunctionDefNode, imports: ImportMap, fixtures: dict[str, Fixture] | None, depth: int
) -> Constructed | None:
    direct = _constructed(expr, imports, function)
    if direct is not None:
        return direct
    if isinstance(expr, ast.Name):
        return value_of_name(expr.id, function, imports, fixtures, depth)
    return None


def fixture_value(fixture: Fixture, depth: int = 0) -> Constructed | None:
    """What a fixture hands to tests: the value it returns or yields, when every path agrees."""
    produced = produced_values(fixture.node)
    if not produced:
        return None
    results = {_value_of_expr(expr, fixture.node, fixture.imports, None, depth + 1) for expr in produced}
    qualnames = {result.qualname if result else None for result in results}
    if len(qualnames) != 1 or None in qualnames:
        return None
    return next(iter(r for r in results if r is not None))


def expr_value(
    expr: ast.expr, function: FunctionDefNode, module: ModuleModel, fixtures: dict[str, Fixture] | None = None
) -> Constructed | None:
    """What an expression used inside ``function`` holds (a call, or a name traced to one)."""
    return _value_of_expr(expr, function, module.imports, fixtures, 0)
