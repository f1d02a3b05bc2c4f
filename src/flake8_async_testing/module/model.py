"""The module model: one pass over the file's ``ast`` to find what pytest would collect in it."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import NamedTuple

from flake8_async_testing.module.imports import ImportMap
from flake8_async_testing.module.index import TreeIndex
from flake8_async_testing.module.pytest_defs import (
    Fixture,
    FunctionBacked,
    MarkSet,
    decorator_marks,
    file_matches,
    fixture_decorator,
    function_argnames,
    make_fixture,
    marks_of_expr,
    name_matches,
    values_may_carry_marks,
)
from flake8_async_testing.module.text import lines_mentioning, spans_a_line, text_may_mention
from flake8_async_testing.module.walk import FunctionDefNode, string_items

DEFAULT_PYTHON_FILES = ["test_*.py", "*_test.py"]
DEFAULT_PYTHON_FUNCTIONS = ["test"]
DEFAULT_PYTHON_CLASSES = ["Test"]
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_LITERALS = (ast.List, ast.Tuple, ast.Set, ast.Dict)


class CollectionRules(NamedTuple):
    """``python_files`` / ``python_functions`` / ``python_classes`` from the pytest config."""

    python_files: tuple[str, ...] = tuple(DEFAULT_PYTHON_FILES)
    python_functions: tuple[str, ...] = tuple(DEFAULT_PYTHON_FUNCTIONS)
    python_classes: tuple[str, ...] = tuple(DEFAULT_PYTHON_CLASSES)


class CollectedTest(FunctionBacked):
    """A function pytest collects as a test."""

    def __init__(
        self,
        node: FunctionDefNode,
        classes: tuple[ast.ClassDef, ...],
        marks: MarkSet,
        argnames: tuple[str, ...],
        class_fixtures: dict[str, Fixture],
    ) -> None:
        self.node = node
        self.classes = classes
        self.marks = marks
        self.argnames = argnames
        self.class_fixtures = class_fixtures

    @property
    def name(self) -> str:
        return self.node.name

    def requested_fixtures(self) -> set[str]:
        return set(self.argnames) | self.marks.requested_fixtures()


class ModuleModel:
    """Everything the rules need to know about the file being linted."""

    def __init__(
        self,
        tree: ast.Module,
        path: Path | None,
        imports: ImportMap,
        is_conftest: bool,
        is_test_module: bool,
        index: TreeIndex,
        source: str | None = None,
    ) -> None:
        self.tree = tree
        self.path = path
        self.imports = imports
        self.is_conftest = is_conftest
        self.is_test_module = is_test_module
        self.index = index
        # The file's text when known, for cheap "can this module name X at all?" pre-filters.
        self.source = source
        # filled in by ``build_module_model``
        self.module_marks = MarkSet()
        self.fixtures: dict[str, Fixture] = {}
        self.class_fixtures: list[Fixture] = []
        self.tests: list[CollectedTest] = []
        self.functions: dict[str, FunctionDefNode] = {}
        self.hooks: set[str] = set()
        self.pytest_plugins: tuple[str, ...] = ()
        self.pytest_plugins_opaque = False
        self.mark_aliases: dict[str, str] = {}
        # ``NAME = value`` statements at module level (the last one wins), for reading parametrize values.
        self.module_values: dict[str, ast.expr] = {}
        # What the tracer found its fixtures hand out, by (fixture node id, depth, ids of the scopes it
        # sees): a conftest is traced once, not again for every test file below it.
        self.fixture_kinds: dict[tuple[int, int, tuple[int, ...]], str | None] = {}
        self._autouse: list[Fixture] | None = None
        # answers of ``may_mention``: a conftest is asked the same questions for every test file below it
        self._mentions: dict[tuple[str, ...], bool] = {}

    def may_mention(self, *words: str) -> bool:
        """False only when the module's text certainly has none of the identifiers ``words``."""
        known = self._mentions.get(words)
        if known is None:
            known = self._mentions[words] = text_may_mention(self.source, words)
        return known

    @property
    def all_fixtures(self) -> list[Fixture]:
        return [*self.fixtures.values(), *self.class_fixtures]

    @property
    def autouse_fixtures(self) -> list[Fixture]:
        """The module-level ``autouse`` fixtures (listed once: every test of every file below asks)."""
        if self._autouse is None:
            self._autouse = [fixture for fixture in self.fixtures.values() if fixture.autouse]
        return self._autouse


