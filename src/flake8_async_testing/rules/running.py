"""ATP1xx: will the async test or fixture run at all, and under which plugin.

Codes: ATP101 unmarked-async-test, ATP102 unhandled-async-fixture, ATP103 marker-on-sync-test,
ATP104 async-generator-test, ATP105 mixed-async-plugins.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_async_testing.inference.fixtures import closure_of_names
from flake8_async_testing.module.imports import ImportMap
from flake8_async_testing.module.model import CollectedTest, ModuleModel
from flake8_async_testing.module.pytest_defs import (
    FIXTURE_DECORATORS,
    TRANSPARENT_DECORATORS,
    Fixture,
    decorator_marks,
)
from flake8_async_testing.module.lines import mentions_within
from flake8_async_testing.module.walk import FunctionDefNode, is_generator, string_items, string_value, walk_body
from flake8_async_testing.project.model import name_is_imported_fixture
from flake8_async_testing.rules.base import Context, Finding, Rule

PLUGIN_MARKS = {"asyncio": "asyncio", "anyio": "anyio", "trio": "trio"}
AUTO_MODE_FIX = {
    "asyncio": "add `@pytest.mark.asyncio` or set `asyncio_mode = auto`",
    "anyio": "add `@pytest.mark.anyio` or set `anyio_mode = auto`",
    "trio": "add `@pytest.mark.trio` or set `trio_mode = true`",
}


def some_plugin_claims(test: CollectedTest, ctx: Context) -> bool | None:
    """Whether an installed async plugin will run ``test``; ``None`` when that cannot be known.

    The marks and modes are asked first: when they settle it, the fixture closure (all that anyio's
    ``anyio_backend`` could add) is not needed.
    """
    settings = ctx.project.async_settings
    plugins = ctx.plugins
    if plugins.asyncio and (settings.asyncio_mode == "auto" or test.marks.has("asyncio")):
        return True
    if plugins.trio and (settings.trio_mode or test.marks.has("trio")):
        return True
    if plugins.anyio:
        if settings.anyio_mode == "auto" or test.marks.has("anyio"):
            return True
        closure = ctx.closure_of(test)
        if "anyio_backend" in closure.names:
            return True
        if not closure.complete:
            return None
    if not plugins.fully_known:
        return None
    return False


def plain_decorators_only(node: FunctionDefNode, imports: ImportMap) -> bool:
    """Whether every decorator of ``node`` is a fixture decorator, a mark or a known harmless one.

    An unknown decorator may turn the coroutine function into a plain function: then stay silent.
    """
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        qualified = imports.qualified_name(target)
        if qualified is None:
            return False
        if qualified in FIXTURE_DECORATORS or qualified in TRANSPARENT_DECORATORS:
            continue
        if qualified.startswith("pytest.mark.") and qualified.count(".") == 2:
            continue
        return False
    return True


def function_decorators_known(test: CollectedTest, ctx: Context) -> bool:
    """The test's own decorators are all marks or harmless wrappers (it stays what its ``def`` says).

    ``test.marks`` adds these very decorator marks (same imports, same aliases) to the inherited ones,
    and is complete only when every part is: complete marks answer without looking again.
    """
    if test.marks.complete:
        return True
    return decorator_marks(test.node, ctx.module.imports, ctx.module.mark_aliases, "function").complete


def _defining_scopes(fixture: Fixture, scopes: tuple[ModuleModel, ...]) -> tuple[ModuleModel, ...] | None:
    """The fixture scopes as seen from the module that defines ``fixture``: that module, then conftests."""
    for index, scope in enumerate(scopes):
        # identity first: a path comparison (pathlib) costs more than the dict look-up
        if (
            scope.fixtures.get(fixture.name) is fixture or any(f is fixture for f in scope.class_fixtures)
        ) and scope.path == fixture.path:
            return scopes[index:]
    return None


def _anyio_in_use(scopes: tuple[ModuleModel, ...], ctx: Context) -> bool:
    """Any sign that anyio's plugin runs tests here, so a plain async fixture may serve anyio tests."""
    if ctx.project.async_settings.anyio_mode == "auto":
        return True
    for scope in scopes:
        if scope.imports.imports_module("anyio") or scope.module_marks.has("anyio"):
            return True
        for fixture in scope.all_fixtures:
            if fixture.name == "anyio_backend" or "anyio_backend" in fixture.argnames:
                return True
        for test in scope.tests:
            if test.marks.has("anyio") or "anyio_backend" in test.requested_fixtures():
                return True
    return False


