"""What a value is, followed through local bindings, module globals and fixture chains.

A small tracer for the in-loop rules: "is ``client`` here a starlette ``TestClient``?", "is
``session`` an ``AsyncSession`` made by an ``async_sessionmaker`` fixture?". It follows, inside one
function (or the module body), plain assignments, ``with``/``async with ... as`` bindings and the
walrus; a parameter to the fixture of that name (class, module, then the conftest chain, as pytest
picks it) and what that fixture returns or yields, fixture to fixture; a module global assigned
exactly once. A name stored any other way (``for`` target, unpacking, ``global``, ``del``, an import)
makes the answer ``None``: unknown, and the rules stay silent.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from weakref import WeakKeyDictionary

from flake8_async_testing.module.imports import ImportMap
from flake8_async_testing.module.model import CollectedTest, ModuleModel
from flake8_async_testing.module.pytest_defs import Fixture
from flake8_async_testing.module.walk import FunctionDefNode, parameter_names, produced_values, string_items, walk_body

TESTCLIENT = "starlette.testclient.TestClient"
ASYNC_CLIENT = "httpx.AsyncClient"
ASYNC_SESSION = "sqlalchemy.ext.asyncio.AsyncSession"
ASYNC_SESSIONMAKER = "sqlalchemy.ext.asyncio.async_sessionmaker"
ASYNC_ENGINE = "sqlalchemy.ext.asyncio.AsyncEngine"
ASYNC_CONNECTION = "sqlalchemy.ext.asyncio.AsyncConnection"
ASYNCIO_RUNNER = "asyncio.Runner"

# Calls (canonical dotted names) whose result, or whose ``with ... as`` value, is of a known kind.
CONSTRUCTORS = {
    TESTCLIENT: TESTCLIENT,
    "httpx.AsyncClient": ASYNC_CLIENT,
    "sqlalchemy.ext.asyncio.AsyncSession": ASYNC_SESSION,
    "sqlalchemy.ext.asyncio.session.AsyncSession": ASYNC_SESSION,
    "sqlalchemy.ext.asyncio.async_sessionmaker": ASYNC_SESSIONMAKER,
    "sqlalchemy.ext.asyncio.session.async_sessionmaker": ASYNC_SESSIONMAKER,
    "sqlalchemy.ext.asyncio.create_async_engine": ASYNC_ENGINE,
    "sqlalchemy.ext.asyncio.engine.create_async_engine": ASYNC_ENGINE,
    "sqlalchemy.ext.asyncio.AsyncEngine": ASYNC_ENGINE,
    "sqlalchemy.ext.asyncio.engine.AsyncEngine": ASYNC_ENGINE,
    "asyncio.Runner": ASYNCIO_RUNNER,
    "asyncio.runners.Runner": ASYNCIO_RUNNER,
}
# (kind of the receiver, method or "__call__") -> kind of the call's result / ``async with`` value.
DERIVED = {
    (ASYNC_SESSIONMAKER, "__call__"): ASYNC_SESSION,
    (ASYNC_SESSIONMAKER, "begin"): ASYNC_SESSION,
    (ASYNC_ENGINE, "connect"): ASYNC_CONNECTION,
    (ASYNC_ENGINE, "begin"): ASYNC_CONNECTION,
}
MAX_DEPTH = 8

Frame = ast.Module | ast.FunctionDef | ast.AsyncFunctionDef


class Place:
    """A function (or the module body) and the module it lives in, with the fixtures it can request."""

    def __init__(
        self, frame: Frame, module: ModuleModel, fixtures: dict[str, tuple[Fixture, ModuleModel]] | None = None
    ) -> None:
        self.frame = frame
        self.module = module
        self.fixtures: dict[str, tuple[Fixture, ModuleModel]] = {} if fixtures is None else fixtures

    @property
    def imports(self) -> ImportMap:
        return self.module.imports


def _stored_names(target: ast.AST) -> Iterator[str]:
    for node in ast.walk(target):
        if isinstance(node, ast.Name):
            yield node.id


# Every node type ``frame_bindings`` looks at: one check skips all the others.
_BINDING_NODES = (
    ast.Assign, ast.AnnAssign, ast.NamedExpr, ast.AugAssign, ast.With, ast.AsyncWith, ast.For, ast.AsyncFor,
    ast.ExceptHandler, ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal, ast.Delete, ast.FunctionDef,
    ast.AsyncFunctionDef, ast.ClassDef, ast.MatchAs, ast.MatchStar, ast.MatchMapping,
)


def frame_bindings(frame: Frame) -> dict[str, list[ast.expr] | None]:
    """Each name bound in ``frame``'s own body: the bound expressions, or ``None`` when bound another way."""
    bound: dict[str, list[ast.expr] | None] = {}

    def add(name: str, value: ast.expr | None) -> None:
        if value is None:
            bound[name] = None
            return
        current = bound.setdefault(name, [])
        if current is not None:
            current.append(value)

    for node in walk_body(frame):
        if not isinstance(node, _BINDING_NODES):
            continue
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    add(target.id, node.value)
                elif isinstance(target, (ast.Tuple, ast.List, ast.Starred)):
                    for name in _stored_names(target):
                        add(name, None)
        elif isinstance(node, ast.AnnAssign):
            if isinstance(node.target, ast.Name) and node.value is not None:
                add(node.target.id, node.value)
        elif isinstance(node, ast.NamedExpr):
            add(node.target.id, node.value)
        elif isinstance(node, ast.AugAssign):
            for name in _stored_names(node.target) if isinstance(node.target, ast.Name) else ():
                add(name, None)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if isinstance(item.optional_vars, ast.Name):
                    add(item.optional_vars.id, item.context_expr)
                elif item.optional_vars is not None:
                    for name in _stored_names(item.optional_vars):
                        add(name, None)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            for name in _stored_names(node.target):
                add(name, None)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            add(node.name, None)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                add((alias.asname or alias.name).split(".")[0], None)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                add(name, None)
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                for name in _stored_names(target) if isinstance(target, ast.Name) else ():
                    add(name, None)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            add(node.name, None)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            add(node.name, None)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            add(node.rest, None)
    return bound