def _module_mark_aliases(tree: ast.Module, imports: ImportMap) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name) and target.id != "pytestmark":
                marks = marks_of_expr(statement.value, imports, {}, "module")
                if marks.complete and len(marks.marks) == 1 and not isinstance(statement.value, (ast.List, ast.Tuple)):
                    aliases[target.id] = marks.marks[0].name
    return aliases


def _pytestmark(body: list[ast.stmt], imports: ImportMap, aliases: dict[str, str], origin: str) -> MarkSet:
    """Marks from ``pytestmark = ...`` statements directly in ``body``; opaque when assigned another way."""
    result = MarkSet()
    for statement in body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign):
            targets, value = [statement.target], statement.value
        elif isinstance(statement, ast.AugAssign):
            targets, value = [statement.target], None
        if any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in targets):
            if value is None:
                result = MarkSet(result.marks, False)
            else:
                result = marks_of_expr(value, imports, aliases, origin)
        elif not isinstance(statement, _DEFINITIONS) and _assigns_pytestmark(statement):
            # pytestmark set inside ``if``/``try``/``with``: pytest sees it, we cannot be sure how.
            result = MarkSet(result.marks, False)
    return result


def _assigns_pytestmark(statement: ast.stmt) -> bool:
    for node in ast.walk(statement):
        if isinstance(node, ast.Name) and node.id == "pytestmark" and isinstance(node.ctx, ast.Store):
            return True
    return False


def _pytest_plugins(tree: ast.Module) -> tuple[tuple[str, ...], bool]:
    names: list[str] = []
    opaque = False
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytest_plugins" for t in statement.targets
        ):
            items = string_items(statement.value)
            if items is None:
                opaque = True
            else:
                names.extend(items)
    return tuple(names), opaque


