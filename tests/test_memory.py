"""No tree outlives its lint: the per-tree caches must never keep the file they describe alive.

flake8 hands the plugin a fresh ``ast`` for every file; a cache entry whose value reaches back to its
key (a parent map that holds the module, say) would keep every tree of a run in memory. Every eval
file is linted (so every rule and every inference helper runs on trees that exercise it) and then its
tree must be collectable.
"""

from __future__ import annotations

import ast
import gc
import weakref
from pathlib import Path

import pytest

from flake8_async_testing.engine import lint_tree
from flake8_async_testing.settings import Settings

EVALS = Path(__file__).parent / "data" / "evals"
SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
EVAL_FILES = sorted(path for path in EVALS.rglob("*.py") if path.name != "conftest.py")


def _lint_and_forget(path: Path) -> tuple[list[weakref.ref[ast.AST]], int]:
    """Lint ``path``; weak references to its tree's scopes (module, defs, classes, lambdas) and the count."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    findings = lint_tree(tree, str(path), Settings(), source)
    scopes = [node for node in ast.walk(tree) if isinstance(node, SCOPES)]
    return [weakref.ref(node) for node in scopes], len(findings)


def test_the_eval_files_exercise_the_rules() -> None:
    assert len(EVAL_FILES) > 50
    assert sum(_lint_and_forget(path)[1] for path in EVAL_FILES) > 100


@pytest.mark.parametrize("path", EVAL_FILES, ids=lambda path: str(path.relative_to(EVALS)))
def test_the_tree_is_freed_after_its_lint(path: Path) -> None:
    scope_refs, _ = _lint_and_forget(path)
    gc.collect()
    alive = [type(ref()).__name__ for ref in scope_refs if ref() is not None]
    assert not alive, f"caches still hold parts of the linted tree: {alive}"
