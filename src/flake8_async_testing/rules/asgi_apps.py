"""ATP4xx: the app under test and the client that drives it.

Codes: ATP401 overrides-not-cleared, ATP402 lifespan-not-run, ATP403 asyncclient-app-shortcut,
ATP404 asyncclient-websocket.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from flake8_async_testing.inference.declared_versions import pinned_below
from flake8_async_testing.inference.fixtures import autouse_fixtures, closure_of_names
from flake8_async_testing.inference.values import expr_value
from flake8_async_testing.module.imports import first_parts, last_parts
from flake8_async_testing.module.lines import CallSites, call_sites
from flake8_async_testing.module.model import CollectedTest, ModuleModel
from flake8_async_testing.module.pytest_defs import Fixture
from flake8_async_testing.module.text import lines_mentioning, node_spans_a_line
from flake8_async_testing.module.walk import (
    FunctionDefNode,
    branch_nodes,
    dotted_name,
    parameter_names,
    produced_values,
    walk_body,
    walk_tree,
)
from flake8_async_testing.project.model import name_is_imported_fixture
from flake8_async_testing.rules.base import Context, Finding, Rule

if TYPE_CHECKING:  # imported where used: most files never get that far, and editors lint cold processes
    from flake8_async_testing.inference.asgi_app import AppStartup

OVERRIDES = "dependency_overrides"
# httpx deprecated ``app=`` in 0.27 and removed it in 0.28.
HTTPX_APP_DEPRECATED = (0, 27)
# Libraries whose calls never reset an app's overrides behind our back (clients, transports, managers).
KNOWN_LIBRARIES = ("starlette.", "fastapi.", "httpx.", "asgi_lifespan.", "pytest.", "anyio.", "trio.", "asyncio.")
# compiled on first use (``re`` keeps it): most files never call a helper on the overrides
RESET_HELPER = r"(?i:reset|clear|restore|clean|teardown|tear_down|undo|remove|revert)"
FAR_AWAY = 10**9  # the "line" of a restore registered as a finalizer: it runs after everything else
XUNIT_TEARDOWNS = {
    "setup_method": ("teardown_method",),
    "setup_class": ("teardown_class",),
    "setup_function": ("teardown_function",),
    "setup_module": ("teardown_module", "tearDownModule"),
    "setUpModule": ("teardown_module", "tearDownModule"),
}


# --------------------------------------------------------------------------------------------
# Shared small helpers
# --------------------------------------------------------------------------------------------


def _text(node: ast.AST) -> str:
    """``ast.unparse(node)``; for a dotted name (``app``, ``deps.get_db``), what it gives, without its cost."""
    dotted = dotted_name(node)
    if dotted is not None:
        return dotted
    try:
        return ast.unparse(node)
    except Exception:  # odd synthetic shapes: never crash
        return f"<{type(node).__name__}>"


def _overrides_receiver(node: ast.AST) -> ast.expr | None:
    """``R`` for an expression ``R.dependency_overrides``."""
    if isinstance(node, ast.Attribute) and node.attr == OVERRIDES:
        return node.value
    return None


def _root_name(expr: ast.expr) -> ast.Name | None:
    while isinstance(expr, (ast.Attribute, ast.Subscript)):
        expr = expr.value
    return expr if isinstance(expr, ast.Name) else None


def _local_names(function: FunctionDefNode) -> set[str]:
    """Every name the function binds in its own body (assignment, with/for targets, imports, defs)."""
    names: set[str] = set()
    for node in walk_body(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def _module_names(module: ModuleModel) -> set[str]:
    """Names bound at module level (imports, assignments, defs), including inside top-level if/try."""
    names = set(module.imports.module_scope)
    stack: list[ast.stmt] = list(module.tree.body)
    while stack:
        statement = stack.pop()
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(statement.name)
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return names


def _first_yield_line(function: FunctionDefNode) -> int | None:
    lines = [node.lineno for node in walk_body(function) if isinstance(node, (ast.Yield, ast.YieldFrom))]
    return min(lines) if lines else None


def _fixture_lookup(ctx: Context, class_fixtures: dict[str, Fixture] | None = None) -> dict[str, Fixture]:
    """Fixture name -> the definition pytest would pick for code in this module."""
    found: dict[str, Fixture] = {}
    for scope in reversed(ctx.scopes):
        found.update(scope.fixtures)
    found.update(class_fixtures or {})
    return found


def _module_of_fixture(fixture: Fixture, ctx: Context) -> ModuleModel | None:
    for scope in ctx.scopes:
        if any(candidate.node is fixture.node for candidate in scope.all_fixtures):
            return scope
    return None


_TRIES: tuple[type[ast.stmt], ...] = tuple(getattr(ast, name) for name in ("Try", "TryStar") if hasattr(ast, name))


# --------------------------------------------------------------------------------------------
# ATP401: where overrides are set and where they are restored, inside one body
# --------------------------------------------------------------------------------------------


# This module's records (``OverrideSet``, ``Restore``, ``Coverage``, ``ClientSite``) are plain classes, not
# ``NamedTuple``s: building a ``NamedTuple`` class costs ~0.2 ms of every cold (editor) lint's import, and
# these are only ever read by attribute, never compared, hashed or unpacked.


class OverrideSet:
    """One place that installs overrides: ``R.dependency_overrides[key] = ...`` or ``.update({...})``."""

    __slots__ = ("line", "col", "receiver", "receiver_expr", "keys")

    def __init__(
        self, line: int, col: int, receiver: str, receiver_expr: ast.expr, keys: tuple[str | None, ...]
    ) -> None:
        self.line = line
        self.col = col
        self.receiver = receiver
        self.receiver_expr = receiver_expr
        self.keys = keys  # None: a key we cannot name


class Restore:
    """One place that undoes overrides; ``key`` None undoes all of them, ``receiver`` None any app's."""

    __slots__ = ("receiver", "key", "line", "protected")

    def __init__(self, receiver: str | None, key: str | None, line: int, protected: bool) -> None:
        self.receiver = receiver
        self.key = key
        self.line = line
        self.protected = protected  # runs even when the test fails: ``finally``, a finalizer, a teardown


class BodyScan:
    """The override sets and restores of one body."""

    def __init__(self) -> None:
        self.sets: list[OverrideSet] = []
        self.restores: list[Restore] = []
        self.guarded: set[str] = set()  # receivers whose dict is patched and restored wholesale
        self.guard_all = False
        self._pending_updates: list[tuple[OverrideSet, bool]] = []