def is_plain_async_fixture(fixture: Fixture) -> bool:
    return fixture.kind == "pytest" and fixture.is_async and plain_decorators_only(fixture.node, fixture.imports)


def fixture_never_run(fixture: Fixture, ctx: Context) -> bool:
    """A plain ``@pytest.fixture`` on ``async def`` that no installed plugin will run for any test.

    Decided from the fixture's own module and the conftests above it only, so that linting the
    fixture's file and linting a test that uses it agree.
    """
    # every condition is a reason for silence: the project-wide ones first, as they cost least
    plugins = ctx.plugins
    if plugins.trio is not False or plugins.asyncio is None or plugins.anyio is None:
        return False  # pytest-trio runs plain async fixtures for trio tests; unknown => silent
    if plugins.asyncio and ctx.project.async_settings.asyncio_mode != "strict":
        return False  # auto mode: pytest-asyncio runs every async fixture
    if plugins.anyio and not plugins.asyncio:
        return False  # an anyio-only project: the fixture is meant for anyio tests
    if not _is_plain_async_fixture_cached(fixture, ctx):
        return False
    scopes = _defining_scopes(fixture, ctx.scopes)
    if scopes is None or not (scopes[0].is_conftest or scopes[0].is_test_module):
        return False
    if plugins.anyio:
        closure = closure_of_names(set(fixture.argnames), scopes)
        if "anyio_backend" in closure.names or not closure.complete:
            return False
        if _anyio_in_use_cached(scopes, ctx):
            return False
    return True


def _is_plain_async_fixture_cached(fixture: Fixture, ctx: Context) -> bool:
    """``is_plain_async_fixture``, once per fixture per file (a conftest fixture serves every test)."""
    return ctx.remembered("running.plain_async", id(fixture), lambda: is_plain_async_fixture(fixture))


def _anyio_in_use_cached(scopes: tuple[ModuleModel, ...], ctx: Context) -> bool:
    """``_anyio_in_use`` once per file for each tail of the file's scopes (a tail is known by its length)."""
    return ctx.remembered("running.anyio_in_use", len(scopes), lambda: _anyio_in_use(scopes, ctx))


def _is_candidate(fixture: Fixture, ctx: Context) -> bool:
    """A plain async fixture that some plugin runs for some tests: a test may still get it unrun."""
    return _is_plain_async_fixture_cached(fixture, ctx) and not _fixture_never_run_cached(fixture, ctx)


def _file_sees_a_candidate(ctx: Context) -> bool:
    """Whether any fixture a test of this file can reach is a candidate, worked out once per file.

    A test's closure holds only fixtures looked up in its class (defined in this module) or in the
    file's scopes, so when none of those is a candidate no test gets one and its closure is not needed.
    """
    return ctx.shared("running.sees_candidate", lambda: _any_candidate_in_sight(ctx))


def _any_candidate_in_sight(ctx: Context) -> bool:
    in_scopes = (fixture for scope in ctx.scopes for fixture in scope.fixtures.values())
    return any(
        fixture.is_async and _is_candidate(fixture, ctx) for fixture in (*in_scopes, *ctx.module.class_fixtures)
    )


def _fixture_never_run_cached(fixture: Fixture, ctx: Context) -> bool:
    """``fixture_never_run``, once per fixture per file: many tests of a file share their fixtures."""
    return ctx.remembered("running.never_run", id(fixture), lambda: fixture_never_run(fixture, ctx))


