"""What a rule is: code, short name, message template, five-part docs, and a small check."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable, Hashable, Iterator
from functools import cached_property
from typing import Any, ClassVar, NamedTuple, TypeVar, cast

from flake8_async_testing.inference.astroid_bridge import Inference
from flake8_async_testing.inference.tracing import Tracer
from flake8_async_testing.inference.fixtures import Closure, closure_for_test
from flake8_async_testing.module.model import CollectedTest, ModuleModel
from flake8_async_testing.module.text import text_may_mention
from flake8_async_testing.project.model import ProjectModel
from flake8_async_testing.project.plugins import AsyncPlugins
from flake8_async_testing.settings import Settings


T = TypeVar("T")
DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "References")


class Finding(NamedTuple):
    """One report: compared, hashed and sorted by all four fields, in this order."""

    line: int
    col: int
    code: str
    message: str


class Context:
    """What a rule may read: the two models, the plugins in force, inference, and the file's text."""

    def __init__(
        self,
        module: ModuleModel,
        project: ProjectModel,
        plugins: AsyncPlugins,
        settings: Settings,
        inference: Inference,
        source: str | None = None,
    ) -> None:
        self.module = module
        self.project = project
        self.plugins = plugins
        self.settings = settings
        self.inference = inference
        self.source = source
        # results several rules of one file share (``shared``)
        self._shared: dict[str, Any] = {}

    def shared(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once per file under ``key`` for every rule that asks."""
        if key not in self._shared:
            self._shared[key] = compute()
        return cast(T, self._shared[key])

    def remembered(self, table: str, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once per file for each ``key`` of ``table`` (an id is a fine key:
        what it names lives as long as the file's models)."""
        known: dict[Hashable, Any] = self.shared(table, dict)
        if key not in known:
            known[key] = compute()
        return cast(T, known[key])

    def closure_of(self, test: CollectedTest) -> Closure:
        """``closure_for_test`` of a test of this file, worked out once however many rules ask."""
        return self.remembered("closures", id(test), lambda: closure_for_test(test, self.scopes))

    @cached_property
    def scopes(self) -> tuple[ModuleModel, ...]:
        return self.project.with_module(self.module)

    @cached_property
    def tracer(self) -> Tracer:
        """One tracer per file, so every rule shares what it has already worked out."""
        return Tracer(self.scopes)

    def source_may_mention(self, *words: str) -> bool:
        """False only when the file's text certainly has none of the identifiers ``words`` (a cheap pre-filter)."""
        return text_may_mention(self.source, words)

    def scopes_may_mention(self, *words: str) -> bool:
        """False only when neither this file nor any conftest or plugin module in scope has any of ``words``:
        a value the tracer follows (through fixtures, too) comes from one of them."""
        return self.source_may_mention(*words) or any(
            scope.may_mention(*words) for scope in self.scopes if scope is not self.module
        )


class Rule:
    """Base of every rule. Subclasses set the class attributes and write ``check``.

    The subclass docstring is the rule's documentation, in markdown with the five sections of
    ``DOC_SECTIONS`` as ``## `` headings; the README and ``explain`` are generated from it.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    message: ClassVar[str]

    def check(self, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(self, where: ast.AST | int, **fields: str) -> Finding:
        if isinstance(where, int):
            line, col = where, 0
        else:
            line, col = getattr(where, "lineno", 1), getattr(where, "col_offset", 0)
        return Finding(line, col, self.code, self.message.format(**fields))

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")
