"""Nothing from the linted project is ever executed, not even by astroid.

astroid parses source files, but a few of its paths import for real: a stdlib-named package that
it cannot resolve from files (``importlib.util.find_spec`` imports the parent package), a C
extension of a stdlib-named module, and the ``gi.repository`` failed-import hook of its brain.
Run from a project's folder (``python -m flake8`` puts it first on ``sys.path``, and astroid
``chdir``s into the linted file's folder while it looks modules up), each of those would execute
the project's own ``__init__.py`` files. :func:`no_project_imports` installs, for the duration of
an astroid call, a meta path finder that lets a module be *found* anywhere but refuses to *load*
one whose code lies outside the interpreter's standard library and installed packages.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import os
import site
import sys
import sysconfig
from collections.abc import Iterator, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any


class RefusedImport(ImportError):
    """Raised instead of running a module of the linted project."""


class _RefusingLoader(importlib.abc.Loader):
    def __init__(self, name: str, origin: str | None) -> None:
        self.name = name
        self.origin = origin

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        # For an extension module, creating it already runs its native init: refuse here.
        raise RefusedImport(f"flake8-async-testing does not import {self.name} ({self.origin})", name=self.name)

    def exec_module(self, module: ModuleType) -> None:
        raise RefusedImport(f"flake8-async-testing does not import {self.name} ({self.origin})", name=self.name)


def _real(path: str) -> str:
    try:
        return os.path.normcase(os.path.realpath(path))
    except (OSError, ValueError):
        return os.path.normcase(os.path.abspath(path))


def _trusted_roots() -> tuple[str, ...]:
    roots: set[str] = set()
    for scheme_vars in ({}, {"base": sys.base_prefix, "platbase": sys.base_exec_prefix}):
        paths = sysconfig.get_paths(vars=scheme_vars) if scheme_vars else sysconfig.get_paths()
        for key in ("stdlib", "platstdlib", "purelib", "platlib"):
            if paths.get(key):
                roots.add(_real(paths[key]))
    with contextlib.suppress(Exception):
        roots.update(_real(path) for path in site.getsitepackages())
    with contextlib.suppress(Exception):
        roots.add(_real(site.getusersitepackages()))
    # This package and astroid themselves (an editable install lives outside site-packages).
    roots.add(_real(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    return tuple(sorted(roots))


_TRUSTED: tuple[str, ...] | None = None


def _is_trusted(location: str) -> bool:
    global _TRUSTED
    if _TRUSTED is None:
        _TRUSTED = _trusted_roots()
    real = _real(location)
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in _TRUSTED)


def spec_is_trusted(spec: ModuleSpec) -> bool:
    """Loading ``spec`` runs no code of the linted project."""
    loader = spec.loader
    if spec.origin is None:
        # A namespace package has no code of its own; anything else without an origin is unknown.
        return spec.submodule_search_locations is not None and (
            loader is None or type(loader).__name__ in ("NamespaceLoader", "_NamespaceLoader")
        )
    if spec.origin in ("built-in", "frozen"):
        known: tuple[object, ...] = (importlib.machinery.BuiltinImporter, importlib.machinery.FrozenImporter)
        return any(loader is kind or isinstance(loader, kind) for kind in known)  # type: ignore[arg-type]
    return _is_trusted(spec.origin)


class _Guard(importlib.abc.MetaPathFinder):
    def __init__(self) -> None:
        self.depth = 0
        self._finding = False

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if self._finding:
            return None
        self._finding = True
        try:
            found: ModuleSpec | None = None
            for finder in list(sys.meta_path):
                if finder is self:
                    continue
                find: Any = getattr(finder, "find_spec", None)
                if find is None:
                    continue
                found = find(fullname, path, target)
                if found is not None:
                    break
        finally:
            self._finding = False
        if found is None or spec_is_trusted(found):
            return found
        refused = ModuleSpec(fullname, _RefusingLoader(fullname, found.origin), origin=found.origin)
        return refused


_GUARD = _Guard()


@contextlib.contextmanager
def no_project_imports() -> Iterator[None]:
    """While active, importing a module from outside the stdlib and site-packages raises ImportError."""
    _GUARD.depth += 1
    if _GUARD.depth == 1:
        sys.meta_path.insert(0, _GUARD)
    try:
        yield
    finally:
        _GUARD.depth -= 1
        if _GUARD.depth == 0:
            with contextlib.suppress(ValueError):
                sys.meta_path.remove(_GUARD)


def is_trusted_file(path: str | None) -> bool:
    """A module file of the stdlib or of an installed package (kept in astroid's cache across projects)."""
    return bool(path) and _is_trusted(str(path))