class _Scanner:
    """Collects override sets and restores in statements, without entering nested scopes for sets."""

    def __init__(self, module: ModuleModel, scope: ast.AST | None, lines: list[int] | None = None) -> None:
        self.module = module
        self.scope = scope
        self.result = BodyScan()
        self.lines = lines  # when given, only the statements that span one of these lines are looked at

    # -- entry points --
    def scan_function(self, function: FunctionDefNode) -> BodyScan:
        if any(self._mentions_overrides(decorator) for decorator in function.decorator_list):
            self.result.guard_all = True  # @patch.dict(app.dependency_overrides, ...) and the like
        for statement in function.body:
            self._visit(statement, protected=False, deferred=False, guards=frozenset())
        return self._finish()

    def scan_module(self, body: Iterable[ast.stmt]) -> BodyScan:
        for statement in body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            self._visit(statement, protected=False, deferred=False, guards=frozenset())
        return self._finish()

    def _finish(self) -> BodyScan:
        result = self.result
        for site, _ in result._pending_updates:
            earlier_reset = any(
                r.key is None and r.receiver == site.receiver and r.line < site.line for r in result.restores
            )
            if earlier_reset:  # clear() then update(saved): the saved copy is put back
                result.restores.append(Restore(site.receiver, None, site.line, False))
            else:
                result.sets.append(site)
        result._pending_updates = []
        return result

    # -- traversal --
    def _visit(self, node: ast.AST, *, protected: bool, deferred: bool, guards: frozenset[str]) -> None:
        if isinstance(node, ast.expr):
            self._visit_expression(node, protected, deferred, guards)
            return
        if self.lines is not None and isinstance(node, ast.stmt) and not node_spans_a_line(node, self.lines):
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for statement in node.body:  # a nested def: only a finalizer can make it run, later
                self._visit(statement, protected=True, deferred=True, guards=guards)
            return
        if isinstance(node, ast.Lambda):
            self._visit(node.body, protected=True, deferred=True, guards=guards)
            return
        if isinstance(node, ast.ClassDef):
            return
        if isinstance(node, _TRIES):
            children: list[ast.AST] = [*getattr(node, "body", []), *getattr(node, "handlers", []), *getattr(node, "orelse", [])]
            for child in children:
                self._visit(child, protected=protected, deferred=deferred, guards=guards)
            for child in getattr(node, "finalbody", []):
                self._visit(child, protected=True, deferred=deferred, guards=guards)
            return
        if isinstance(node, (ast.With, ast.AsyncWith)):
            inner = guards | self._with_guards(node)
            for item in node.items:
                self._visit(item.context_expr, protected=protected, deferred=deferred, guards=guards)
            for statement in node.body:
                self._visit(statement, protected=protected, deferred=deferred, guards=inner)
            return
        self._inspect(node, protected=protected, deferred=deferred, guards=guards)
        for child in branch_nodes(node):  # names and constants neither set nor restore anything
            self._visit(child, protected=protected, deferred=deferred, guards=guards)

    def _visit_expression(self, root: ast.expr, protected: bool, deferred: bool, guards: frozenset[str]) -> None:
        """``_visit`` of an expression, in the same order: of its nodes only calls set or restore anything,
        and a lambda's body runs later, if ever."""
        stack: list[ast.AST] = [root]
        while stack:
            node = stack.pop()
            if type(node) is ast.Lambda:
                self._visit_expression(node.body, True, True, guards)
                continue
            if type(node) is ast.Call:
                self._call(node, protected, deferred, guards, FAR_AWAY if deferred else node.lineno)
            children = branch_nodes(node)  # names and constants neither set nor restore anything
            children.reverse()
            stack.extend(children)

    def _inspect(self, node: ast.AST, *, protected: bool, deferred: bool, guards: frozenset[str]) -> None:
        line = FAR_AWAY if deferred else getattr(node, "lineno", 0)
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                self._assignment(node, target, protected, deferred, guards, line)
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                if isinstance(target, ast.Subscript):
                    receiver = _overrides_receiver(target.value)
                    if receiver is not None:
                        self._restore(receiver, _text(target.slice), line, protected)
                elif _overrides_receiver(target) is not None:
                    self._restore(_overrides_receiver(target), None, line, protected)
        elif isinstance(node, ast.Call):
            self._call(node, protected, deferred, guards, line)

    def _assignment(
        self, node: ast.Assign | ast.AnnAssign | ast.AugAssign, target: ast.expr, protected: bool, deferred: bool,
        guards: frozenset[str], line: int,
    ) -> None:
        value = node.value
        if isinstance(target, ast.Subscript):
            receiver = _overrides_receiver(target.value)
            if receiver is None:
                return
            key = _text(target.slice)
            if protected or deferred:  # putting the old value back in teardown
                self._restore(receiver, key, line, protected)
            elif not isinstance(node, ast.AugAssign):
                self._set(node, receiver, (key,), guards, deferred)
            return
        receiver = _overrides_receiver(target)
        if receiver is None:
            return
        if isinstance(node, ast.AugAssign) or (isinstance(value, ast.Dict) and value.keys):
            keys = _dict_keys(value) if isinstance(value, ast.Dict) else (None,)
            if not deferred:
                self._set(node, receiver, keys, guards, deferred)
            return
        self._restore(receiver, None, line, protected)  # rebinding: `= {}`, `= None`, `= saved`

    def _call(self, call: ast.Call, protected: bool, deferred: bool, guards: frozenset[str], line: int) -> None:
        func = call.func
        if isinstance(func, ast.Attribute):
            receiver = _overrides_receiver(func.value)
            if receiver is not None:
                method = func.attr
                if method == "clear":
                    self._restore(receiver, None, line, protected)
                elif method == "pop" and call.args:
                    self._restore(receiver, _text(call.args[0]), line, protected)
                elif method in ("update", "setdefault", "__setitem__") and not deferred:
                    self._mutation(call, receiver, method, guards)
                elif method in ("update", "setdefault", "__setitem__"):
                    self._restore(receiver, None, line, protected)
                return
        # a dict patched as a whole (monkeypatch.setattr(app, "dependency_overrides", {}), patch.object(...))
        if any(isinstance(arg, ast.Constant) and arg.value == OVERRIDES for arg in call.args) and call.args:
            self.result.guarded.add(_text(call.args[0]))
            return
        method_name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if method_name in ("setitem", "delitem"):
            return  # monkeypatch.setitem(app.dependency_overrides, ...) restores itself
        for arg in [*call.args, *(kw.value for kw in call.keywords)]:
            receiver = _overrides_receiver(arg)
            if receiver is not None:  # the dict handed to a helper: patch.dict, a reset function...
                self.result.guarded.add(_text(receiver))
            elif isinstance(arg, ast.Attribute) and _overrides_receiver(arg.value) is not None:
                # a bound method registered as a finalizer: addfinalizer(app.dependency_overrides.clear)
                self._restore(_overrides_receiver(arg.value), None, FAR_AWAY, True)
        if self._is_library_call(call):
            return
        if method_name and re.search(RESET_HELPER, method_name):
            for arg in [*call.args, *(kw.value for kw in call.keywords)]:
                if isinstance(arg, (ast.Name, ast.Attribute)):
                    self._restore(arg, None, line, protected)
            if not call.args and not call.keywords:
                self.result.restores.append(Restore(None, None, line, protected))
            return
        if isinstance(func, ast.Name) and func.id in self.module.functions:
            if _function_resets_overrides(self.module.functions[func.id], self.module):
                self.result.restores.append(Restore(None, None, line, protected))

    def _mutation(self, call: ast.Call, receiver: ast.expr, method: str, guards: frozenset[str]) -> None:
        if method == "update":
            if call.args and isinstance(call.args[0], ast.Dict):
                self._set(call, receiver, _dict_keys(call.args[0]), guards, False)
            elif call.args:
                site = self._site(call, receiver, (None,))
                if site is not None and not self._guarded(site, guards):
                    self.result._pending_updates.append((site, False))
            elif call.keywords:
                self._set(call, receiver, (None,), guards, False)
        elif call.args:
            self._set(call, receiver, (_text(call.args[0]),), guards, False)

    def _site(self, node: ast.AST, receiver: ast.expr, keys: tuple[str | None, ...]) -> OverrideSet | None:
        return OverrideSet(
            getattr(node, "lineno", 0), getattr(node, "col_offset", 0), _text(receiver), receiver, keys
        )

    def _guarded(self, site: OverrideSet, guards: frozenset[str]) -> bool:
        return "*" in guards or site.receiver in guards

    def _set(
        self, node: ast.AST, receiver: ast.expr, keys: tuple[str | None, ...], guards: frozenset[str], deferred: bool
    ) -> None:
        if deferred:
            return
        site = self._site(node, receiver, keys)
        if site is not None and not self._guarded(site, guards):
            self.result.sets.append(site)

    def _restore(self, receiver: ast.expr | None, key: str | None, line: int, protected: bool) -> None:
        self.result.restores.append(Restore(_text(receiver) if receiver is not None else None, key, line, protected))

    # -- context managers --
    def _with_guards(self, node: ast.With | ast.AsyncWith) -> frozenset[str]:
        """Receivers whose overrides a ``with`` may restore on exit: an unknown manager given the app."""
        guards: set[str] = set()
        for item in node.items:
            expr = item.context_expr
            if self._mentions_overrides(expr):
                guards.add("*")  # patch.dict(app.dependency_overrides, ...), an override helper
                continue
            if not isinstance(expr, ast.Call) or self._is_library_call(expr):
                continue
            for arg in [*expr.args, *(kw.value for kw in expr.keywords)]:
                for sub in ast.walk(arg):
                    if isinstance(sub, (ast.Name, ast.Attribute)):
                        guards.add(_text(sub))
        return frozenset(guards)

    @staticmethod
    def _mentions_overrides(expr: ast.AST) -> bool:
        return any(
            (isinstance(sub, ast.Attribute) and sub.attr == OVERRIDES)
            or (isinstance(sub, ast.Constant) and sub.value == OVERRIDES)
            for sub in walk_tree(expr)
        )

    def _is_library_call(self, call: ast.Call) -> bool:
        qualified = self.module.imports.qualified_name(call.func, self.scope)
        if qualified is None:
            return False
        return qualified.startswith(KNOWN_LIBRARIES)


