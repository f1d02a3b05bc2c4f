"""One pass over a module's ``ast``: what the rules would otherwise find by walking it again and again.

The pass lists, in source (pre-)order, every scope's own nodes (what ``walk_body`` yields), each
node's parent, the import statements with the function that owns them, and each function's (or
lambda's) enclosing function. ``walk_body`` and ``walk_tree`` answer from these lists afterwards.
"""

from __future__ import annotations

import ast
from typing import cast

from flake8_async_testing.module.walk import child_nodes, remember_bodies, remember_tree

ImportNode = ast.Import | ast.ImportFrom
FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
_IMPORT, _FUNCTION, _CLASS = 1, 2, 3
_KINDS: dict[type, int] = {
    ast.Import: _IMPORT,
    ast.ImportFrom: _IMPORT,
    ast.FunctionDef: _FUNCTION,
    ast.AsyncFunctionDef: _FUNCTION,
    ast.Lambda: _FUNCTION,
    ast.ClassDef: _CLASS,
}


class TreeIndex:
    """Scopes, parents, imports and function nesting of one module, from a single walk."""

    def __init__(self, tree: ast.Module) -> None:
        self.parents: dict[ast.AST, ast.AST] = {}
        # (import statement, the function or lambda it runs in; None at module or class level)
        self.imports: list[tuple[ImportNode, FunctionNode | None]] = []
        # (function or lambda, the function or lambda it is nested in; None at module or class level)
        self.functions: list[tuple[FunctionNode, FunctionNode | None]] = []
        bodies: dict[ast.AST, list[ast.AST]] = {tree: []}
        nodes: list[ast.AST] = []
        self._walk(tree, bodies, nodes)
        remember_bodies(bodies)
        remember_tree(tree, nodes)

    def _walk(self, tree: ast.Module, bodies: dict[ast.AST, list[ast.AST]], nodes: list[ast.AST]) -> None:
        parents = self.parents
        # (node, the scope whose body it is in, the function that owns it); children pushed in reverse
        stack: list[tuple[ast.AST, ast.AST, FunctionNode | None]] = [(tree, tree, None)]
        while stack:
            node, scope, owner = stack.pop()
            if node is not tree:
                nodes.append(node)
                bodies[scope].append(node)
                # One lookup by exact type instead of three isinstance checks: ``ast.parse`` builds
                # exactly these classes, never subclasses of them.
                kind = _KINDS.get(type(node))
                if kind is not None:
                    if kind == _IMPORT:
                        self.imports.append((cast(ImportNode, node), owner))
                    else:
                        bodies[node] = []
                        scope = node
                        if kind == _FUNCTION:
                            function = cast(FunctionNode, node)
                            self.functions.append((function, owner))
                            owner = function
            children = child_nodes(node)
            children.reverse()
            for child in children:
                parents[child] = node
                stack.append((child, scope, owner))
