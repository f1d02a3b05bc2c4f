"""astroid, only where the ``ast`` and the imports cannot answer: lazily imported, bounded per file.

Like pylint's ``safe_infer``: an ambiguous or failed inference answers ``None`` and the rule stays
silent. astroid parses source files, it never imports the linted project's modules: extension
modules are not loaded (``always_load_extensions`` off, an empty ``extension_package_whitelist``,
its ``gi`` failed-import hook removed), and every astroid call runs under
:func:`~flake8_async_testing.inference.import_guard.no_project_imports`. Modules of the linted
projects are dropped from astroid's cache before each file's first inference, so that one file's
answer never depends on which files (or which project) came before it.
"""

from __future__ import annotations

import ast
import time
from typing import Any

from flake8_async_testing.project.diagnostics import warn_once

# Wall-clock guard, a safety net behind the count budget: one cold inference can make astroid
# build dozens of library modules (``pytest.fixture`` builds 41 ``_pytest`` modules, seconds).
# Once a file's inferences have taken this long, the rest of that file's answer "cannot tell".
SECONDS_PER_FILE = 10.0


class Inference:
    """Per-file inference with a hard upper bound on the number of inferences."""

    def __init__(self, source: str | None, filename: str, budget: int) -> None:
        self._source = source
        self._filename = filename
        self._budget = budget
        self._module: Any = None
        self._failed = False
        self._spent = 0.0

    @property
    def exhausted(self) -> bool:
        return self._budget <= 0 or self._failed or self._spent > SECONDS_PER_FILE

    def _astroid_module(self) -> Any:
        if self._module is not None or self._failed:
            return self._module
        if self._source is None:
            self._failed = True
            return None
        from flake8_async_testing.inference.import_guard import no_project_imports  # off the start-up path

        try:
            with no_project_imports():
                import astroid

                _configure(astroid.MANAGER)
                self._module = astroid.parse(self._source, path=self._filename)
        except Exception:  # astroid raises many kinds; any of them means "cannot tell"
            self._failed = True
        return self._module

    def _node_at(self, node: ast.expr) -> Any:
        module = self._astroid_module()
        if module is None:
            return None
        line, col = node.lineno, node.col_offset
        for candidate in module.nodes_of_class(_astroid_expr_classes()):
            same_place = candidate.lineno == line and candidate.col_offset == col
            if same_place and type(candidate).__name__ == type(node).__name__:
                return candidate
        return None

    def qualified_names(self, node: ast.expr) -> frozenset[str] | None:
        """The qualified names of every value ``node`` may have; ``None`` when unknown or ambiguous."""
        if self.exhausted:
            return None
        self._budget -= 1
        started = time.monotonic()
        try:
            target = self._node_at(node)
            if target is None:
                return None
            from flake8_async_testing.inference.import_guard import no_project_imports

            with no_project_imports():
                return _qualified_names(target)
        except Exception:
            return None
        finally:
            self._spent += time.monotonic() - started
            if self._spent > SECONDS_PER_FILE:
                warn_once(
                    f"{self._filename}: inference stopped after {SECONDS_PER_FILE:.0f} s; "
                    "rules that need it stay silent on the rest of this file"
                )


def _qualified_names(target: Any) -> frozenset[str] | None:
    names: set[str] = set()
    for value in target.infer():
        qname = getattr(value, "qname", None)
        if qname is None or type(value).__name__ == "UninferableBase" or value.__class__.__name__ == "Uninferable":
            return None
        names.add(str(qname()))
    return frozenset(names) or None


def _configure(manager: Any) -> None:
    """No extension loading, no import hooks, no leftovers of other projects in the cache."""
    from flake8_async_testing.inference.import_guard import is_trusted_file

    manager.always_load_extensions = False
    manager.extension_package_whitelist.clear()
    # brain_gi's hook ``__import__``s ``gi.repository.*`` modules: never load code to infer.
    manager._failed_import_hooks[:] = [
        hook for hook in manager._failed_import_hooks if "brain_gi" not in getattr(hook, "__module__", "")
    ]
    for name, module in list(manager.astroid_cache.items()):
        path = getattr(module, "file", None)
        # Files of linted projects (and "", the name every linted file is parsed under) go; the
        # stdlib, installed packages and astroid's own stubs (no file) stay.
        if name == "" or (path is not None and not is_trusted_file(path)):
            del manager.astroid_cache[name]
    for key, value in list(manager._mod_file_cache.items()):
        location = getattr(value, "location", None)
        if location is not None and not is_trusted_file(location):
            del manager._mod_file_cache[key]
    try:
        # Where a module name leads depends on sys.path, which may differ from one file to the next.
        from astroid import context
        from astroid.interpreter._import import spec

        context._invalidate_cache()
        spec._find_spec.cache_clear()
        for finder in spec._SPEC_FINDERS:
            finder.find_module.cache_clear()
    except Exception:  # private helpers of astroid 4; without them only cross-project caching is at stake
        pass


def _astroid_expr_classes() -> tuple[type, ...]:
    import astroid.nodes

    return (astroid.nodes.Name, astroid.nodes.Attribute, astroid.nodes.Call)
