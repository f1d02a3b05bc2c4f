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


def _suite_with_a_wide_fixture(root: Path, modules: int) -> None:
    (root / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (root / "conftest.py").write_text(
        "import pytest\n\n@pytest.fixture(scope='session')\ndef shared():\n    return object()\n\n"
        "@pytest.fixture\ndef narrow():\n    return 1\n",
        encoding="utf-8",
    )
    for number in range(modules):
        uses_narrow = ", narrow" if number == 0 else ""
        (root / f"test_{number}.py").write_text(
            f"def test_a(shared{uses_narrow}):\n    assert shared\n\ndef test_b():\n    pass\n", encoding="utf-8"
        )


def test_consumers_are_read_one_module_at_a_time(tmp_path: Path) -> None:
    """A wide fixture's consumer modules are let go as the search moves on: never all held at once."""
    from flake8_async_testing.inference.consumers import consumers_of
    from flake8_async_testing.project.model import project_for_directory

    _suite_with_a_wide_fixture(tmp_path, modules=5)
    settings = Settings()
    project = project_for_directory(tmp_path, settings)
    conftest = next(scope for scope in project.conftests if scope.path == tmp_path / "conftest.py")
    summaries: dict[Path, frozenset[tuple[str, int, Path | None]] | None] = {}
    consumers = consumers_of(conftest.fixtures["shared"], conftest, project, settings, summaries)
    assert consumers is not None
    earlier: list[weakref.ref[ast.Module]] = []
    names = []
    for consumer in consumers:
        gc.collect()
        assert all(ref() is None for ref in earlier), "an earlier consumer module is still held"
        earlier.append(weakref.ref(consumer.module.tree))
        names.append((consumer.module.path.name if consumer.module.path else None, consumer.test.name))
        del consumer
    assert names == [(f"test_{n}.py", "test_a") for n in range(5)]
    assert consumers.complete
    # a second fixture of the same conftest: only the module whose tests use it holds a consumer
    narrow = consumers_of(conftest.fixtures["narrow"], conftest, project, settings, summaries)
    assert narrow is not None
    assert [(c.module.path.name if c.module.path else None) for c in narrow] == ["test_0.py"]


def test_an_unreadable_test_module_leaves_the_search_incomplete(tmp_path: Path) -> None:
    from flake8_async_testing.inference.consumers import consumers_of
    from flake8_async_testing.project.model import project_for_directory

    _suite_with_a_wide_fixture(tmp_path, modules=3)
    (tmp_path / "test_1.py").write_text("def test_a(shared:\n", encoding="utf-8")  # a syntax error
    settings = Settings()
    project = project_for_directory(tmp_path, settings)
    conftest = next(scope for scope in project.conftests if scope.path == tmp_path / "conftest.py")
    consumers = consumers_of(conftest.fixtures["shared"], conftest, project, settings)
    assert consumers is not None
    assert [(c.module.path.name if c.module.path else None) for c in consumers] == ["test_0.py", "test_2.py"]
    assert not consumers.complete