class _Collector:
    def __init__(self, model: ModuleModel, rules: CollectionRules) -> None:
        self.model = model
        self.rules = rules

    def collect(self) -> None:
        model = self.model
        for statement in model.tree.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                model.functions[statement.name] = statement
                if statement.name.startswith("pytest_"):
                    model.hooks.add(statement.name)
                fixture = make_fixture(
                    statement, model.imports, model.path, in_class=False, module_values=model.module_values
                )
                if fixture is not None:
                    model.fixtures[fixture.name] = fixture
                elif model.is_test_module and name_matches(statement.name, self.rules.python_functions):
                    self._add_test(statement, (), model.module_marks, {})
            elif isinstance(statement, ast.ClassDef):
                self._collect_class(statement, ())

    def _is_pytest_class(self, node: ast.ClassDef, local_classes: dict[str, ast.ClassDef]) -> bool:
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id in local_classes:
                if not self._is_pytest_class(local_classes[base.id], local_classes):
                    return False
                continue
            qualified = self.model.imports.qualified_name(base)
            if qualified in ("object", "builtins.object") or (isinstance(base, ast.Name) and base.id == "object"):
                continue
            return False  # unittest classes, library bases, anything we cannot see through
        if node.keywords:
            return False
        for statement in node.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == "__init__":
                return False
            if isinstance(statement, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__test__" for t in statement.targets
            ):
                return False
        return True

    def _collect_class(self, node: ast.ClassDef, outer: tuple[ast.ClassDef, ...]) -> None:
        model = self.model
        local_classes = {s.name: s for s in model.tree.body if isinstance(s, ast.ClassDef)}
        fixtures: dict[str, Fixture] = {}
        for statement in node.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                fixture = make_fixture(
                    statement, model.imports, model.path, in_class=True, module_values=model.module_values
                )
                if fixture is not None:
                    fixtures[fixture.name] = fixture
                    model.class_fixtures.append(fixture)
        if not model.is_test_module or not name_matches(node.name, self.rules.python_classes):
            return
        if not self._is_pytest_class(node, local_classes):
            return
        classes = (*outer, node)
        marks = model.module_marks
        for cls in classes:
            marks = marks + decorator_marks(cls, model.imports, model.mark_aliases, "class")
            if model.may_mention("pytestmark"):
                marks = marks + _pytestmark(cls.body, model.imports, model.mark_aliases, "class")
        for statement in node.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if fixture_decorator(statement, model.imports) is not None:
                    continue
                if name_matches(statement.name, self.rules.python_functions):
                    self._add_test(statement, classes, marks, fixtures)
            elif isinstance(statement, ast.ClassDef):
                self._collect_class(statement, classes)

    def _parametrize_may_mark(self, marks: MarkSet) -> bool:
        """``parametrize`` values holding ``pytest.param(..., marks=...)`` add marks to the test's items."""
        model = self.model
        for mark in marks.named("parametrize"):
            values = mark.arg(1) or mark.keyword("argvalues")
            if values is None or self._plain_literal(values):
                continue
            if values_may_carry_marks(values, model.imports, model.module_values):
                return True
        return False

    def _plain_literal(self, values: ast.expr) -> bool:
        """A literal list (or tuple, set, dict) of values that certainly holds no marks, known from the text.

        Without the word ``marks`` in the file no ``pytest.param`` carries any; a literal container is not
        a name or call whose values come from elsewhere; and when its lines name no module-level value,
        nothing inside it leads anywhere else. ``values_may_carry_marks`` would walk it to say the same.
        """
        model = self.model
        if not isinstance(values, _LITERALS) or model.may_mention("marks"):
            return False
        lines = lines_mentioning(model.source, tuple(model.module_values))
        return not spans_a_line(values.lineno, values.end_lineno or values.lineno, lines)

    def _add_test(
        self, node: FunctionDefNode, classes: tuple[ast.ClassDef, ...], inherited: MarkSet, fixtures: dict[str, Fixture]
    ) -> None:
        marks = inherited + decorator_marks(node, self.model.imports, self.model.mark_aliases, "function")
        if self._parametrize_may_mark(marks):
            marks = MarkSet(marks.marks, complete=False)
        argnames = function_argnames(node, is_method=bool(classes))
        self.model.tests.append(CollectedTest(node, classes, marks, argnames, fixtures))


def _module_values(tree: ast.Module) -> dict[str, ast.expr]:
    values: dict[str, ast.expr] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                values[target.id] = statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value:
            values[statement.target.id] = statement.value
    return values


def build_module_model(
    tree: ast.Module,
    path: Path | None,
    rules: CollectionRules,
    module_name: str | None = None,
    source: str | None = None,
) -> ModuleModel:
    index = TreeIndex(tree)
    imports = ImportMap(tree, module_name, index)
    is_conftest = path is not None and path.name == "conftest.py"
    is_test_module = path is not None and not is_conftest and file_matches(path, list(rules.python_files))
    model = ModuleModel(
        tree=tree,
        path=path,
        imports=imports,
        is_conftest=is_conftest,
        is_test_module=is_test_module,
        index=index,
        source=source,
    )
    # every mark expression says ``mark`` (``pytest.mark.x``, ``from pytest import mark``)
    if model.may_mention("mark"):
        model.mark_aliases = _module_mark_aliases(tree, imports)
    model.module_values = _module_values(tree)
    if not is_conftest and model.may_mention("pytestmark"):  # pytestmark in conftest.py has no effect
        model.module_marks = _pytestmark(tree.body, imports, model.mark_aliases, "module")
    model.pytest_plugins, model.pytest_plugins_opaque = _pytest_plugins(tree)
    _Collector(model, rules).collect()
    return model
