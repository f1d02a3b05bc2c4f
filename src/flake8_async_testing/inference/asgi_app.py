"""What an ASGI app object does at startup, read from its module's ``ast`` (the module is never imported).

``app_startup(name_expr, scope, module, rootdir)`` follows a module-level or imported name
(``from app import app``, ``import main; main.app``, ``from .main import app``) to the
``FastAPI(...)`` / ``Starlette(...)`` that builds it, in the same file or in a project file found
next to the linted module, under the rootdir or under ``rootdir/src``, and reports whether it has
a lifespan or startup handlers, and what they write (``app.state.X``, module globals). Anything it
cannot follow answers ``None``: unknown.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import NamedTuple

from flake8_async_testing.module.model import ModuleModel
from flake8_async_testing.module.walk import FunctionDefNode, string_value, walk_body
from flake8_async_testing.project.files import module_file
from flake8_async_testing.project.model import read_python_module

APP_CLASSES = frozenset({"fastapi.applications.FastAPI", "starlette.Starlette", "starlette.applications.Starlette"})
MAX_DEPTH = 4


class AppStartup(NamedTuple):
    """The startup code of one app: ``runs_code`` when a lifespan or startup handler exists."""

    runs_code: bool
    state_attrs: frozenset[str] = frozenset()  # ``app.state.X`` the startup code sets
    globals_written: frozenset[str] = frozenset()  # module names it assigns or fills (``TOKENS[...] = ``)
    handler_names: frozenset[str] = frozenset()  # the lifespan / handler function names
    label: str = ""  # "lifespan" or "startup handler"


class _Facts:
    """What the startup code of an app does, gathered while reading it (``AppStartup`` once done)."""

    def __init__(self) -> None:
        self.runs_code = False
        self.state_attrs: set[str] = set()
        self.globals_written: set[str] = set()
        self.handler_names: set[str] = set()
        self.label = ""


def _module_binding(module: ModuleModel, name: str) -> ast.expr | None:
    """The single module-level value assigned to ``name``; ``None`` when absent or ambiguous."""
    values: list[ast.expr] = []
    for statement in module.tree.body:
        if isinstance(statement, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id == name for t in statement.targets):
                values.append(statement.value)
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            if statement.target.id == name and statement.value is not None:
                values.append(statement.value)
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and statement.name == name:
            return None
    return values[0] if len(values) == 1 else None


def _module_file(dotted: str, origin: Path | None, rootdir: Path) -> Path | None:
    """The project file of module ``dotted`` (``.x`` relative to ``origin``'s package)."""
    beside = (origin.parent,) if origin is not None else ()
    return module_file(dotted, origin, (*beside, rootdir, rootdir / "src"))


def _split_qualified(qualified: str) -> list[tuple[str, str]]:
    """``pkg.mod.app`` -> [("pkg.mod", "app"), ("pkg", "mod.app")]: module / attribute splits to try."""
    pieces = qualified.split(".")
    splits = []
    for index in range(len(pieces) - 1, 0, -1):
        module = ".".join(pieces[:index])
        if module.strip("."):
            splits.append((module, ".".join(pieces[index:])))
    if qualified.startswith(".") and "." not in qualified.lstrip("."):
        splits.append(("." * (len(qualified) - len(qualified.lstrip("."))), qualified.lstrip(".")))
    return splits


# (app module file, name) -> the startup facts of that app, as a linted file's import finds them. App
# modules are read from disk (which does not change during a run) once per process, and only these
# facts are kept, not their trees. Only answers worked out from the linted file's own imports (depth 0)
# are kept: deeper ones may have been cut short by MAX_DEPTH.
_IMPORTED_APPS: dict[tuple[str, str], AppStartup | None] = {}


class AppResolver:
    """Resolves app names to their startup facts; one per lint, caching per (file, name)."""

    def __init__(self, rootdir: Path) -> None:
        self.rootdir = rootdir
        self._cache: dict[tuple[str, str], AppStartup | None] = {}

    def startup_of(self, expr: ast.expr, module: ModuleModel, scope: FunctionDefNode | None) -> AppStartup | None:
        """Startup facts of the app ``expr`` names (a module-level or imported name, or ``mod.app``)."""
        if isinstance(expr, ast.Name):
            if scope is not None and _binds_locally(scope, expr.id):
                return None
            qualified = module.imports.resolve(expr.id, scope)
            if qualified is None:
                return self._in_module(module, expr.id, 0)
            return self._imported(qualified, module.path, 0)
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            if scope is not None and _binds_locally(scope, expr.value.id):
                return None
            root = module.imports.resolve(expr.value.id, scope)
            if root is None:
                return None
            return self._imported(f"{root}.{expr.attr}", module.path, 0)
        return None

    def _imported(self, qualified: str, origin: Path | None, depth: int) -> AppStartup | None:
        if depth > MAX_DEPTH:
            return None
        for module_name, attribute in _split_qualified(qualified):
            if "." in attribute:
                continue
            path = _module_file(module_name, origin, self.rootdir)
            if path is None:
                continue
            key = (str(path), attribute)
            if depth == 0 and key in _IMPORTED_APPS:
                return _IMPORTED_APPS[key]
            model = read_python_module(path)
            result = None if model is None else self._in_module(model, attribute, depth + 1)
            if depth == 0:
                _IMPORTED_APPS[key] = result
            return result
        return None

    def _in_module(self, module: ModuleModel, name: str, depth: int) -> AppStartup | None:
        key = (str(module.path), name)
        if key in self._cache:
            return self._cache[key]
        self._cache[key] = None  # cycles answer unknown
        result = self._compute(module, name, depth)
        self._cache[key] = result
        return result

    def _compute(self, module: ModuleModel, name: str, depth: int) -> AppStartup | None:
        if depth > MAX_DEPTH:
            return None
        value = _module_binding(module, name)
        if value is None:
            imported = module.imports.module_scope.get(name)
            if imported is not None and _module_binding(module, name) is None:
                return self._imported(imported, module.path, depth + 1)
            return None
        if not isinstance(value, ast.Call):
            return None
        qualified = module.imports.qualified_name(value.func)
        facts = _Facts()
        if qualified in APP_CLASSES:
            constructor = value
            function: FunctionDefNode | None = None
            local_name = name
        elif isinstance(value.func, ast.Name) and value.func.id in module.functions:
            # app = create_app(): the factory in the same module builds and returns the app
            found = _factory_app(module, module.functions[value.func.id])
            if found is None:
                return None
            constructor, local_name = found
            function = module.functions[value.func.id]
        else:
            return None
        if not self._constructor_facts(constructor, module, function, facts):
            return None
        body: list[ast.stmt] = function.body if function is not None else module.tree.body
        if not _handler_facts(body, local_name, module, function, facts):
            return None
        return AppStartup(
            facts.runs_code, frozenset(facts.state_attrs), frozenset(facts.globals_written),
            frozenset(facts.handler_names), facts.label,
        )

    def _constructor_facts(
        self, call: ast.Call, module: ModuleModel, function: FunctionDefNode | None, facts: _Facts
    ) -> bool:
        if any(kw.arg is None for kw in call.keywords):
            return False  # FastAPI(**settings): cannot see the lifespan
        for keyword in call.keywords:
            if keyword.arg == "lifespan":
                if isinstance(keyword.value, ast.Constant) and keyword.value.value is None:
                    continue
                if not _add_handler(keyword.value, module, facts, "lifespan"):
                    return False
            elif keyword.arg == "on_startup":
                if isinstance(keyword.value, (ast.List, ast.Tuple)):
                    for element in keyword.value.elts:
                        _add_handler(element, module, facts, "startup handler")
                elif not (isinstance(keyword.value, ast.Constant) and keyword.value.value is None):
                    facts.runs_code = True
                    facts.label = facts.label or "startup handler"
        return True


def _binds_locally(function: FunctionDefNode, name: str) -> bool:
    args = function.args
    if name in {arg.arg for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]}:
        return True
    for node in walk_body(function):
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
            return True
        if isinstance(node, (ast.Import, ast.ImportFrom)) and any(
            (alias.asname or alias.name).split(".")[0] == name for alias in node.names
        ):
            return True
    return False


