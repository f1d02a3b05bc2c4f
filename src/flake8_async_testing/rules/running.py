"""ATP1xx: will the async test or fixture run at all, and under which plugin.

Codes: ATP101 unmarked-async-test, ATP102 unhandled-async-fixture, ATP103 marker-on-sync-test,
ATP104 async-generator-test, ATP105 mixed-async-plugins.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from flake8_async_testing.inference.fixtures import closure_for_test
from flake8_async_testing.module.model import CollectedTest
from flake8_async_testing.rules.base import Context, Finding, Rule

PLUGIN_MARKS = {"asyncio": "asyncio", "anyio": "anyio", "trio": "trio"}
AUTO_MODE_FIX = {
    "asyncio": "add `@pytest.mark.asyncio` or set `asyncio_mode = auto`",
    "anyio": "add `@pytest.mark.anyio` or set `anyio_mode = auto`",
    "trio": "add `@pytest.mark.trio` or set `trio_mode = true`",
}


def plugins_claiming(test: CollectedTest, ctx: Context) -> set[str] | None:
    """The async plugins that will run ``test``; ``None`` when that cannot be known."""
    settings = ctx.project.async_settings
    plugins = ctx.plugins
    claiming: set[str] = set()
    if plugins.asyncio and (settings.asyncio_mode == "auto" or test.marks.has("asyncio")):
        claiming.add("asyncio")
    if plugins.trio and (settings.trio_mode or test.marks.has("trio")):
        claiming.add("trio")
    if plugins.anyio:
        if settings.anyio_mode == "auto" or test.marks.has("anyio"):
            claiming.add("anyio")
        else:
            closure = closure_for_test(test, ctx.scopes)
            if "anyio_backend" in closure.names:
                claiming.add("anyio")
            elif not closure.complete:
                return None
    if claiming:
        return claiming
    if not plugins.fully_known:
        return None
    return claiming


class UnmarkedAsyncTest(Rule):
    """
    ## What it does
    Finds `async def` tests that no installed async pytest plugin will run: the test has no
    marker of a plugin that is present (`@pytest.mark.asyncio`, `@pytest.mark.anyio`,
    `@pytest.mark.trio`, on the function, its class or the module's `pytestmark`), the project
    has no auto mode for it (`asyncio_mode = auto`, `anyio_mode = auto`, `trio_mode = true`),
    and it does not request `anyio_backend`, directly or through its fixtures.

    ## Why is this bad?
    pytest itself cannot run coroutines. On pytest 8.4 and later the test fails with
    "async def functions are not natively supported"; on pytest 8.3 and earlier it is skipped
    with only a warning, so the suite is green while the test never ran. A `pytestmark` in
    `conftest.py` has no effect, and a misspelled marker (`@pytest.mark.asycnio`) only earns a
    `PytestUnknownMarkWarning`: both leave the test unhandled.

    ## Example
    ```python
    # pytest-asyncio installed, strict mode (the default)
    async def test_health(client):
        assert (await client.get("/health")).status_code == 200
    ```

    ## Use instead
    ```python
    import pytest

    @pytest.mark.asyncio
    async def test_health(client):
        assert (await client.get("/health")).status_code == 200
    ```
    or set `asyncio_mode = auto` in the pytest configuration (`anyio_mode = auto` for anyio,
    `trio_mode = true` for pytest-trio).

    ## References
    - pytest: [How to use asyncio and other async frameworks](https://docs.pytest.org/en/stable/how-to/failures.html)
    - pytest-asyncio: [Test discovery modes](https://pytest-asyncio.readthedocs.io/en/stable/concepts.html#test-discovery-modes)
    - anyio: [Testing with AnyIO](https://anyio.readthedocs.io/en/stable/testing.html)
    """

    code = "ATP101"
    name = "unmarked-async-test"
    summary = "async test that no installed async plugin will run"
    message = "Async test `{test}` has no async marker and no auto mode; it will not run: {fix}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.project.opaque_collection:
            return
        for test in ctx.module.tests:
            if not test.is_async or not test.marks.complete:
                continue
            if plugins_claiming(test, ctx) == set():
                yield self.finding(test.node, test=test.name, fix=self._fix(test, ctx))

    @staticmethod
    def _fix(test: CollectedTest, ctx: Context) -> str:
        present = [name for name in PLUGIN_MARKS if ctx.plugins.present(name)]
        for mark in test.marks.marks:
            close = difflib.get_close_matches(mark.name, present, n=1, cutoff=0.6)
            if close and mark.name not in PLUGIN_MARKS:
                return f"`@pytest.mark.{mark.name}` is misspelled, use `@pytest.mark.{close[0]}`"
        if not present:
            return "install an async plugin (pytest-asyncio, anyio or pytest-trio) and mark the test"
        preferred = "asyncio" if "asyncio" in present else present[0]
        return AUTO_MODE_FIX[preferred]


RULES: tuple[type[Rule], ...] = (UnmarkedAsyncTest,)
