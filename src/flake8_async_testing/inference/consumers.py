"""Who uses a fixture, and how: the tests that request it (also from other files below a
conftest.py), whether they wait on it, contend for it, or run in a narrower event loop.

Test modules outside the file being linted are parsed from disk (cached, never imported); the
search is bounded, and ``None`` means "cannot tell" (rules stay silent).
"""

from __future__ import annotations

import ast
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from flake8_async_testing.inference.fixtures import closure_for_test
from flake8_async_testing.module.imports import ImportMap
from flake8_async_testing.module.model import CollectedTest, CollectionRules, ModuleModel, build_module_model
from flake8_async_testing.module.pytest_defs import Fixture, file_matches, scope_rank
from flake8_async_testing.module.walk import FunctionDefNode, string_value, walk_body
from flake8_async_testing.project.files import parse_python
from flake8_async_testing.project.model import ProjectModel, project_for_directory
from flake8_async_testing.settings import Settings

MAX_TEST_FILES = 300
MAX_WALKED_ENTRIES = 5000
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages", "build", "dist", "data"})
GATHERERS = frozenset({"asyncio.gather", "asyncio.tasks.gather"})
SPAWNERS = frozenset({"asyncio.create_task", "asyncio.ensure_future", "asyncio.tasks.create_task"})


@dataclass(frozen=True, repr=False)
class Consumer:
    """A test whose fixture closure contains the fixture."""

    module: ModuleModel
    test: CollectedTest
    scopes: tuple[ModuleModel, ...]


def _load_test_module(path: Path, rules: CollectionRules) -> ModuleModel | None:
    tree = parse_python(path)
    if tree is None:
        return None
    return build_module_model(tree, path, rules)


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


def _same_fixture(a: Fixture, b: Fixture) -> bool:
    return a.name == b.name and a.line == b.line and a.path == b.path


def consumers_of(
    fixture: Fixture,
    module: ModuleModel,
    project: ProjectModel,
    settings: Settings,
    loaded: dict[Path, ModuleModel | None] | None = None,
) -> list[Consumer] | None:
    """The tests that end up using ``fixture``; ``None`` when they cannot all be seen.

    ``loaded`` keeps the test modules read for one linted file (a conftest asks for several of its
    fixtures); they are not kept beyond it: a process-wide cache of their trees grew with the suite
    (56 MiB for 300 modules) and slowed every garbage collection of the run.
    """
    loaded = {} if loaded is None else loaded
    if module.is_test_module and fixture.path == module.path:
        sources: list[tuple[ModuleModel, tuple[ModuleModel, ...]]] = [(module, project.with_module(module))]
    elif fixture.path is not None and fixture.path.name == "conftest.py":
        files = _test_files_below(fixture.path.parent, project.collection)
        if files is None:
            return None
        sources = []
        for path in files:
            if path == module.path:
                model: ModuleModel | None = module
            else:
                if path not in loaded:
                    loaded[path] = _load_test_module(path, project.collection)
                model = loaded[path]
            if model is None:
                return None
            sub_project = project_for_directory(path.parent, settings)
            sources.append((model, sub_project.with_module(model)))
    else:
        return None
    consumers: list[Consumer] = []
    for model, scopes in sources:
        for test in model.tests:
            closure = closure_for_test(test, scopes)
            if any(_same_fixture(found, fixture) for found in closure.fixtures):
                consumers.append(Consumer(model, test, scopes))
    return consumers


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