def backend_choice(test: CollectedTest, ctx: Context) -> tuple[str, str | None]:
    """How ``anyio_backend`` is chosen for ``test``: ("default"|"pinned"|"parametrized"|"unknown", value)."""
    for mark in test.marks.named("parametrize"):
        names = string_items(mark.arg(0) or mark.keyword("argnames"))
        if names is None or "anyio_backend" in names:
            return "unknown", None
    fixture = test.class_fixtures.get("anyio_backend")
    if fixture is None:
        for scope in ctx.scopes:
            if "anyio_backend" in scope.fixtures:
                fixture = scope.fixtures["anyio_backend"]
                break
    if fixture is None:
        if name_is_imported_fixture("anyio_backend", ctx.scopes):
            return "unknown", None
        return "default", None
    if fixture.has_params:
        return "parametrized", None
    if fixture.is_async or "anyio_backend" in fixture.argnames:
        return "unknown", None
    return "pinned", _returned_backend(fixture.node)


def _returned_backend(node: FunctionDefNode) -> str | None:
    """``"trio"`` for ``return "trio"`` or ``return ("trio", {...})``; None when not one literal."""
    returns = [child for child in walk_body(node) if isinstance(child, ast.Return)]
    if len(returns) != 1 or returns[0].value is None:
        return None
    value = returns[0].value
    if isinstance(value, ast.Tuple) and value.elts:
        value = value.elts[0]
    return string_value(value)


def _fixture_params_may_mark(test: CollectedTest, ctx: Context) -> bool:
    """A fixture the test uses has ``params`` that may carry marks (``pytest.param(..., marks=...)``)."""
    return any(fixture.params_may_mark for fixture in ctx.closure_of(test).fixtures)


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
            if some_plugin_claims(test, ctx) is False and not _fixture_params_may_mark(test, ctx):
                yield self.finding(test.node, test=test.name, fix=self._fix(test, ctx))

    @staticmethod
    def _fix(test: CollectedTest, ctx: Context) -> str:
        present = [name for name in PLUGIN_MARKS if ctx.plugins.present(name)]
        for mark in test.marks.marks:
            import difflib  # only for a message: off the start-up path

            close = difflib.get_close_matches(mark.name, present, n=1, cutoff=0.6)
            if close and mark.name not in PLUGIN_MARKS:
                return f"`@pytest.mark.{mark.name}` is misspelled, use `@pytest.mark.{close[0]}`"
        if not present:
            return "install an async plugin (pytest-asyncio, anyio or pytest-trio) and mark the test"
        preferred = "asyncio" if "asyncio" in present else present[0]
        return AUTO_MODE_FIX[preferred]


