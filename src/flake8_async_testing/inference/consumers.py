"""Who uses a fixture, and how: the tests that request it (also from other files below a
conftest.py), whether they wait on it, contend for it, or run in a narrower event loop.

Test modules outside the file being linted are parsed from disk (cached, never imported); the
search is bounded, and ``None`` means "cannot tell" (rules stay silent).
"""

from __future__ import annotations

import ast
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from flake8_async_testing.inference.fixtures import closure_for_test
from flake8_async_testing.module.imports import ImportMap
from flake8_async_testing.module.model import CollectedTest, CollectionRules, ModuleModel
from flake8_async_testing.module.pytest_defs import Fixture, file_matches, scope_rank
from flake8_async_testing.module.walk import FunctionDefNode, string_value, walk_body
from flake8_async_testing.project.model import ProjectModel, project_for_directory, read_python_module
from flake8_async_testing.settings import Settings

MAX_TEST_FILES = 300
MAX_WALKED_ENTRIES = 5000
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages", "build", "dist", "data"})
GATHERERS = frozenset({"asyncio.gather", "asyncio.tasks.gather"})
SPAWNERS = frozenset({"asyncio.create_task", "asyncio.ensure_future", "asyncio.tasks.create_task"})


class Consumer(NamedTuple):
    """A test whose fixture closure contains the fixture."""

    module: ModuleModel
    test: CollectedTest
    scopes: tuple[ModuleModel, ...]


def _test_files_below(directory: Path, rules: CollectionRules) -> list[Path] | None:
    found: list[Path] = []
    walked = 0
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        walked += len(dirs) + len(files)
        if walked > MAX_WALKED_ENTRIES:
            return None
        for name in sorted(files):
            if name.endswith(".py") and name != "conftest.py":
                path = Path(root) / name
                if file_matches(path, list(rules.python_files)):
                    found.append(path)
                    if len(found) > MAX_TEST_FILES:
                        return None
    return found


FixtureKey = tuple[str, int, "Path | None"]


def _key(fixture: Fixture) -> FixtureKey:
    return fixture.name, fixture.line, fixture.path


class Consumers:
    """The tests that end up using a fixture, found one test module at a time.

    Iterate once. Each test module is read from disk when the iteration reaches it and let go when it
    moves on, so that the trees of a wide fixture's hundreds of consumers are never all held at once
    (they were: 1.5x bare flake8's peak memory on 10,000 files). ``complete`` turns False when a test
    module cannot be read: a rule that needs every consumer then stays silent, while a rule that
    needs only some (two tests binding the same object) may still use those it saw.

    ``summaries`` (kept for the file being linted) records, per test module, the fixtures its tests
    use: a second fixture of the same conftest skips the modules that cannot hold its consumers.
    """

    def __init__(
        self,
        fixture: Fixture,
        sources: list[Path | ModuleModel],
        project: ProjectModel,
        settings: Settings,
        summaries: dict[Path, frozenset[FixtureKey] | None],
    ) -> None:
        self.fixture = fixture
        self.sources = sources
        self.project = project
        self.settings = settings
        self.summaries = summaries
        self.complete = True

    def __iter__(self) -> Iterator[Consumer]:
        wanted = _key(self.fixture)
        for source in self.sources:
            if isinstance(source, Path):
                summary = self.summaries.get(source, frozenset({wanted}))
                if summary is None or wanted not in summary:
                    self.complete = self.complete and summary is not None
                    continue
                model = read_python_module(source, self.project.collection)
                if model is None:
                    self.summaries[source] = None
                    self.complete = False
                    continue
                scopes = project_for_directory(source.parent, self.settings).with_module(model)
            else:
                model, scopes = source, self.project.with_module(source)
            used: set[FixtureKey] = set()
            found: list[CollectedTest] = []
            for test in model.tests:
                keys = {_key(f) for f in closure_for_test(test, scopes).fixtures}
                used |= keys
                if wanted in keys:
                    found.append(test)
            if isinstance(source, Path):
                self.summaries[source] = frozenset(used)
            for test in found:
                yield Consumer(model, test, scopes)


def consumers_of(
    fixture: Fixture,
    module: ModuleModel,
    project: ProjectModel,
    settings: Settings,
    summaries: dict[Path, frozenset[FixtureKey] | None] | None = None,
) -> Consumers | None:
    """The tests that end up using ``fixture`` (see ``Consumers``); ``None`` when they cannot all be
    listed: the fixture is neither in a test module nor in a conftest, or too many files lie below."""
    summaries = {} if summaries is None else summaries
    if module.is_test_module and fixture.path == module.path:
        return Consumers(fixture, [module], project, settings, summaries)
    if fixture.path is None or fixture.path.name != "conftest.py":
        return None
    files = _test_files_below(fixture.path.parent, project.collection)
    if files is None:
        return None
    sources: list[Path | ModuleModel] = [module if path == module.path else path for path in files]
    return Consumers(fixture, sources, project, settings, summaries)


