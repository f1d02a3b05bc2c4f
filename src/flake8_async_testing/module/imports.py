"""Imports resolved to canonical dotted names, per scope (module, then enclosing functions)."""

from __future__ import annotations

import ast
import functools

from flake8_async_testing.module.index import TreeIndex
from flake8_async_testing.module.walk import dotted_name

# Public re-exports that name the same object: the key is replaced by the value.
CANONICAL_ALIASES = {
    "fastapi.testclient.TestClient": "starlette.testclient.TestClient",
    "fastapi.TestClient": "starlette.testclient.TestClient",
    "httpx._client.AsyncClient": "httpx.AsyncClient",
    "httpx._client.Client": "httpx.Client",
    "httpx._transports.asgi.ASGITransport": "httpx.ASGITransport",
    "pytest_asyncio.plugin.fixture": "pytest_asyncio.fixture",
    "_pytest.fixtures.fixture": "pytest.fixture",
    "_pytest.mark": "pytest.mark",
    "fastapi.FastAPI": "fastapi.applications.FastAPI",
    "starlette.applications.Starlette": "starlette.Starlette",
    # httpx2 ("the next generation HTTP client") keeps httpx 0.28's API and its pitfalls.
    "httpx2": "httpx",
}

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


def _one_alias_step(name: str) -> str:
    if name in CANONICAL_ALIASES:
        return CANONICAL_ALIASES[name]
    for alias, target in CANONICAL_ALIASES.items():
        if name.startswith(alias + "."):
            return target + name[len(alias) :]
    return name


@functools.lru_cache(maxsize=4096)
def canonical(name: str) -> str:
    """The canonical spelling of a dotted name, following known re-exports (chains included)."""
    for _ in range(4):
        renamed = _one_alias_step(name)
        if renamed == name:
            break
        name = renamed
    return name


def spellings(qualname: str) -> set[str]:
    """Every dotted name ``canonical`` may turn into ``qualname`` (a superset), for text pre-filters."""
    found = {qualname}
    frontier = {qualname}
    for _ in range(4):
        frontier = {
            alias + name[len(target) :]
            for name in frontier
            for alias, target in CANONICAL_ALIASES.items()
            if name == target or name.startswith(target + ".")
        } - found
        found |= frontier
    return found


@functools.lru_cache(maxsize=64)
def last_parts(*qualnames: str) -> tuple[str, ...]:
    """The identifiers that must appear in a module that names one of ``qualnames`` through its imports.

    A name resolves to ``binding + .attrs``: the last part is either an attribute in the code or the
    last name of the import statement.
    """
    return tuple(sorted({spelling.rsplit(".", 1)[-1] for name in qualnames for spelling in spellings(name)}))


@functools.lru_cache(maxsize=64)
def first_parts(*qualnames: str) -> tuple[str, ...]:
    """The top-level modules one of which a module must import to name one of ``qualnames``."""
    return tuple(sorted({spelling.split(".", 1)[0] for name in qualnames for spelling in spellings(name)}))


def _bindings_of(node: ast.Import | ast.ImportFrom, module_name: str | None) -> dict[str, str]:
    bound: dict[str, str] = {}
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                bound[alias.asname] = alias.name
            else:
                top = alias.name.split(".")[0]
                bound[top] = top
        return bound
    base = node.module or ""
    if node.level:
        base = _relative_base(module_name, node.level, base)
    for alias in node.names:
        if alias.name == "*":
            continue
        bound[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
    return bound


def _relative_base(module_name: str | None, level: int, base: str) -> str:
    """``from ..x import y`` inside package ``a.b.c``: ``a.x``; unknown package: ``.x``-style name."""
    if module_name:
        parts = module_name.split(".")[:-level] if level <= len(module_name.split(".")) else []
        prefix = ".".join(parts)
        return ".".join(part for part in (prefix, base) if part)
    return "." * level + base


class ImportMap:
    """Which dotted name each imported local name stands for, scope by scope."""

    def __init__(self, tree: ast.Module, module_name: str | None = None, index: TreeIndex | None = None) -> None:
        self.module_scope: dict[str, str] = {}
        self.function_scopes: dict[ast.AST, dict[str, str]] = {}
        self.parent_function: dict[ast.AST, ast.AST | None] = {}
        self.star_imports: list[str] = []
        self._locals_by_target: dict[str, set[str]] | None = None  # canonical target -> local names bound to it
        self._collect(index if index is not None else TreeIndex(tree), module_name)

    def _collect(self, index: TreeIndex, module_name: str | None) -> None:
        for function, owner in index.functions:
            self.parent_function[function] = owner
        # Later statements first, as the walk this replaced did: the first import of a name in a scope wins.
        for node, owner in reversed(index.imports):
            if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                base = node.module or ""
                self.star_imports.append(_relative_base(module_name, node.level, base) if node.level else base)
            target = self.module_scope if owner is None else self.function_scopes.setdefault(owner, {})
            target.update(_bindings_of(node, module_name))

    def resolve(self, name: str, scope: ast.AST | None = None) -> str | None:
        """The dotted name a local ``name`` was imported as, looking from ``scope`` outwards."""
        current = scope
        while current is not None:
            local = self.function_scopes.get(current)
            if local is not None and name in local:
                return local[name]
            current = self.parent_function.get(current)
        return self.module_scope.get(name)

    def qualified_name(self, expr: ast.expr, scope: ast.AST | None = None) -> str | None:
        """``stc.TestClient`` -> ``starlette.testclient.TestClient``; ``None`` for non-imported roots."""
        dotted = dotted_name(expr)
        if dotted is None:
            return None
        name, dot, attrs = dotted.partition(".")
        root = self.resolve(name, scope)
        if root is None:
            return None
        return canonical(root + dot + attrs)

    def spelling_words(self, *qualnames: str) -> tuple[str, ...]:
        """The identifiers one of which any expression this module resolves to one of ``qualnames`` contains.

        That is the last part of a spelling (``x.TestClient``, or the name a plain import binds), or a
        local name an import binds to one of them under another name (``import ... as TC``).
        """
        by_target = self._locals_by_target
        if by_target is None:  # worked out on the first question: rules ask several times per module
            by_target = self._locals_by_target = {}
            for scope in (self.module_scope, *self.function_scopes.values()):
                for local, value in scope.items():
                    by_target.setdefault(canonical(value), set()).add(local)
        imported = by_target.keys() & qualnames
        if not imported:
            return last_parts(*qualnames)
        aliases = set().union(*(by_target[qualname] for qualname in imported))
        return tuple(sorted(set(last_parts(*qualnames)) | aliases))

    def imports_module(self, prefix: str) -> bool:
        """Whether any scope imports ``prefix`` or something below it."""
        scopes = [self.module_scope, *self.function_scopes.values()]
        return any(
            value == prefix or value.startswith(prefix + ".") for scope in scopes for value in scope.values()
        )
