"""What the rules would otherwise find by walking a module again and again, from its statements alone.

Imports, ``def``s, classes and ``global`` statements are statements, so a walk over statement lists
(module and class bodies, function bodies, the blocks of ``if``/``for``/``while``/``with``/``try``/
``match``) finds every one of them without visiting a single expression: most of a tree's nodes are
expressions, and a full walk of every file would cost more than all the rules together. The map of
parents, which needs every node, is built only when a rule first asks for it.
"""

from __future__ import annotations

import ast
from typing import cast

from flake8_async_testing.module.walk import BLOCK_FIELDS, child_nodes

ImportNode = ast.Import | ast.ImportFrom
FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
DefNode = ast.FunctionDef | ast.AsyncFunctionDef
_IMPORT, _DEF, _CLASS, _GLOBAL = 1, 2, 3, 4
_KINDS: dict[type, int] = {
    ast.Import: _IMPORT,
    ast.ImportFrom: _IMPORT,
    ast.FunctionDef: _DEF,
    ast.AsyncFunctionDef: _DEF,
    ast.ClassDef: _CLASS,
    ast.Global: _GLOBAL,
}
# Statements that cannot hold other statements: most of them, so the block lookup is skipped.
_SIMPLE = frozenset(
    {ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Pass, ast.Raise, ast.Assert,
     ast.Delete, ast.Break, ast.Continue, ast.Nonlocal, ast.Import, ast.ImportFrom, ast.Global}
)


class TreeIndex:
    """Imports, ``def`` nesting, classes and ``global`` names of one module, from one walk of its statements."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        # (import statement, the def that owns it; None at module or class level)
        self.imports: list[tuple[ImportNode, DefNode | None]] = []
        # (def, the def it is nested in; None at module or class level), in source order
        self.functions: list[tuple[DefNode, DefNode | None]] = []
        self.classes: list[ast.ClassDef] = []
        self.global_names: set[str] = set()
        self._parents: dict[ast.AST, ast.AST] | None = None
        self._walk_statements(tree)

    def _walk_statements(self, tree: ast.Module) -> None:
        # (statement, the def that owns it); pushed in reverse so that lists come out in source order
        stack: list[tuple[ast.AST, DefNode | None]] = [(statement, None) for statement in reversed(tree.body)]
        while stack:
            node, owner = stack.pop()
            node_type = type(node)
            kind = _KINDS.get(node_type)  # exact types: ``ast.parse`` never builds subclasses
            if kind == _IMPORT:
                self.imports.append((cast(ImportNode, node), owner))
                continue
            if kind == _DEF:
                self.functions.append((cast(DefNode, node), owner))
                owner = cast(DefNode, node)
            elif kind == _CLASS:
                self.classes.append(cast(ast.ClassDef, node))
            elif kind == _GLOBAL:
                self.global_names.update(cast(ast.Global, node).names)
                continue
            if node_type in _SIMPLE:
                continue
            inner: list[ast.AST] = []
            for name in BLOCK_FIELDS:
                block = getattr(node, name, None)
                if block:
                    inner.extend(block)
            for child in reversed(inner):
                stack.append((child, owner))

    @property
    def parents(self) -> dict[ast.AST, ast.AST]:
        """Each node's parent, for the whole module; built on first use."""
        if self._parents is None:
            parents: dict[ast.AST, ast.AST] = {}
            stack: list[ast.AST] = [self.tree]
            while stack:
                node = stack.pop()
                for child in child_nodes(node):
                    parents[child] = node
                    stack.append(child)
            self._parents = parents
        return self._parents