def asyncio_loop_scope(test: CollectedTest, default: str) -> str | None:
    """The loop scope pytest-asyncio runs ``test`` in; ``None`` when not a literal."""
    marks = test.marks.named("asyncio")
    if not marks:
        return default
    mark = marks[-1]
    value = mark.keyword("loop_scope") or mark.keyword("scope")
    if value is None:
        return default
    scope = string_value(value)
    return scope if scope is not None and scope_rank(scope) >= 0 else None


# --- how a value is used ---------------------------------------------------------------------


def _calls(owner: ast.AST) -> Iterator[ast.Call]:
    for node in walk_body(owner):
        if isinstance(node, ast.Call):
            yield node


def _parameter_names(function: FunctionDefNode) -> list[str]:
    args = function.args
    return [arg.arg for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]]


def _argument_target(call: ast.Call, name: str, callee: FunctionDefNode, method: bool) -> str | None:
    """The parameter of ``callee`` that receives the local ``name`` in ``call``."""
    params = _parameter_names(callee)
    positional = [*callee.args.posonlyargs, *callee.args.args]
    if method and positional:
        positional = positional[1:]
    for index, arg in enumerate(call.args):
        if isinstance(arg, ast.Starred):
            return None
        if isinstance(arg, ast.Name) and arg.id == name:
            return positional[index].arg if index < len(positional) else None
    for kw in call.keywords:
        if isinstance(kw.value, ast.Name) and kw.value.id == name and kw.arg in params:
            return kw.arg
    return None


def _callee(call: ast.Call, module: ModuleModel, cls: ast.ClassDef | None) -> tuple[FunctionDefNode, bool] | None:
    func = call.func
    if isinstance(func, ast.Name) and func.id in module.functions:
        return module.functions[func.id], False
    if (
        cls is not None
        and isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
    ):
        for statement in cls.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == func.attr:
                return statement, True
    return None


def method_called_on(owner: ast.AST, name: str, methods: frozenset[str]) -> bool:
    """``name.m(...)`` for some ``m`` in ``methods`` inside ``owner``'s own body."""
    for call in _calls(owner):
        func = call.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in methods
            and isinstance(func.value, ast.Name)
            and func.value.id == name
        ):
            return True
    return False


def _acquires(owner: ast.AST, name: str) -> bool:
    for node in walk_body(owner):
        if isinstance(node, ast.AsyncWith):
            for item in node.items:
                if isinstance(item.context_expr, ast.Name) and item.context_expr.id == name:
                    return True
    return method_called_on(owner, name, frozenset({"acquire"}))


def _uses_through_helpers(
    function: FunctionDefNode, name: str, module: ModuleModel, cls: ast.ClassDef | None,
    predicate: Callable[[ast.AST, str], bool], depth: int = 0,
) -> bool:
    if predicate(function, name):
        return True
    if depth >= 2:
        return False
    for call in _calls(function):
        found = _callee(call, module, cls)
        if found is None:
            continue
        callee, is_method = found
        target = _argument_target(call, name, callee, is_method)
        if target is not None and _uses_through_helpers(callee, target, module, cls, predicate, depth + 1):
            return True
    return False


def waits_on(function: FunctionDefNode, name: str, methods: frozenset[str], module: ModuleModel,
             cls: ast.ClassDef | None = None) -> bool:
    """Whether ``function`` (or a same-module helper it passes ``name`` to) waits on ``name``."""
    return _uses_through_helpers(
        function, name, module, cls, lambda owner, local: method_called_on(owner, local, methods)
    )


def contends_for(function: FunctionDefNode, name: str, module: ModuleModel, imports: ImportMap,
                 cls: ast.ClassDef | None = None) -> bool:
    """Visible contention: two or more concurrently scheduled coroutines acquire ``name``.

    Seen as ``asyncio.gather(h(name), h(name), ...)`` or two ``asyncio.create_task(h(name))``
    where the same-module helper ``h`` acquires it (``async with`` / ``acquire()``).
    """
    spawned = 0
    for call in _calls(function):
        qualname = imports.qualified_name(call.func, function)
        if qualname in GATHERERS:
            acquiring = sum(1 for arg in call.args if _call_acquires(arg, name, module, cls))
            if acquiring >= 2:
                return True
        elif qualname in SPAWNERS and call.args and _call_acquires(call.args[0], name, module, cls):
            spawned += 1
    return spawned >= 2


def _call_acquires(expr: ast.expr, name: str, module: ModuleModel, cls: ast.ClassDef | None) -> bool:
    if not isinstance(expr, ast.Call):
        return False
    found = _callee(expr, module, cls)
    if found is None:
        return False
    callee, is_method = found
    target = _argument_target(expr, name, callee, is_method)
    return target is not None and _uses_through_helpers(callee, target, module, cls, _acquires)