class UnhandledAsyncFixture(Rule):
    """
    ## What it does
    Finds async fixtures that no installed plugin will run: a plain `@pytest.fixture` on an
    `async def` in pytest-asyncio's strict mode, where nothing shows that anyio or pytest-trio
    tests use it (reported on the fixture), and sync or strict-mode asyncio tests that request a
    plain async fixture which the plugins run only for anyio or trio tests (reported on the test).

    Only pytest-asyncio in auto mode runs plain async fixtures for every test; anyio runs them
    only for tests that use `anyio_backend`, pytest-trio only for trio tests, and
    `@pytest_asyncio.fixture` fixtures run for any test, sync ones included.

    ## Why is this bad?
    pytest itself cannot run a coroutine fixture. pytest 9 errors at setup: "'test_x' requested
    an async fixture 'client', with no plugin or hook that handled it. This is an error, as
    pytest does not natively support it." pytest 8.4 only warns and 8.3 and earlier silently hand
    the test the raw coroutine or async generator object (`client = <async_generator object
    client at 0x…>`), so assertions run against the wrong thing.

    ## Example
    ```python
    # pytest-asyncio installed, strict mode (the default)
    @pytest.fixture
    async def client():
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
            yield c
    ```

    ## Use instead
    ```python
    import pytest_asyncio

    @pytest_asyncio.fixture
    async def client():
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
            yield c
    ```
    or set `asyncio_mode = auto`. A sync test that needs the fixture's result can use a
    `@pytest_asyncio.fixture` (pytest-asyncio 1.x runs those for sync tests too), or become an
    async test of the plugin that runs the fixture (`@pytest.mark.anyio`, `@pytest.mark.trio`).

    ## References
    - pytest-asyncio: [Test discovery modes](https://pytest-asyncio.readthedocs.io/en/stable/concepts.html#test-discovery-modes)
    - pytest: [Sync tests depending on async fixtures](https://docs.pytest.org/en/stable/deprecations.html#sync-test-depending-on-async-fixture)
    - anyio: [Asynchronous fixtures](https://anyio.readthedocs.io/en/stable/testing.html#asynchronous-fixtures)
    - pytest-trio: [Trio fixtures](https://pytest-trio.readthedocs.io/en/stable/reference.html#trio-fixtures)
    """

    code = "ATP102"
    name = "unhandled-async-fixture"
    summary = "async fixture that no installed plugin will run (for this test)"
    message = "Async fixture `{fixture}` {problem}; {fix}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.project.opaque_collection:
            return
        module = ctx.module
        if module.is_conftest or module.is_test_module:
            for fixture in module.all_fixtures:
                if _fixture_never_run_cached(fixture, ctx):
                    yield self.finding(
                        fixture.node,
                        fixture=fixture.name,
                        problem="is a plain `@pytest.fixture` that no installed plugin will run",
                        fix=self._fixture_fix(ctx),
                    )
        for test in module.tests:
            found = self._unhandled_for_test(test, ctx)
            if found is not None:
                kind = "async" if test.is_async else "sync"
                yield self.finding(
                    test.node,
                    fixture=found.name,
                    problem=f"is requested by {kind} test `{test.name}`, for which no plugin runs it",
                    fix=self._test_fix(test, ctx),
                )

    @staticmethod
    def _unhandled_for_test(test: CollectedTest, ctx: Context) -> Fixture | None:
        # every condition below is a reason for silence: the project-wide ones are asked first
        plugins = ctx.plugins
        settings = ctx.project.async_settings
        if settings.asyncio_mode != "strict" and plugins.asyncio is not False:
            return None  # auto mode runs every async fixture (unknown plugin => silent)
        if not test.marks.complete:  # complete marks imply function_decorators_known (see there)
            return None
        if test.is_async and not some_plugin_claims(test, ctx):
            return None  # unknown, or ATP101's business
        anyio_marked = test.is_async and (settings.anyio_mode == "auto" or test.marks.has("anyio"))
        if anyio_marked and plugins.anyio is not False:
            return None  # anyio runs the test's async fixtures
        trio_runs = test.is_async and (settings.trio_mode or test.marks.has("trio"))
        if trio_runs and plugins.trio is not False:
            return None
        if not _file_sees_a_candidate(ctx):
            return None
        closure = ctx.closure_of(test)
        if plugins.anyio is not False and ("anyio_backend" in closure.names or not closure.complete):
            return None  # anyio runs them (for ``anyio_backend``), or a fixture out of sight may say so
        for fixture in closure.fixtures:
            if _is_candidate(fixture, ctx):
                return fixture
        return None

    @staticmethod
    def _fixture_fix(ctx: Context) -> str:
        if ctx.plugins.asyncio:
            return "use `@pytest_asyncio.fixture` or set `asyncio_mode = auto`"
        return "install an async plugin (pytest-asyncio, anyio or pytest-trio) or make the fixture sync"

    @staticmethod
    def _test_fix(test: CollectedTest, ctx: Context) -> str:
        if ctx.plugins.asyncio:
            return "use `@pytest_asyncio.fixture` (pytest-asyncio runs it for any test) or set `asyncio_mode = auto`"
        if ctx.plugins.trio:
            return "make the test `async def` with `@pytest.mark.trio`, or make the fixture sync"
        return "make the test `async def` with `@pytest.mark.anyio`, or make the fixture sync"


