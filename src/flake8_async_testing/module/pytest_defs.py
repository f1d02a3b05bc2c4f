"""What pytest sees in one file: fixtures, marks and test functions."""

from __future__ import annotations

import ast
import fnmatch
import functools
import os
import re
from collections.abc import Sequence
from pathlib import Path

from flake8_async_testing.module.imports import ImportMap
from flake8_async_testing.module.walk import FunctionDefNode, is_generator, keyword, string_items, string_value

# Both end in ``.fixture``, which ``fixture_decorator`` relies on.
FIXTURE_DECORATORS = {"pytest.fixture": "pytest", "pytest_asyncio.fixture": "pytest_asyncio"}
SCOPES = ("function", "class", "module", "package", "session")
# Harmless decorators on a test: they keep it a plain (async) function pytest collects as it is.
TRANSPARENT_DECORATORS = frozenset(
    {
        "unittest.mock.patch",
        "unittest.mock.patch.object",
        "unittest.mock.patch.dict",
        "mock.patch",
        "mock.patch.object",
        "mock.patch.dict",
        "pytest.mark.usefixtures",
    }
)


def scope_rank(scope: str) -> int:
    return SCOPES.index(scope) if scope in SCOPES else -1


class Mark:
    """One ``pytest.mark.NAME`` applied to a test, from a decorator or a ``pytestmark``."""

    def __init__(self, name: str, node: ast.expr, call: ast.Call | None, origin: str) -> None:
        self.name = name
        self.node = node
        self.call = call
        self.origin = origin  # "function", "class" or "module"

    @property
    def line(self) -> int:
        return self.node.lineno

    def keyword(self, name: str) -> ast.expr | None:
        return keyword(self.call, name) if self.call is not None else None

    def arg(self, index: int) -> ast.expr | None:
        if self.call is None or len(self.call.args) <= index:
            return None
        return self.call.args[index]


class MarkSet:
    """The marks found on one definition; ``complete`` is False when something opaque could add more."""

    def __init__(self, marks: tuple[Mark, ...] = (), complete: bool = True) -> None:
        self.marks = marks
        self.complete = complete

    def named(self, name: str) -> list[Mark]:
        return [mark for mark in self.marks if mark.name == name]

    def has(self, name: str) -> bool:
        return any(mark.name == name for mark in self.marks)

    def __add__(self, other: MarkSet) -> MarkSet:
        return MarkSet(self.marks + other.marks, self.complete and other.complete)

    def requested_fixtures(self) -> set[str]:
        """Names added to the fixture closure: ``usefixtures`` and ``parametrize`` argnames."""
        names: set[str] = set()
        for mark in self.marks:
            if mark.name == "usefixtures" and mark.call is not None:
                for arg in mark.call.args:
                    value = string_value(arg)
                    if value:
                        names.add(value)
            elif mark.name == "parametrize":
                names.update(string_items(mark.arg(0) or mark.keyword("argnames")) or [])
        return names


class FunctionBacked:
    """Shared by definitions that are one function: where it starts and whether it is a coroutine."""

    node: FunctionDefNode

    @property
    def line(self) -> int:
        return self.node.lineno

    @property
    def is_async(self) -> bool:
        return isinstance(self.node, ast.AsyncFunctionDef)


class Fixture(FunctionBacked):
    """A fixture definition (``@pytest.fixture`` or ``@pytest_asyncio.fixture``)."""

    def __init__(
        self,
        *,
        name: str,
        node: FunctionDefNode,
        path: Path | None,
        kind: str,
        scope: str | None,
        autouse: bool,
        loop_scope: str | None,
        loop_scope_known: bool,
        has_params: bool,
        argnames: tuple[str, ...],
        in_class: bool,
        imports: ImportMap,
        params_may_mark: bool = False,
    ) -> None:
        self.name = name
        self.node = node
        self.path = path
        self.kind = kind  # "pytest" or "pytest_asyncio"
        self.scope = scope  # None when not a literal
        self.autouse = autouse
        self.loop_scope = loop_scope  # explicit loop_scope, None when absent
        self.loop_scope_known = loop_scope_known
        self.has_params = has_params
        self.argnames = argnames
        self.in_class = in_class
        self.imports = imports
        # ``params=`` may hold ``pytest.param(..., marks=...)``: the marks then reach every test using it.
        self.params_may_mark = params_may_mark

    @property
    def is_generator(self) -> bool:
        return is_generator(self.node)


def function_argnames(node: FunctionDefNode, *, is_method: bool) -> tuple[str, ...]:
    """The names pytest requests as fixtures: positional parameters without defaults."""
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    if is_method and positional:
        positional = positional[1:]
    without_default = positional[: len(positional) - len(args.defaults)] if args.defaults else positional
    kwonly = [arg for arg, default in zip(args.kwonlyargs, args.kw_defaults) if default is None]
    return tuple(arg.arg for arg in [*without_default, *kwonly])


def _mark_name(expr: ast.expr, imports: ImportMap, mark_aliases: dict[str, str]) -> str | None:
    target = expr.func if isinstance(expr, ast.Call) else expr
    if isinstance(target, ast.Name) and target.id in mark_aliases:
        return mark_aliases[target.id]
    qualified = imports.qualified_name(target)
    if qualified and qualified.startswith("pytest.mark.") and qualified.count(".") == 2:
        return qualified.rsplit(".", 1)[1]
    return None


