"""The flake8 entry point ``ATP``: options, and one run per file over the tree flake8 parsed."""

from __future__ import annotations

import argparse
import ast
from collections.abc import Iterator
from typing import Any, ClassVar

from flake8_async_testing import __version__
from flake8_async_testing.engine import lint_tree
from flake8_async_testing.settings import DEFAULT_MAX_INFERENCES, Settings


class AsyncTestingPlugin:
    name = "flake8-async-testing"
    version = __version__
    # Set by ``parse_options``; flake8 calls it in the main process and in every ``--jobs`` worker.
    settings: ClassVar[Settings] = Settings()

    def __init__(self, tree: ast.Module, filename: str = "stdin", lines: list[str] | None = None) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @staticmethod
    def add_options(option_manager: Any) -> None:
        option_manager.add_option(
            "--async-testing-plugins",
            default="auto",
            parse_from_config=True,
            comma_separated_list=True,
            help=(
                "Async pytest plugins your test environment has: any of asyncio (pytest-asyncio), "
                "anyio, trio (pytest-trio), or 'auto' to detect them from the project (default: auto)"
            ),
        )
        option_manager.add_option(
            "--async-testing-max-inferences",
            default=DEFAULT_MAX_INFERENCES,
            type=int,
            parse_from_config=True,
            help="Upper bound on astroid inferences per file (default: 200)",
        )

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        plugins = getattr(options, "async_testing_plugins", None)
        if isinstance(plugins, str):
            plugins = [part for part in plugins.split(",")]
        bound = getattr(options, "async_testing_max_inferences", DEFAULT_MAX_INFERENCES)
        cls.settings = Settings.from_plugin_list(plugins, int(bound))

    def run(self) -> Iterator[tuple[int, int, str, type[AsyncTestingPlugin]]]:
        source = "".join(self.lines) if self.lines is not None else None
        for finding in lint_tree(self.tree, self.filename, self.settings, source):
            yield finding.line, finding.col, f"{finding.code} {finding.message}", type(self)