def _class_has_async_tests(test: CollectedTest, ctx: Context) -> bool:
    """Whether the test's class also holds async tests, which a class-wide mark is really for."""
    return any(other.classes == test.classes and other.is_async for other in ctx.module.tests)


class MarkerOnSyncTest(Rule):
    """
    ## What it does
    Finds an `asyncio`, `anyio` or `trio` marker put explicitly on a test that is not
    `async def`: as a decorator on the function, or on its class (class decorator or class
    `pytestmark`), reported on each sync test it reaches. A module-wide `pytestmark` that also
    covers the module's sync tests is the normal idiom and is not reported, and neither is an
    `anyio` class marker on a class that also holds async tests (anyio skips the sync methods
    silently, with no effect at all on how they run).

    ## Why is this bad?
    The marker does not make a sync test run in an event loop. pytest-asyncio ignores it with
    "PytestWarning: The test <Function test_health> is marked with '@pytest.mark.asyncio' but it
    is not an async function"; anyio ignores it silently; pytest-trio fails the test with
    "test function ... is marked trio but is not async". A sync test that returns a coroutine
    never runs its body's assertions (pytest 9: "async def functions are not natively
    supported"), although pytest-asyncio 0.21 used to run it.

    ## Example
    ```python
    @pytest.mark.asyncio
    def test_health():
        assert TestClient(app).get("/health").status_code == 200
    ```

    ## Use instead
    ```python
    def test_health():
        assert TestClient(app).get("/health").status_code == 200


    @pytest.mark.asyncio
    async def test_health_async(client):
        assert (await client.get("/health")).status_code == 200
    ```
    Remove the marker from sync tests, or make the test `async def` when it should run in the
    event loop; with a class marker, move the sync tests out of the class.

    ## References
    - pytest-asyncio: [Markers](https://pytest-asyncio.readthedocs.io/en/stable/reference/markers/index.html)
    - anyio: [Testing with AnyIO](https://anyio.readthedocs.io/en/stable/testing.html)
    - pytest-trio: [Reference](https://pytest-trio.readthedocs.io/en/stable/reference.html)
    """

    code = "ATP103"
    name = "marker-on-sync-test"
    summary = "async plugin marker on a sync test"
    message = "Marker `@pytest.mark.{mark}` on sync test `{test}` {effect}; remove the marker or make the test `async def`"

    EFFECTS = {
        "asyncio": "is ignored with a warning by pytest-asyncio",
        "anyio": "is silently ignored by anyio",
        "trio": "makes pytest-trio fail the test",
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.project.opaque_collection:
            return
        for test in ctx.module.tests:
            if test.is_async or not function_decorators_known(test, ctx):
                continue
            for mark in test.marks.marks:
                if mark.name in PLUGIN_MARKS and mark.origin in ("function", "class"):
                    if mark.origin == "class" and mark.name == "anyio" and _class_has_async_tests(test, ctx):
                        continue  # anyio skips sync methods of a marked class silently and harmlessly
                    effect = self.EFFECTS[mark.name] if ctx.plugins.present(mark.name) else "has no effect"
                    yield self.finding(test.node, mark=mark.name, test=test.name, effect=effect)
                    break


class AsyncGeneratorTest(Rule):
    """
    ## What it does
    Finds async tests with a `yield` in their own body (not in a nested function): such a test
    is an async generator function, not a coroutine function.

    ## Why is this bad?
    No plugin runs an async generator as a test, so its body, and every assertion in it, never
    runs. pytest-asyncio marks it xfailed with "PytestCollectionWarning: Tests based on
    asynchronous generators are not supported. test_health will be ignored." and the run stays
    green; under anyio and pytest-trio pytest fails it with the misleading "async def functions
    are not natively supported", although the plugin is installed and active.

    ## Example
    ```python
    async def test_health():
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
            resp = await c.get("/health")
            yield resp
        assert resp.status_code == 200
    ```

    ## Use instead
    ```python
    @pytest_asyncio.fixture
    async def client():
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
            yield c


    async def test_health(client):
        assert (await client.get("/health")).status_code == 200
    ```
    Setup and teardown around a `yield` belong in a fixture; an async generator helper can be
    defined inside the test and consumed with `async for`.

    ## References
    - pytest-asyncio: [Concepts](https://pytest-asyncio.readthedocs.io/en/stable/concepts.html)
    - pytest: [Yield fixtures](https://docs.pytest.org/en/stable/how-to/fixtures.html#yield-fixtures-recommended)
    """

    code = "ATP104"
    name = "async-generator-test"
    summary = "`yield` in an async test: the body never runs"
    message = "Async test `{test}` contains `yield`, so it is an async generator and never runs; move the `yield` into a fixture"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.project.opaque_collection:
            return
        if not ctx.source_may_mention("yield"):
            return  # a generator has the word ``yield`` on one of its lines
        for test in ctx.module.tests:
            if test.is_async and _yields(test.node, ctx) and function_decorators_known(test, ctx):
                yield self.finding(test.node, test=test.name)


def _yields(test_node: FunctionDefNode, ctx: Context) -> bool:
    """Whether a test of this module is a generator; one without the word ``yield`` on its lines is not."""
    return mentions_within(test_node, ctx.source, "yield") and is_generator(test_node)


class MixedAsyncPlugins(Rule):
    """
    ## What it does
    Finds async tests that two async plugins claim at once, where that changes where the test
    runs: `@pytest.mark.asyncio` together with `@pytest.mark.anyio` or `@pytest.mark.trio`
    (or `trio_mode = true`), `@pytest.mark.trio` (or `trio_mode`) together with
    `@pytest.mark.anyio`, and, in pytest-asyncio's auto mode, an anyio test whose
    `anyio_backend` is overridden with one fixed backend while it uses async fixtures (or pins a
    backend other than asyncio). Suites that use each plugin in its own tests are fine, and so
    is auto mode with anyio's default, parametrized `anyio_backend`.

    ## Why is this bad?
    Only one plugin really runs the test, and not the one the test says. With both `asyncio`
    and `anyio` marks every `anyio_backend` variant runs in pytest-asyncio's loop: the `[trio]`
    test never runs on trio ("assert 'trio' == 'asyncio'"), and anyio runs the async fixtures
    in another loop. With a `trio` claim pytest-trio runs the test on trio whatever the other
    marker says. In auto mode with a pinned `anyio_backend`, the test stays a pytest-asyncio
    item while anyio runs its async fixtures in its own runner: tasks a fixture started never
    run during the test ("TimeoutError"), and a pinned `trio` backend runs on asyncio.

    ## Example
    ```python
    # asyncio_mode = auto, conftest.py overrides anyio_backend to return "asyncio"
    @pytest.mark.anyio
    async def test_worker_uppercases(upper_worker):
        queue, results = upper_worker
        await queue.put("a")
        await asyncio.wait_for(queue.join(), timeout=1)
    ```

    ## Use instead
    Let one plugin own each test: keep one of the markers; with anyio tests in the suite, use
    pytest-asyncio's strict mode (the default) so that anyio drives its tests and their
    fixtures, or drop the `anyio_backend` override.

    ## References
    - anyio: [Testing with AnyIO](https://anyio.readthedocs.io/en/stable/testing.html)
    - pytest-asyncio: [Test discovery modes](https://pytest-asyncio.readthedocs.io/en/stable/concepts.html#test-discovery-modes)
    - pytest-trio: [Trio mode](https://pytest-trio.readthedocs.io/en/stable/reference.html#trio-mode)
    """

    code = "ATP105"
    name = "mixed-async-plugins"
    summary = "one async test claimed by two async plugins"
    message = "Async test `{test}` is claimed by both {plugins}: {effect}; {fix}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.project.opaque_collection:
            return
        for test in ctx.module.tests:
            if not test.is_async or not test.marks.complete:  # complete marks: decorators known too
                continue
            conflict = self._conflict(test, ctx)
            if conflict is not None and not _yields(test.node, ctx):  # a generator: no plugin claims it (ATP104)
                plugins, effect, fix = conflict
                yield self.finding(test.node, test=test.name, plugins=plugins, effect=effect, fix=fix)

    @staticmethod
    def _conflict(test: CollectedTest, ctx: Context) -> tuple[str, str, str] | None:
        plugins = ctx.plugins
        settings = ctx.project.async_settings
        asyncio_mark = plugins.asyncio is True and test.marks.has("asyncio")
        trio_claim = plugins.trio is True and (settings.trio_mode or test.marks.has("trio"))
        anyio_mark = plugins.anyio is True and test.marks.has("anyio")
        if asyncio_mark and trio_claim:
            return (
                "pytest-asyncio and pytest-trio",
                "it runs on trio, not in an asyncio event loop",
                "keep only one of the two plugins' markers",
            )
        # each case below asks for the closure and the backend only once its marks have matched
        if asyncio_mark and anyio_mark:
            return _asyncio_and_anyio_conflict(test, ctx)
        if trio_claim and anyio_mark:
            return _trio_and_anyio_conflict(test, ctx)
        if plugins.asyncio is True and settings.asyncio_mode == "auto" and plugins.anyio is True:
            return _auto_mode_and_anyio_conflict(test, anyio_mark, ctx)
        return None


def _has_async_fixture(test: CollectedTest, ctx: Context) -> bool:
    return any(fixture.is_async for fixture in ctx.closure_of(test).fixtures)


def _asyncio_and_anyio_conflict(test: CollectedTest, ctx: Context) -> tuple[str, str, str] | None:
    backend, value = backend_choice(test, ctx)
    wrong_backend = (backend == "pinned" and value is not None and value != "asyncio") or (
        backend == "default" and ctx.plugins.trio_library is True
    )
    if wrong_backend or _has_async_fixture(test, ctx):
        return (
            "pytest-asyncio and anyio",
            "every `anyio_backend` variant runs in pytest-asyncio's loop",
            "keep only one of `@pytest.mark.asyncio` and `@pytest.mark.anyio`",
        )
    return None


def _trio_and_anyio_conflict(test: CollectedTest, ctx: Context) -> tuple[str, str, str] | None:
    backend, value = backend_choice(test, ctx)
    wrong_backend = backend == "default" or (backend == "pinned" and value is not None and value != "trio")
    if wrong_backend or _has_async_fixture(test, ctx):
        fix = (
            "drop `@pytest.mark.anyio` or `trio_mode = true`"
            if ctx.project.async_settings.trio_mode and not test.marks.has("trio")
            else "keep only one of `@pytest.mark.trio` and `@pytest.mark.anyio`"
        )
        return ("pytest-trio and anyio", "it runs on trio whatever `anyio_backend` says", fix)
    return None


def _auto_mode_and_anyio_conflict(test: CollectedTest, anyio_mark: bool, ctx: Context) -> tuple[str, str, str] | None:
    """pytest-asyncio's auto mode takes the test while anyio runs its fixtures for a pinned backend."""
    backend, value = backend_choice(test, ctx)  # asked first: it needs no fixture closure
    if backend != "pinned":
        return None
    anyio_claim = (
        anyio_mark
        or ctx.project.async_settings.anyio_mode == "auto"
        or "anyio_backend" in ctx.closure_of(test).names
    )
    if not anyio_claim:
        return None
    if (value is not None and value != "asyncio") or _has_async_fixture(test, ctx):
        return (
            "pytest-asyncio (auto mode) and anyio",
            "it runs in pytest-asyncio's loop while anyio runs its async fixtures"
            " for the pinned `anyio_backend`",
            "use `asyncio_mode = strict` or drop the `anyio_backend` override",
        )
    return None


RULES: tuple[type[Rule], ...] = (
    UnmarkedAsyncTest,
    UnhandledAsyncFixture,
    MarkerOnSyncTest,
    AsyncGeneratorTest,
    MixedAsyncPlugins,
)