def marks_of_expr(expr: ast.expr, imports: ImportMap, mark_aliases: dict[str, str], origin: str) -> MarkSet:
    """The marks of a ``pytestmark`` value: one mark, or a list/tuple of marks."""
    elements = expr.elts if isinstance(expr, (ast.List, ast.Tuple)) else [expr]
    marks: list[Mark] = []
    complete = True
    for element in elements:
        name = _mark_name(element, imports, mark_aliases)
        if name is None:
            complete = False
            continue
        marks.append(Mark(name, element, element if isinstance(element, ast.Call) else None, origin))
    return MarkSet(tuple(marks), complete)


def fixture_decorator(node: FunctionDefNode, imports: ImportMap) -> tuple[str, ast.Call | None] | None:
    """(kind, call) when ``node`` is decorated as a fixture."""
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr != "fixture":
            continue  # ``pytest.mark.x``: an attribute keeps its name through imports and re-exports
        qualified = imports.qualified_name(target)
        if qualified in FIXTURE_DECORATORS:
            return FIXTURE_DECORATORS[qualified], decorator if isinstance(decorator, ast.Call) else None
    return None


def decorator_marks(
    node: FunctionDefNode | ast.ClassDef, imports: ImportMap, mark_aliases: dict[str, str], origin: str
) -> MarkSet:
    marks: list[Mark] = []
    complete = True
    for decorator in node.decorator_list:
        name = _mark_name(decorator, imports, mark_aliases)
        if name is not None:
            marks.append(Mark(name, decorator, decorator if isinstance(decorator, ast.Call) else None, origin))
            continue
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if imports.qualified_name(target) not in TRANSPARENT_DECORATORS:
            complete = False
    return MarkSet(tuple(marks), complete)


# Calls that build parameter lists out of their arguments, adding no marks of their own.
_TRANSPARENT_BUILDERS = frozenset({"range", "list", "tuple", "zip", "enumerate", "sorted", "reversed", "dict", "set"})


def values_may_carry_marks(expr: ast.expr | None, imports: ImportMap, module_values: dict[str, ast.expr]) -> bool:
    """Whether parametrize values or fixture params may hold ``pytest.param(..., marks=...)``.

    True when a literal holds one, and when the values come from somewhere out of sight (an
    imported name, a helper call): pytest would apply marks we cannot see.
    """
    pending: list[ast.expr] = [expr] if expr is not None else []
    followed: set[str] = set()
    while pending:
        current = pending.pop()
        for node in ast.walk(current):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in followed:
                followed.add(node.id)
                if node.id in module_values:
                    pending.append(module_values[node.id])
                elif node is current and imports.resolve(node.id) is not None:
                    return True  # imported values: out of sight
            elif isinstance(node, ast.Call):
                qualified = imports.qualified_name(node.func)
                if qualified == "pytest.param":
                    if any(kw.arg == "marks" for kw in node.keywords):
                        return True
                elif not (isinstance(node.func, ast.Name) and node.func.id in _TRANSPARENT_BUILDERS):
                    if node is current:
                        return True  # a helper builds the values: out of sight
    return False


def make_fixture(
    node: FunctionDefNode,
    imports: ImportMap,
    path: Path | None,
    *,
    in_class: bool,
    module_values: dict[str, ast.expr] | None = None,
) -> Fixture | None:
    found = fixture_decorator(node, imports)
    if found is None:
        return None
    kind, call = found
    name = node.name
    scope: str | None = "function"
    autouse = False
    loop_scope: str | None = None
    loop_scope_known = True
    has_params = False
    params_may_mark = False
    if call is not None:
        name = string_value(keyword(call, "name")) or name
        scope_expr = keyword(call, "scope") or (call.args[0] if call.args else None)
        if scope_expr is not None:
            scope = string_value(scope_expr)
        autouse_expr = keyword(call, "autouse")
        autouse = isinstance(autouse_expr, ast.Constant) and autouse_expr.value is True
        loop_expr = keyword(call, "loop_scope")
        if loop_expr is not None:
            loop_scope = string_value(loop_expr)
            loop_scope_known = loop_scope is not None
        params = keyword(call, "params")
        has_params = params is not None
        params_may_mark = values_may_carry_marks(params, imports, module_values or {})
    return Fixture(
        name=name,
        node=node,
        path=path,
        kind=kind,
        scope=scope,
        autouse=autouse,
        loop_scope=loop_scope,
        loop_scope_known=loop_scope_known,
        has_params=has_params,
        argnames=function_argnames(node, is_method=in_class),
        in_class=in_class,
        imports=imports,
        params_may_mark=params_may_mark,
    )


def name_matches(name: str, patterns: Sequence[str]) -> bool:
    """pytest's ``python_functions`` / ``python_classes`` matching: prefix, or glob when it has wildcards."""
    prefixes, globs = _split_patterns(tuple(patterns))
    return name.startswith(prefixes) or any(glob.match(os.path.normcase(name)) for glob in globs)


@functools.lru_cache(maxsize=64)
def _split_patterns(patterns: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]:
    """The plain prefixes, and the wildcard patterns compiled (asked for every function of every file)."""
    prefixes = tuple(pattern for pattern in patterns if not any(char in pattern for char in "*?["))
    globs = tuple(
        re.compile(fnmatch.translate(os.path.normcase(pattern)))
        for pattern in patterns
        if any(char in pattern for char in "*?[")
    )
    return prefixes, globs


def file_matches(path: Path, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(path.name, pattern) or fnmatch.fnmatch(str(path), pattern) for pattern in patterns)