def _factory_app(module: ModuleModel, function: FunctionDefNode) -> tuple[ast.Call, str] | None:
    returns = [node.value for node in walk_body(function) if isinstance(node, ast.Return) and node.value is not None]
    if len(returns) != 1 or not isinstance(returns[0], ast.Name):
        return None
    local = returns[0].id
    values = [
        node.value
        for node in walk_body(function)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == local for t in node.targets)
    ]
    if len(values) != 1 or not isinstance(values[0], ast.Call):
        return None
    if module.imports.qualified_name(values[0].func, function) not in APP_CLASSES:
        return None
    return values[0], local


def _add_handler(expr: ast.expr, module: ModuleModel, facts: _Facts, label: str) -> bool:
    """Record one lifespan or startup handler; its writes when it is a function of ``module``."""
    facts.runs_code = True
    facts.label = facts.label or label
    if isinstance(expr, ast.Name) and expr.id in module.functions:
        handler = module.functions[expr.id]
        facts.handler_names.add(handler.name)
        if label == "lifespan" and _empty_lifespan(handler):
            facts.runs_code = bool(facts.handler_names - {handler.name}) or facts.label != "lifespan"
            return True
        _record_writes(handler, facts)
        return True
    if isinstance(expr, ast.Name):
        facts.handler_names.add(expr.id)
    return True  # an imported handler: it runs code, its writes are unknown