def _dict_keys(value: ast.Dict) -> tuple[str | None, ...]:
    return tuple(_text(key) if key is not None else None for key in value.keys) or (None,)


def _function_resets_overrides(function: FunctionDefNode, module: ModuleModel) -> bool:
    """A module helper (``reset_overrides()``) that clears or rebinds some app's overrides."""
    for node in walk_body(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("clear", "pop") and _overrides_receiver(node.func.value) is not None:
                return True
        if isinstance(node, ast.Assign) and any(_overrides_receiver(t) is not None for t in node.targets):
            return True
        if isinstance(node, ast.Delete):
            return True
    return False


def _may_set_overrides(function: FunctionDefNode, module: ModuleModel) -> bool:
    """Whether ``function`` sets overrides; no scan at all when its lines never name them (every set does).

    The scan is the one its caller goes on with (cached): a scan of only the statements on those lines
    first, which would find the same sets or more, saves nothing once most such functions set some.
    """
    if not node_spans_a_line(function, lines_mentioning(module.source, (OVERRIDES,))):
        return False
    return bool(scan_function(function, module).sets)


# function -> (id of its module, its scan); entries go when the tree is freed
_SCANS: WeakKeyDictionary[ast.AST, tuple[int, BodyScan]] = WeakKeyDictionary()


def scan_function(function: FunctionDefNode, module: ModuleModel) -> BodyScan:
    """The override sets and restores of ``function``, worked out once per function (read-only)."""
    cached = _SCANS.get(function)
    if cached is not None and cached[0] == id(module):
        return cached[1]
    scan = _Scanner(module, function).scan_function(function)
    _SCANS[function] = (id(module), scan)
    return scan


class Coverage:
    """What other code (fixtures, teardown methods) undoes after a test: every key, or some."""

    __slots__ = ("everything", "keys")

    def __init__(self, everything: bool = False, keys: frozenset[str] = frozenset()) -> None:
        self.everything = everything
        self.keys = keys

    def __or__(self, other: Coverage) -> Coverage:
        return Coverage(self.everything or other.everything, self.keys | other.keys)

    def covers(self, key: str | None) -> bool:
        return self.everything or (key is not None and key in self.keys) or (key is None and bool(self.keys))


def _teardown_coverage(function: FunctionDefNode, module: ModuleModel, whole_body: bool) -> Coverage:
    """The restores ``function`` runs as teardown (after its yield, in finalizers, or all of it)."""
    scan = scan_function(function, module)
    if scan.guard_all or scan.guarded:
        return Coverage(everything=True)
    if not scan.restores:
        return Coverage()  # most fixtures in a closure: no walk for their yield
    yield_line = None if whole_body else _first_yield_line(function)
    coverage = Coverage()
    for restore in scan.restores:
        if whole_body or restore.line == FAR_AWAY or (yield_line is not None and restore.line > yield_line):
            coverage = coverage | (
                Coverage(everything=True) if restore.key is None else Coverage(keys=frozenset({restore.key}))
            )
    return coverage


def _fixtures_coverage(fixtures: Iterable[Fixture], ctx: Context) -> Coverage:
    coverage = Coverage()
    for fixture in fixtures:
        module = _module_of_fixture(fixture, ctx) or ctx.module
        coverage = coverage | _teardown_coverage(fixture.node, module, whole_body=False)
    return coverage


def _class_methods(cls: ast.ClassDef) -> dict[str, FunctionDefNode]:
    return {s.name: s for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _unrestored(
    site: OverrideSet, scan: BodyScan, coverage: Coverage, require_protected: bool
) -> list[str | None] | None:
    """The keys of ``site`` nothing restores; ``None`` when everything is restored."""
    if scan.guard_all or site.receiver in scan.guarded:
        return None
    missing: list[str | None] = []
    for key in site.keys:
        if coverage.covers(key):
            continue
        restored = False
        for restore in scan.restores:
            if restore.receiver not in (None, site.receiver) or restore.line <= site.line:
                continue
            if require_protected and not restore.protected:
                continue
            if restore.key is None or restore.key == key or key is None:
                restored = True
                break
        if not restored:
            missing.append(key)
    return missing or None


# --------------------------------------------------------------------------------------------
# Where an app comes from: shared between tests (module level, imported) or fresh
# --------------------------------------------------------------------------------------------


class AppOrigin:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._module_names: dict[int, set[str]] = {}

    def module_names(self, module: ModuleModel) -> set[str]:
        key = id(module)
        if key not in self._module_names:
            self._module_names[key] = _module_names(module)
        return self._module_names[key]

    def of(
        self, expr: ast.expr, function: FunctionDefNode | None, module: ModuleModel,
        fixtures: dict[str, Fixture], depth: int = 0,
    ) -> str | None:
        """``"shared"`` (module level or imported), ``"fresh"`` (built per call) or ``None`` (unknown)."""
        if depth > 5:
            return None
        if isinstance(expr, ast.Await):
            expr = expr.value
        if isinstance(expr, ast.Call):
            return "fresh" if function is not None else None
        if isinstance(expr, ast.Attribute):
            root = _root_name(expr)
            if root is None:
                return None
            if function is not None and (root.id in _local_names(function) or root.id in parameter_names(function)):
                return None
            return "shared" if root.id in self.module_names(module) else None
        if not isinstance(expr, ast.Name):
            return None
        name = expr.id
        if function is not None:
            if name in _local_names(function):
                values = _bound_values(function, name)
                if values is None:
                    return None
                origins = {self.of(value, function, module, fixtures, depth + 1) for value in values}
                return origins.pop() if len(origins) == 1 else None
            if name in parameter_names(function):
                fixture = fixtures.get(name)
                return self._fixture_origin(fixture, depth) if fixture is not None else None
        return "shared" if name in self.module_names(module) else None

    def _fixture_origin(self, fixture: Fixture, depth: int) -> str | None:
        module = _module_of_fixture(fixture, self.ctx)
        if module is None:
            return None
        produced = produced_values(fixture.node)
        if not produced:
            return None
        lookup = _fixture_lookup(self.ctx)
        lookup.pop(fixture.name, None)
        origins = {self.of(value, fixture.node, module, lookup, depth + 1) for value in produced}
        if len(origins) != 1:
            return None
        origin = origins.pop()
        if origin == "fresh":
            if fixture.scope == "function":
                return "fresh"
            return "shared" if fixture.scope is not None else None
        return origin


def _bound_values(function: FunctionDefNode, name: str) -> list[ast.expr] | None:
    """The values assigned to ``name`` in ``function``; ``None`` when bound some other way."""
    values: list[ast.expr] = []
    for node in walk_body(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    values.append(node.value)
                elif any(isinstance(sub, ast.Name) and sub.id == name for sub in ast.walk(target)):
                    return None
        elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and isinstance(node.target, ast.Name):
            if node.target.id == name:
                if node.value is None:
                    continue
                values.append(node.value)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None and any(
                    isinstance(sub, ast.Name) and sub.id == name for sub in ast.walk(item.optional_vars)
                ):
                    return None  # `with make_app() as app`: whatever the manager yields
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            if any(isinstance(sub, ast.Name) and sub.id == name for sub in ast.walk(node.target)):
                return None
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            return None
    return values or None


# --------------------------------------------------------------------------------------------
# ATP401
# --------------------------------------------------------------------------------------------


class OverridesNotCleared(Rule):
    """
    ## What it does
    Finds FastAPI dependency overrides (`app.dependency_overrides[dep] = fake`,
    `app.dependency_overrides.update({...})`) installed on an app that outlives the test, with
    nothing that takes them out again:

    - in a test, with no `.clear()`, `.pop(dep)`, `del ...[dep]` or
      `app.dependency_overrides = {}` after it (for a test marked `xfail`, the cleanup must be in a
      `finally` block, since the expected failure skips the rest of the test);
    - in a fixture, with no such cleanup after its `yield` or in a `request.addfinalizer`
      (a fixture that `return`s cannot clean up at all);
    - in `setup_method` / `setup_function` / `setup_module` without the matching teardown;
    - at module level of a test module, where it runs at collection and stays on for the session.

    Only the overrides that are not restored are reported: a fixture that sets five and pops one
    leaks four. It stays silent when an autouse fixture, a fixture the test requests, or a
    `teardown_method` clears the overrides; for `monkeypatch.setitem(app.dependency_overrides, ...)`,
    `patch.dict(app.dependency_overrides, ...)`, an override set inside a `with` block of a context
    manager it cannot see through that is given the app, and when the app is built inside the
    test or fixture (or by a function-scoped fixture), since that app dies with the test.

    ## Why is this bad?
    `dependency_overrides` is a plain dict on the app object, and the app is usually a module-level
    object shared by the whole session. An override that is never removed stays active for every
    later test: they pass or fail depending on the order they run in. In the runtime cases the
    next test fails with `AssertionError: assert {'name': 'root', 'admin': True} == {'name':
    'anonymous', 'admin': False}`, and a partially restored fixture makes unrelated tests fail
    far away from the fixture.

    ## Example
    ```python
    from app import app, get_current_user

    def test_me_as_admin(client):
        app.dependency_overrides[get_current_user] = lambda: {"name": "root", "admin": True}
        assert client.get("/me").json()["admin"] is True
    ```

    ## Use instead
    ```python
    def test_me_as_admin(client, monkeypatch):
        monkeypatch.setitem(app.dependency_overrides, get_current_user, lambda: {"name": "root", "admin": True})
        assert client.get("/me").json()["admin"] is True

    @pytest.fixture
    def admin_client():
        app.dependency_overrides[get_current_user] = lambda: {"name": "root", "admin": True}
        yield TestClient(app)
        app.dependency_overrides.clear()
    ```

    ## References
    - FastAPI: [Testing Dependencies with Overrides](https://fastapi.tiangolo.com/advanced/testing-dependencies/)
    - pytest: [monkeypatch.setitem](https://docs.pytest.org/en/stable/how-to/monkeypatch.html)
    - pytest: [Teardown/Cleanup (yield fixtures)](https://docs.pytest.org/en/stable/how-to/fixtures.html#teardown-cleanup-aka-fixture-finalization)
    """

    code = "ATP401"
    name = "overrides-not-cleared"
    summary = "dependency override that is never cleared and leaks into later tests"
    message = "Dependency override on `{target}` {place} {problem}; it leaks into later tests: {fix}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.source_may_mention(OVERRIDES):
            return  # every finding is on a line that sets `dependency_overrides`
        origin = AppOrigin(ctx)
        reported: set[int] = set()
        for finding in self._findings(ctx, origin):
            if finding.line not in reported:
                reported.add(finding.line)
                yield finding

    def _findings(self, ctx: Context, origin: AppOrigin) -> Iterator[Finding]:
        module = ctx.module
        for test in module.tests:
            yield from self._check_test(test, ctx, origin)
        for fixture in module.all_fixtures:
            yield from self._check_fixture(fixture, ctx, origin)
        if module.is_test_module:
            yield from self._check_xunit(ctx, origin)
            yield from self._check_module_level(ctx, origin)

    # -- tests --
    def _check_test(self, test: CollectedTest, ctx: Context, origin: AppOrigin) -> Iterator[Finding]:
        if not _may_set_overrides(test.node, ctx.module):
            return
        scan = scan_function(test.node, ctx.module)
        if not scan.sets:
            return
        closure = ctx.closure_of(test)
        if not closure.complete and self._closure_hides_project_fixture(closure.names, ctx, test.class_fixtures):
            return
        coverage = _fixtures_coverage(closure.fixtures, ctx) | self._xunit_teardown_coverage(test, ctx)
        xfail = test.marks.has("xfail")
        fixtures = _fixture_lookup(ctx, test.class_fixtures)
        for site in scan.sets:
            missing = _unrestored(site, scan, coverage, require_protected=xfail)
            if missing is None or origin.of(site.receiver_expr, test.node, ctx.module, fixtures) != "shared":
                continue
            cleaned_late = xfail and _unrestored(site, scan, coverage, require_protected=False) is None
            problem = (
                "is cleared only when the test passes, and it is marked `xfail`" if cleaned_late
                else self._problem(site, missing, scan)
            )
            yield self._report(site, f"in test `{test.name}`", problem, "clear it in a `finally` block or use `monkeypatch.setitem`")

    def _closure_hides_project_fixture(
        self, names: set[str], ctx: Context, class_fixtures: dict[str, Fixture] | None = None
    ) -> bool:
        """Some requested fixture is defined in project code we cannot see (imported, star-imported)."""
        known = _fixture_lookup(ctx, class_fixtures)
        missing = {name for name in names if name not in known}
        if any(name_is_imported_fixture(name, ctx.scopes) for name in missing):
            return True
        return bool(missing) and any(scope.imports.star_imports or scope.pytest_plugins for scope in ctx.scopes)

    def _xunit_teardown_coverage(self, test: CollectedTest, ctx: Context) -> Coverage:
        coverage = Coverage()
        names = ["teardown_module", "tearDownModule"]
        if test.classes:
            methods = _class_methods(test.classes[-1])
            for name in ("teardown_method", "teardown_class", "teardown"):
                if name in methods:
                    coverage = coverage | _teardown_coverage(methods[name], ctx.module, whole_body=True)
        else:
            names.append("teardown_function")
        for name in names:
            if name in ctx.module.functions:
                coverage = coverage | _teardown_coverage(ctx.module.functions[name], ctx.module, whole_body=True)
        return coverage

    # -- fixtures --
    def _check_fixture(self, fixture: Fixture, ctx: Context, origin: AppOrigin) -> Iterator[Finding]:
        if not _may_set_overrides(fixture.node, ctx.module):
            return
        scan = scan_function(fixture.node, ctx.module)
        if not scan.sets:
            return
        requested = set(fixture.argnames)
        closure = closure_of_names(requested, ctx.scopes)
        if not closure.complete and self._closure_hides_project_fixture(closure.names, ctx):
            return
        others = [f for f in closure.fixtures if f.node is not fixture.node]
        autouse = [f for f in autouse_fixtures(ctx.scopes, {}) if f.node is not fixture.node]
        coverage = _fixtures_coverage([*others, *autouse], ctx)
        fixtures = _fixture_lookup(ctx)
        fixtures.pop(fixture.name, None)
        is_generator = fixture.is_generator
        for site in scan.sets:
            missing = _unrestored(site, scan, coverage, require_protected=False)
            if missing is None or origin.of(site.receiver_expr, fixture.node, ctx.module, fixtures) != "shared":
                continue
            fix = "clear it after `yield`" if is_generator else "make it a `yield` fixture that clears it after `yield`"
            yield self._report(site, f"in fixture `{fixture.name}`", self._problem(site, missing, scan), fix + " or use `monkeypatch.setitem`")

    # -- xunit setup --
    def _check_xunit(self, ctx: Context, origin: AppOrigin) -> Iterator[Finding]:
        module = ctx.module
        for name in ("setup_module", "setUpModule", "setup_function"):
            function = module.functions.get(name)
            if function is not None and _may_set_overrides(function, module):
                coverage = self._autouse_coverage(ctx) | self._teardowns(module.functions, XUNIT_TEARDOWNS[name], module)
                yield from self._check_setup(function, name, coverage, ctx, origin)
        seen: set[int] = set()
        for test in module.tests:
            if not test.classes or id(test.classes[-1]) in seen:
                continue
            cls = test.classes[-1]
            seen.add(id(cls))
            methods = _class_methods(cls)
            for name in ("setup_method", "setup_class"):
                function = methods.get(name)
                if function is not None and _may_set_overrides(function, module):
                    class_cover = _fixtures_coverage(autouse_fixtures((), test.class_fixtures), ctx)
                    coverage = self._autouse_coverage(ctx) | class_cover | self._teardowns(methods, XUNIT_TEARDOWNS[name], module)
                    yield from self._check_setup(function, f"`{name}` of `{cls.name}`", coverage, ctx, origin)

    @staticmethod
    def _autouse_coverage(ctx: Context) -> Coverage:
        """What the autouse fixtures in scope undo (worked out only for a setup that sets overrides)."""
        return ctx.shared("autouse override coverage", lambda: _fixtures_coverage(autouse_fixtures(ctx.scopes, {}), ctx))

    @staticmethod
    def _teardowns(functions: dict[str, FunctionDefNode], names: tuple[str, ...], module: ModuleModel) -> Coverage:
        coverage = Coverage()
        for name in names:
            if name in functions:
                coverage = coverage | _teardown_coverage(functions[name], module, whole_body=True)
        return coverage

    def _check_setup(
        self, function: FunctionDefNode, where: str, coverage: Coverage, ctx: Context, origin: AppOrigin
    ) -> Iterator[Finding]:
        scan = scan_function(function, ctx.module)  # the callers asked `_may_set_overrides` first
        for site in scan.sets:
            missing = _unrestored(site, scan, coverage, require_protected=False)
            if missing is None or origin.of(site.receiver_expr, function, ctx.module, {}) != "shared":
                continue
            label = "in " + (where if where.startswith("`") else f"`{where}`")
            teardown = "teardown" + function.name[len("setup"):] if function.name.startswith("setup") else "tearDownModule"
            yield self._report(site, label, self._problem(site, missing, scan), f"clear it in `{teardown}` or use an autouse `yield` fixture")

    # -- module level --
    def _module_teardown_coverage(self, ctx: Context) -> Coverage:
        """Anything in the module (or an autouse fixture in scope) that clears overrides at some point."""
        coverage = _fixtures_coverage(autouse_fixtures(ctx.scopes, {}), ctx)
        for node, _ in ctx.module.index.functions:
            coverage = coverage | _teardown_coverage(node, ctx.module, whole_body=True)
        return coverage

    def _check_module_level(self, ctx: Context, origin: AppOrigin) -> Iterator[Finding]:
        body = ctx.module.tree.body
        # every set names `dependency_overrides` on its line: the statements on those lines tell whether there is one
        if not _Scanner(ctx.module, None, lines_mentioning(ctx.source, (OVERRIDES,))).scan_module(body).sets:
            return
        scan = _Scanner(ctx.module, None).scan_module(body)
        coverage = self._module_teardown_coverage(ctx)
        for site in scan.sets:
            missing = _unrestored(site, scan, coverage, require_protected=False)
            if missing is None or origin.of(site.receiver_expr, None, ctx.module, {}) != "shared":
                continue
            yield self._report(
                site, "at module level", self._problem(site, missing, scan),
                "set it in a fixture that clears it after `yield`, or use `monkeypatch.setitem` in the tests",
            )

    # -- messages --
    @staticmethod
    def _problem(site: OverrideSet, missing: list[str | None], scan: BodyScan) -> str:
        named = [key for key in missing if key is not None]
        if len(missing) < len(site.keys) and named:
            return "is not restored for " + ", ".join(f"`{key}`" for key in named)
        restored = sorted({r.key for r in scan.restores if r.receiver == site.receiver and r.key is not None})
        if restored and named:
            return "is never removed (only " + ", ".join(f"`{key}`" for key in restored) + " is)"
        return "is never cleared"

    def _report(self, site: OverrideSet, where: str, problem: str, fix: str) -> Finding:
        finding = self.finding(site.line, target=f"{site.receiver}.{OVERRIDES}", place=where, problem=problem, fix=fix)
        return Finding(site.line, site.col, finding.code, finding.message)


# --------------------------------------------------------------------------------------------
# ATP403 / ATP404: httpx clients used like Starlette's TestClient
# --------------------------------------------------------------------------------------------

HTTPX_CLIENTS = ("httpx.AsyncClient", "httpx.Client")


def _sites_naming(ctx: Context, *qualnames: str) -> CallSites:
    """The calls (with their defs and parents) of statements that may name one of ``qualnames``, found from
    the text."""
    return call_sites(ctx.module.tree, ctx.source, ctx.module.imports.spelling_words(*qualnames), followed_by="(")


class AsyncClientAppShortcut(Rule):
    """
    ## What it does
    Finds `httpx.AsyncClient(app=...)` and `httpx.Client(app=...)`, under any import alias, anywhere
    in a module: tests, fixtures, helpers and module level (`httpx2`, httpx's successor with the
    same API, included). Starlette's and FastAPI's `TestClient(app=...)` is correct and is not
    reported, and neither is a project whose declared httpx requirement admits only versions
    before 0.27 (`httpx==0.24.*`, Poetry's `^0.23`), where the shortcut still works.

    ## Why is this bad?
    The `app=` shortcut was deprecated in httpx 0.27 and removed in 0.28. With a current httpx the
    client is never built: the test or fixture errors with `TypeError: AsyncClient.__init__() got an
    unexpected keyword argument 'app'`. On 0.27 the sync `Client(app=...)` wraps the app in a
    WSGI transport, which cannot drive an ASGI app such as FastAPI, so the request fails there too.

    ## Example
    ```python
    async def test_health():
        async with httpx.AsyncClient(app=app, base_url="http://test") as client:
            assert (await client.get("/health")).status_code == 200
    ```

    ## Use instead
    ```python
    async def test_health():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            assert (await client.get("/health")).status_code == 200
    ```
    In a sync test, use Starlette's `TestClient(app)`.

    ## References
    - httpx: [Transports: ASGI Transport](https://www.python-httpx.org/advanced/transports/#asgi-transport)
    - httpx: [Changelog 0.28.0 (removal of the `app` argument)](https://github.com/encode/httpx/blob/master/CHANGELOG.md#0280-28th-november-2024)
    - FastAPI: [Async Tests](https://fastapi.tiangolo.com/advanced/async-tests/)
    """

    code = "ATP403"
    name = "asyncclient-app-shortcut"
    summary = "`httpx.AsyncClient(app=...)`, removed in httpx 0.28"
    message = "The `app=` shortcut of `{client}` raises TypeError on httpx 0.28 and later; {fix}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not (ctx.source_may_mention(*first_parts(*HTTPX_CLIENTS)) and ctx.source_may_mention("app")):
            return  # an httpx client (imported from `httpx`) called with `app=`
        if pinned_below(ctx.project.directory, ctx.project.config.rootdir, "httpx", HTTPX_APP_DEPRECATED):
            return  # every declared httpx predates the deprecation: the shortcut works there
        imports = ctx.module.imports
        # the `app=` keyword is on the call's lines: far fewer than those naming a client or an app
        for call, scope in call_sites(ctx.module.tree, ctx.source, ("app",), followed_by="=").calls:
            if not any(kw.arg == "app" for kw in call.keywords):
                continue
            qualified = imports.qualified_name(call.func, scope)
            if qualified not in HTTPX_CLIENTS:
                continue
            if qualified == "httpx.AsyncClient":
                fix = "pass `transport=httpx.ASGITransport(app=...)` instead"
            else:
                fix = "use Starlette's `TestClient(app)` or `transport=httpx.ASGITransport(app=...)` with `httpx.AsyncClient`"
            yield self.finding(call, client=qualified, fix=fix)


class AsyncClientWebsocket(Rule):
    """
    ## What it does
    Finds `.websocket_connect(...)` called on an `httpx.AsyncClient` (or `httpx.Client`): a client
    built in the same function (`async with httpx.AsyncClient(...) as client`), at module level,
    or handed over by a fixture that returns or yields one, or a parameter annotated as one.
    When the receiver cannot be traced to an httpx client it stays silent.

    ## Why is this bad?
    httpx has no WebSocket support; `websocket_connect` exists only on Starlette's `TestClient`.
    The test fails with `AttributeError: 'AsyncClient' object has no attribute
    'websocket_connect'`, often after the author swapped `TestClient` for `AsyncClient` to make
    the test async.

    ## Example
    ```python
    async def test_echo():
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
            async with client.websocket_connect("/ws") as ws:
                await ws.send_text("hi")
    ```

    ## Use instead
    ```python
    from httpx_ws import aconnect_ws
    from httpx_ws.transport import ASGIWebSocketTransport

    async def test_echo():
        async with AsyncClient(transport=ASGIWebSocketTransport(app=app), base_url="http://test") as client:
            async with aconnect_ws("/ws", client) as ws:
                await ws.send_text("hi")
    ```
    or test the WebSocket from a sync test with `with TestClient(app) as client:
    client.websocket_connect("/ws")`.

    ## References
    - Starlette: [TestClient, testing WebSocket sessions](https://www.starlette.io/testclient/#testing-websocket-sessions)
    - FastAPI: [Testing WebSockets](https://fastapi.tiangolo.com/advanced/testing-websockets/)
    - httpx-ws: [Testing ASGI apps with `ASGIWebSocketTransport`](https://frankie567.github.io/httpx-ws/usage/asgi/)
    """

    code = "ATP404"
    name = "asyncclient-websocket"
    summary = "`websocket_connect` called on an httpx client, which has no WebSocket support"
    message = "WebSocket opened on `{client}`, which has no `websocket_connect` (AttributeError); use `httpx_ws.aconnect_ws` with `ASGIWebSocketTransport`, or `TestClient.websocket_connect` in a sync test"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.source_may_mention("websocket_connect"):
            return
        module = ctx.module
        fixtures_by_function: dict[int, dict[str, Fixture]] | None = None
        for call, scope in call_sites(module.tree, ctx.source, ("websocket_connect",), followed_by="(").calls:
            func = call.func
            if not isinstance(func, ast.Attribute) or func.attr != "websocket_connect":
                continue
            if fixtures_by_function is None:
                fixtures_by_function = self._fixture_maps(ctx)
            qualified = self._client_of(func.value, scope, ctx, fixtures_by_function.get(id(scope)))
            if qualified in HTTPX_CLIENTS:
                yield self.finding(call, client=qualified)

    @staticmethod
    def _fixture_maps(ctx: Context) -> dict[int, dict[str, Fixture]]:
        """For tests and fixtures of this module: the fixtures their parameters name."""
        maps: dict[int, dict[str, Fixture]] = {}
        for test in ctx.module.tests:
            maps[id(test.node)] = _fixture_lookup(ctx, test.class_fixtures)
        for fixture in ctx.module.all_fixtures:
            lookup = _fixture_lookup(ctx)
            lookup.pop(fixture.name, None)  # a fixture overriding its namesake sees the outer one: unknown
            maps[id(fixture.node)] = lookup
        return maps

    @staticmethod
    def _client_of(
        expr: ast.expr, scope: FunctionDefNode | None, ctx: Context, fixtures: dict[str, Fixture] | None
    ) -> str | None:
        module = ctx.module
        if scope is not None:
            value = expr_value(expr, scope, module, fixtures)
            if value is not None:
                return value.qualname
            if not isinstance(expr, ast.Name):
                return None
            if expr.id in _local_names(scope):
                return None
            if expr.id in parameter_names(scope):
                for arg in [*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs]:
                    if arg.arg == expr.id and arg.annotation is not None:
                        if fixtures is not None and expr.id in fixtures:
                            return None  # the fixture was traced and disagrees or is unknown
                        return module.imports.qualified_name(arg.annotation, scope)
                return None
        if not isinstance(expr, ast.Name):
            return None
        values = [
            statement.value
            for statement in module.tree.body
            if isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == expr.id for t in statement.targets)
        ]
        if len(values) == 1 and isinstance(values[0], ast.Call):
            return module.imports.qualified_name(values[0].func)
        return None


# --------------------------------------------------------------------------------------------
# ATP402
# --------------------------------------------------------------------------------------------

TESTCLIENT = "starlette.testclient.TestClient"
_CLIENT_CONSTRUCTORS = (TESTCLIENT, "httpx.AsyncClient")
LIFESPAN_MANAGER = "asgi_lifespan.LifespanManager"


class ClientSite:
    """A test client built on an app: ``TestClient(app)`` or ``AsyncClient(app=app)``."""

    __slots__ = ("call", "scope", "app_expr", "kind")

    def __init__(self, call: ast.Call, scope: FunctionDefNode | None, app_expr: ast.expr, kind: str) -> None:
        self.call = call
        self.scope = scope
        self.app_expr = app_expr
        self.kind = kind  # "testclient" or "asyncclient"


def _called_name(func: ast.expr) -> str | None:
    """``lifespan`` for ``lifespan(...)`` and for ``app_module.lifespan(...)``."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _overrides_dependencies(function: FunctionDefNode) -> bool:
    """Whether ``function`` sets ``X.dependency_overrides[...]`` or calls its ``update()``."""
    for node in walk_body(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute):
                    if target.value.attr == OVERRIDES:
                        return True
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update":
            if isinstance(node.func.value, ast.Attribute) and node.func.value.attr == OVERRIDES:
                return True
    return False


class LifespanNotRun(Rule):
    """
    ## What it does
    Finds test clients that never run the app's lifespan, for an app that has one: a
    `FastAPI(lifespan=...)` / `Starlette(lifespan=...)`, `on_startup=[...]`, an
    `@app.on_event("startup")` or `app.add_event_handler("startup", ...)` handler, or
    `app.router.lifespan_context = ...`. The app is followed through the test's imports to its
    module (`from app import app` finds `app.py` next to the test, under the rootdir or under
    `rootdir/src`); that module is parsed, never imported. Reported on the client's constructor:

    - `TestClient(app)` that is never entered with `with` (assigned and used directly, chained
      as `TestClient(app).get(...)`, or returned / yielded by a fixture);
    - `httpx.AsyncClient(transport=ASGITransport(app=app))` without an
      `asgi_lifespan.LifespanManager` around it.

    It stays silent when the app cannot be followed, when the transport gets `manager.app` (or any
    other attribute it cannot see through), when the test or its fixtures run the lifespan another
    way (`LifespanManager`, `with TestClient(app)`, `app.router.startup()`, calling the lifespan
    function), and when the function that builds the client, or a fixture it requests, sets by
    hand what the startup code would set (`app.state.catalog = ...` for a lifespan that sets
    `app.state.catalog`, or a module global the startup handler fills). It is also silent when
    the startup code sets no state the linter can see (it only calls, say,
    `create_db_and_tables()`) and the test or its fixtures override the app's dependencies:
    SQLModel's tutorial tests swap the session for an in-memory one, so the tables the startup
    handler would create in the app's own database are never needed.

    ## Why is this bad?
    Starlette's `TestClient` sends the ASGI lifespan events only inside `with TestClient(app)`,
    and httpx's `ASGITransport` never sends them. The startup code does not run, so whatever it
    sets up is missing: the request fails with `AttributeError: 'State' object has no attribute
    'catalog'`, a `KeyError` from an empty registry, or a missing `request.state` key.

    ## Example
    ```python
    client = TestClient(app)

    def test_product():
        assert client.get("/products/sku-1").json()["name"] == "Widget"
    ```

    ## Use instead
    ```python
    def test_product():
        with TestClient(app) as client:
            assert client.get("/products/sku-1").json()["name"] == "Widget"

    @pytest.fixture
    async def client():
        async with LifespanManager(app) as manager:
            async with AsyncClient(transport=ASGITransport(app=manager.app), base_url="http://t") as c:
                yield c
    ```

    ## References
    - Starlette: [TestClient, lifespan](https://www.starlette.io/lifespan/#running-lifespan-in-tests)
    - FastAPI: [Testing Events: lifespan and startup - shutdown](https://fastapi.tiangolo.com/advanced/testing-events/)
    - asgi-lifespan: [LifespanManager](https://github.com/florimondmanca/asgi-lifespan#usage)
    """

    code = "ATP402"
    name = "lifespan-not-run"
    summary = "test client that never runs the app's lifespan or startup handlers"
    message = "The {what} of `{app}` never runs: {client}; {fix}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.source_may_mention(*last_parts(TESTCLIENT, "httpx.AsyncClient")):
            return  # every finding is on a client built in this module
        module = ctx.module
        sites = list(self._client_sites(ctx))
        if not sites:
            return
        from flake8_async_testing.inference.asgi_app import AppResolver

        resolver = AppResolver(ctx.project.config.rootdir)
        parents = _sites_naming(ctx, *_CLIENT_CONSTRUCTORS).parents
        for site in sites:
            startup = resolver.startup_of(site.app_expr, module, site.scope)
            if startup is None or not startup.runs_code:
                continue
            if site.kind == "testclient" and self._testclient_entered(site, ctx, parents):
                continue
            if self._lifespan_run_elsewhere(site, ctx, parents, startup):
                continue
            if site.kind == "testclient":
                client = "`TestClient` is not entered with `with`"
                fix = "use `with TestClient(app) as client:` (or yield it from a fixture inside `with`)"
            else:
                client = "`ASGITransport` does not send lifespan events"
                fix = "wrap it in `async with asgi_lifespan.LifespanManager(app) as manager:` and pass `manager.app`"
            yield self.finding(site.call, client=client, what=startup.label or "lifespan", app=_text(site.app_expr), fix=fix)

    # -- where clients are built --
    def _client_sites(self, ctx: Context) -> Iterator[ClientSite]:
        imports = ctx.module.imports
        for call, scope in _sites_naming(ctx, *_CLIENT_CONSTRUCTORS).calls:
            qualified = imports.qualified_name(call.func, scope)
            if qualified == TESTCLIENT:
                app_expr = call.args[0] if call.args else next((kw.value for kw in call.keywords if kw.arg == "app"), None)
                if app_expr is not None and not isinstance(app_expr, ast.Starred):
                    yield ClientSite(call, scope, app_expr, "testclient")
            elif qualified == "httpx.AsyncClient":
                if any(kw.arg == "app" for kw in call.keywords):
                    continue  # ATP403's finding: this client is never built
                transport = next((kw.value for kw in call.keywords if kw.arg == "transport"), None)
                if transport is None:
                    continue
                app_expr = self._transport_app(transport, scope, ctx)
                if app_expr is not None:
                    yield ClientSite(call, scope, app_expr, "asyncclient")

    @staticmethod
    def _transport_app(transport: ast.expr, scope: FunctionDefNode | None, ctx: Context) -> ast.expr | None:
        module = ctx.module
        value: ast.expr | None = transport
        if isinstance(transport, ast.Name):
            if scope is not None and transport.id in _local_names(scope):
                found = _bound_values(scope, transport.id)
                value = found[0] if found and len(found) == 1 else None
            elif scope is not None and transport.id in parameter_names(scope):
                value = None  # a transport fixture: the app it wraps is out of this function
            else:
                value = _module_value(module, transport.id)
        if not isinstance(value, ast.Call):
            return None
        if module.imports.qualified_name(value.func, scope) != "httpx.ASGITransport":
            return None
        app_expr = value.args[0] if value.args else next((kw.value for kw in value.keywords if kw.arg == "app"), None)
        if app_expr is None or isinstance(app_expr, ast.Starred):
            return None
        return app_expr

    # -- is the TestClient entered? --
    def _testclient_entered(self, site: ClientSite, ctx: Context, parents: dict[ast.AST, ast.AST]) -> bool:
        parent = parents.get(site.call)
        if isinstance(parent, ast.withitem):
            return True
        if isinstance(parent, ast.Attribute):
            return parent.attr in ("__enter__", "__aenter__")
        if isinstance(parent, (ast.Assign, ast.AnnAssign)):
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            if len(targets) != 1 or not isinstance(targets[0], ast.Name):
                return True  # self.client = TestClient(app), tuple targets: followed elsewhere
            name = targets[0].id
            area: ast.AST = site.scope if site.scope is not None else ctx.module.tree
            return self._name_entered(name, area, whole=site.scope is None)
        if isinstance(parent, (ast.Return, ast.Yield)) and site.scope is not None:
            fixture = next((f for f in ctx.module.all_fixtures if f.node is site.scope), None)
            if fixture is None:
                return True  # a helper returns it: its callers may enter it
            return self._name_entered(fixture.name, ctx.module.tree, whole=True)
        return True  # an argument to something else (ExitStack.enter_context, a helper): unknown

    @staticmethod
    def _name_entered(name: str, area: ast.AST, *, whole: bool) -> bool:
        nodes = walk_tree(area) if whole else walk_body(area)
        for node in nodes:
            if isinstance(node, (ast.With, ast.AsyncWith)):
                if any(isinstance(item.context_expr, ast.Name) and item.context_expr.id == name for item in node.items):
                    return True
            elif isinstance(node, ast.Attribute) and node.attr in ("__enter__", "__aenter__"):
                if isinstance(node.value, ast.Name) and node.value.id == name:
                    return True
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == name:
                    continue  # client.get(...): a use, not a hand-over
                if any(isinstance(arg, ast.Name) and arg.id == name for arg in [*node.args, *(k.value for k in node.keywords)]):
                    return True  # handed to a helper or an ExitStack: it may be entered there
        return False

    # -- does something else run the lifespan, or stand in for it? --
    def _lifespan_run_elsewhere(
        self, site: ClientSite, ctx: Context, parents: dict[ast.AST, ast.AST], startup: AppStartup
    ) -> bool:
        functions: list[FunctionDefNode] = []
        if site.scope is not None:
            functions.append(site.scope)
            fixtures = self._related_fixtures(site.scope, ctx)
            if fixtures is None:
                return True
            functions.extend(fixtures)
        else:
            functions.extend(f.node for f in autouse_fixtures(ctx.scopes, {}))
        for function in functions:
            module = _module_of_function(function, ctx)
            if self._runs_lifespan(function, module, startup) or self._sets_state_by_hand(walk_body(function), startup):
                return True
        if not (startup.state_attrs or startup.globals_written) and any(_overrides_dependencies(f) for f in functions):
            # the startup code only has side effects (say, creating the app's tables) and the test
            # swaps the dependencies that would use them (sqlmodel's tutorial pattern): nothing is missing
            return True
        if site.scope is None:
            # a module-level client: the functions that use it may start the app or stand in for it
            name = self._bound_name(site, parents)
            for node, _ in ctx.module.index.functions:
                if name is None or any(isinstance(n, ast.Name) and n.id == name for n in walk_body(node)):
                    if self._runs_lifespan(node, ctx.module, startup) or self._sets_state_by_hand(walk_body(node), startup):
                        return True
            if self._sets_state_by_hand_at_module_level(ctx.module, startup):
                return True
        return False

    @staticmethod
    def _bound_name(site: ClientSite, parents: dict[ast.AST, ast.AST]) -> str | None:
        """The name a client is assigned to, following ``AsyncClient(...)`` inside ``async with ... as``."""
        parent = parents.get(site.call)
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
            return parent.targets[0].id
        return None

    def _sets_state_by_hand_at_module_level(self, module: ModuleModel, startup: AppStartup) -> bool:
        statements = [
            s for s in module.tree.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        ]
        return self._sets_state_by_hand([n for statement in statements for n in ast.walk(statement)], startup)

    def _related_fixtures(self, scope: FunctionDefNode, ctx: Context) -> list[FunctionDefNode] | None:
        """The fixtures that set up around ``scope`` (requested or autouse); ``None`` when out of sight."""
        test = next((t for t in ctx.module.tests if t.node is scope), None)
        if test is not None:
            closure = ctx.closure_of(test)
        else:
            fixture = next((f for f in ctx.module.all_fixtures if f.node is scope), None)
            if fixture is None:
                return []
            names = set(fixture.argnames) | {f.name for f in autouse_fixtures(ctx.scopes, {})}
            names.discard(fixture.name)
            closure = closure_of_names(names, ctx.scopes)
        if not closure.complete and self._hides_project_fixture(closure.names, ctx):
            return None
        return [f.node for f in closure.fixtures if f.node is not scope]

    @staticmethod
    def _hides_project_fixture(names: set[str], ctx: Context) -> bool:
        known = _fixture_lookup(ctx)
        missing = {name for name in names if name not in known}
        if any(name_is_imported_fixture(name, ctx.scopes) for name in missing):
            return True
        return bool(missing) and any(scope.imports.star_imports or scope.pytest_plugins for scope in ctx.scopes)

    @staticmethod
    def _runs_lifespan(function: FunctionDefNode, module: ModuleModel, startup: AppStartup) -> bool:
        for node in walk_body(function):
            if isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    expr = item.context_expr
                    if isinstance(expr, ast.Call):
                        qualified = module.imports.qualified_name(expr.func, function)
                        if qualified in (LIFESPAN_MANAGER, TESTCLIENT):
                            return True
                        if isinstance(expr.func, ast.Attribute) and expr.func.attr == "lifespan_context":
                            return True
                        if _called_name(expr.func) in startup.handler_names:
                            return True
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Attribute) and func.attr in ("startup", "lifespan_context", "_run_lifespan"):
                    return True
                qualified = module.imports.qualified_name(func, function)
                if qualified == LIFESPAN_MANAGER:
                    return True
                if _called_name(func) in startup.handler_names:
                    return True
        return False

    @staticmethod
    def _sets_state_by_hand(nodes: Iterable[ast.AST], startup: AppStartup) -> bool:
        for node in nodes:
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = list(node.targets)
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            elif isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in ("setattr", "setitem") and node.args:
                    first = node.args[0]
                    if isinstance(first, ast.Attribute) and first.attr == "state":
                        attr = string_of(node.args[1]) if len(node.args) > 1 else None
                        if attr is None or not startup.state_attrs or attr in startup.state_attrs:
                            return True
                    root = _root_name(first) if isinstance(first, ast.expr) else None
                    if root is not None and root.id in startup.globals_written:
                        return True
                    if isinstance(first, ast.Attribute) and first.attr in startup.globals_written:
                        return True
            for target in targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Attribute):
                    if target.value.attr == "state" and (not startup.state_attrs or target.attr in startup.state_attrs):
                        return True
                written = target.value if isinstance(target, ast.Subscript) else target
                if isinstance(written, ast.Name) and written.id in startup.globals_written:
                    return True
                if isinstance(written, ast.Attribute) and written.attr in startup.globals_written:
                    return True
        return False


def string_of(expr: ast.expr) -> str | None:
    return expr.value if isinstance(expr, ast.Constant) and isinstance(expr.value, str) else None


def _module_value(module: ModuleModel, name: str) -> ast.expr | None:
    values = [
        statement.value
        for statement in module.tree.body
        if isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
    ]
    return values[0] if len(values) == 1 else None


def _module_of_function(function: FunctionDefNode, ctx: Context) -> ModuleModel:
    for scope in ctx.scopes:
        if any(f.node is function for f in scope.all_fixtures):
            return scope
    return ctx.module


RULES: tuple[type[Rule], ...] = (OverridesNotCleared, LifespanNotRun, AsyncClientAppShortcut, AsyncClientWebsocket)
