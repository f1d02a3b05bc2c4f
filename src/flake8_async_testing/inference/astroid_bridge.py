"""astroid, only where the ``ast`` and the imports cannot answer: lazily imported, bounded per file.

Like pylint's ``safe_infer``: an ambiguous or failed inference answers ``None`` and the rule stays
silent. astroid parses source files, it never imports the linted project's modules; extension
modules are never loaded.
"""

from __future__ import annotations

import ast
from typing import Any


class Inference:
    """Per-file inference with a hard upper bound on the number of inferences."""

    def __init__(self, source: str | None, filename: str, budget: int) -> None:
        self._source = source
        self._filename = filename
        self._budget = budget
        self._module: Any = None
        self._failed = False

    @property
    def exhausted(self) -> bool:
        return self._budget <= 0 or self._failed

    def _astroid_module(self) -> Any:
        if self._module is not None or self._failed:
            return self._module
        if self._source is None:
            self._failed = True
            return None
        try:
            import astroid

            astroid.MANAGER.always_load_extensions = False
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
            if candidate.lineno == line and candidate.col_offset == col and type(candidate).__name__ == type(node).__name__:
                return candidate
        return None

    def qualified_names(self, node: ast.expr) -> frozenset[str] | None:
        """The qualified names of every value ``node`` may have; ``None`` when unknown or ambiguous."""
        if self.exhausted:
            return None
        self._budget -= 1
        target = self._node_at(node)
        if target is None:
            return None
        try:
            values = list(target.infer())
        except Exception:
            return None
        names: set[str] = set()
        for value in values:
            qname = getattr(value, "qname", None)
            if qname is None or type(value).__name__ == "UninferableBase" or value.__class__.__name__ == "Uninferable":
                return None
            try:
                names.add(str(qname()))
            except Exception:
                return None
        return frozenset(names) or None


def _astroid_expr_classes() -> tuple[type, ...]:
    import astroid.nodes

    return (astroid.nodes.Name, astroid.nodes.Attribute, astroid.nodes.Call)