# frame -> ``frame_bindings(frame)``, kept while its tree lives: a conftest fixture's body is read once
# for all the test files below it (the bound expressions never include the frame itself)
_BINDINGS: WeakKeyDictionary[ast.AST, dict[str, list[ast.expr] | None]] = WeakKeyDictionary()


def _lookup(
    name: str, scopes: tuple[ModuleModel, ...], class_fixtures: dict[str, Fixture], skip: FunctionDefNode | None,
    class_module: ModuleModel,
) -> tuple[Fixture, ModuleModel] | None:
    """The fixture ``name`` as pytest picks it; ``None`` when out of sight or possibly shadowed unseen."""
    found = class_fixtures.get(name)
    if found is not None and found.node is not skip:
        return found, class_module
    for scope in scopes:
        fixture = scope.fixtures.get(name)
        if fixture is not None and fixture.node is not skip:
            return fixture, scope
        if scope.imports.star_imports or (fixture is None and name in scope.imports.module_scope):
            return None  # a fixture may come in by import; we cannot see which
    return None


class Tracer:
    """Traces expressions to a known kind (the constants above); answers ``None`` when unsure."""

    def __init__(self, scopes: tuple[ModuleModel, ...]) -> None:
        self.scopes = scopes
        # id of a module -> the ids of the scopes it sees, the key of its fixtures' kinds
        self._scope_ids: dict[int, tuple[int, ...]] = {}

    # --- places -------------------------------------------------------------------------
    def _scopes_from(self, module: ModuleModel) -> tuple[ModuleModel, ...]:
        for index, scope in enumerate(self.scopes):
            if scope is module:
                return self.scopes[index:]
        return (module,)

    def place_for_test(self, test: CollectedTest, module: ModuleModel) -> Place:
        parametrized = {
            name
            for mark in test.marks.named("parametrize")
            for name in string_items(mark.arg(0) or mark.keyword("argnames")) or []
        }
        fixtures: dict[str, tuple[Fixture, ModuleModel]] = {}
        scopes = self._scopes_from(module)
        for name in test.argnames:
            if name in parametrized:
                continue
            found = _lookup(name, scopes, test.class_fixtures, None, module)
            if found is not None:
                fixtures[name] = found
        return Place(test.node, module, fixtures)

    def place_for_fixture(self, fixture: Fixture, module: ModuleModel) -> Place:
        # a class fixture sees the fixtures of its own class first
        class_fixtures = self._same_class_fixtures(fixture, module) if fixture.in_class else {}
        fixtures: dict[str, tuple[Fixture, ModuleModel]] = {}
        scopes = self._scopes_from(module)
        for name in fixture.argnames:
            found = _lookup(name, scopes, class_fixtures, fixture.node, module)
            if found is not None:
                fixtures[name] = found
        return Place(fixture.node, module, fixtures)

    @staticmethod
    def _same_class_fixtures(fixture: Fixture, module: ModuleModel) -> dict[str, Fixture]:
        for node in module.index.classes:
            if fixture.node in node.body:
                members = {id(statement) for statement in node.body}
                return {f.name: f for f in module.class_fixtures if id(f.node) in members}
        return {}

    # --- bindings -----------------------------------------------------------------------
    def bindings(self, frame: Frame) -> dict[str, list[ast.expr] | None]:
        bound = _BINDINGS.get(frame)
        if bound is None:
            bound = _BINDINGS[frame] = frame_bindings(frame)
        return bound

    # --- tracing ------------------------------------------------------------------------
    def kind(self, expr: ast.expr, place: Place, depth: int = 0) -> str | None:
        """The known kind of ``expr`` evaluated in ``place``; ``None`` when unknown."""
        if depth > MAX_DEPTH:
            return None
        if isinstance(expr, ast.Call):
            return self._call_kind(expr, place, depth)
        if isinstance(expr, ast.Name):
            return self.name_kind(expr.id, place, depth)
        return None

    def _call_kind(self, call: ast.Call, place: Place, depth: int) -> str | None:
        scope = None if isinstance(place.frame, ast.Module) else place.frame
        qualname = place.imports.qualified_name(call.func, scope)
        if qualname is not None:
            return CONSTRUCTORS.get(qualname)
        func = call.func
        if isinstance(func, ast.Name):
            receiver = self.name_kind(func.id, place, depth + 1)
            return DERIVED.get((receiver, "__call__")) if receiver else None
        if isinstance(func, ast.Attribute):
            receiver = self.kind(func.value, place, depth + 1)
            return DERIVED.get((receiver, func.attr)) if receiver else None
        return None

    def _agree(self, exprs: Iterable[ast.expr], place: Place, depth: int) -> str | None:
        kinds = {self.kind(expr, place, depth + 1) for expr in exprs}
        if len(kinds) == 1:
            return kinds.pop()
        return None

    def name_kind(self, name: str, place: Place, depth: int = 0) -> str | None:
        if depth > MAX_DEPTH:
            return None
        frame = place.frame
        bound = self.bindings(frame)
        if name in bound:
            exprs = bound[name]
            return self._agree(exprs, place, depth) if exprs else None
        if isinstance(frame, ast.Module):
            return None
        if name in parameter_names(frame):
            found = place.fixtures.get(name)
            if found is None:
                return None
            return self.fixture_kind(*found, depth=depth + 1)
        if place.imports.resolve(name, frame) is not None:
            return None
        if place.imports.parent_function.get(frame) is not None:
            return None  # a closure over an enclosing function's locals: not followed
        if name in place.module.index.global_names:
            return None
        return self.name_kind(name, Place(place.module.tree, place.module), depth + 1)

    def fixture_kind(self, fixture: Fixture, module: ModuleModel, depth: int = 0) -> str | None:
        """What a fixture hands to its requesters, when every ``return``/``yield`` agrees."""
        # kept on the module, for every file that sees it through the same scopes
        scope_ids = self._scope_ids.get(id(module))
        if scope_ids is None:
            scope_ids = self._scope_ids[id(module)] = tuple(id(scope) for scope in self._scopes_from(module))
        key = (id(fixture.node), depth, scope_ids)
        known = module.fixture_kinds
        if key not in known:
            known[key] = self._traced_fixture_kind(fixture, module, depth)
        return known[key]

    def _traced_fixture_kind(self, fixture: Fixture, module: ModuleModel, depth: int) -> str | None:
        if depth > MAX_DEPTH:
            return None
        produced = produced_values(fixture.node)
        if not produced:
            return None
        place = self.place_for_fixture(fixture, module)
        return self._agree(produced, place, depth)