def _empty_lifespan(function: FunctionDefNode) -> bool:
    """A lifespan whose body only yields nothing (docstring, ``pass``, bare ``yield``)."""
    for statement in function.body:
        if isinstance(statement, ast.Pass):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Yield):
            value = statement.value.value
            if value is None or (isinstance(value, ast.Constant) and value.value is None):
                continue
        return False
    return True


def _record_writes(function: FunctionDefNode, facts: _Facts) -> None:
    for node in walk_body(function):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("update", "setdefault", "append", "extend", "add") and isinstance(
                node.func.value, ast.Name
            ):
                facts.globals_written.add(node.func.value.id)
        elif isinstance(node, ast.Global):
            facts.globals_written.update(node.names)
        for target in targets:
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Attribute):
                if target.value.attr == "state":
                    facts.state_attrs.add(target.attr)
            elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                facts.globals_written.add(target.value.id)


def _handler_facts(
    body: list[ast.stmt], app_name: str, module: ModuleModel, function: FunctionDefNode | None, facts: _Facts
) -> bool:
    """``@app.on_event("startup")``, ``app.add_event_handler("startup", f)``, ``app.router.lifespan_context = f``."""
    nodes: list[ast.AST] = []
    for statement in body:
        nodes.append(statement)
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            nodes.extend(ast.walk(statement))
    for node in nodes:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                if _is_app_call(decorator, app_name, ("on_event",)) and isinstance(decorator, ast.Call):
                    if decorator.args and string_value(decorator.args[0]) == "startup":
                        facts.runs_code = True
                        facts.label = facts.label or "startup handler"
                        facts.handler_names.add(node.name)
                        _record_writes(node, facts)
        elif isinstance(node, ast.Call) and _is_app_call(node, app_name, ("add_event_handler",)):
            if node.args and string_value(node.args[0]) == "startup" and len(node.args) > 1:
                _add_handler(node.args[1], module, facts, "startup handler")
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr == "lifespan_context"
                    and _rooted_at(target, app_name)
                ):
                    _add_handler(node.value, module, facts, "lifespan")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append":
            holder = node.func.value
            if isinstance(holder, ast.Attribute) and holder.attr == "on_startup" and _rooted_at(holder, app_name):
                if node.args:
                    _add_handler(node.args[0], module, facts, "startup handler")
    return True


def _rooted_at(expr: ast.expr, name: str) -> bool:
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return isinstance(expr, ast.Name) and expr.id == name


def _is_app_call(node: ast.AST, app_name: str, methods: tuple[str, ...]) -> bool:
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return False
    return node.func.attr in methods and _rooted_at(node.func.value, app_name)
