"""ATP3xx: objects and fixtures that outlive, or belong to, the wrong event loop.

Codes: ATP301 loop-object-at-import, ATP302 session-fixture-function-backend,
ATP303 removed-event-loop-fixture, ATP304 anyio-backend-unpinned.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from flake8_async_testing.inference.declared_versions import pinned_below
from flake8_async_testing.inference.fixtures import autouse_fixtures, closure_of_names
from flake8_async_testing.inference.loop_bound import (
    ASYNCIO_ONLY_CALLS,
    ASYNCIO_ONLY_WHEN_USED,
    LOOP_BOUND,
    TASK_SPAWNERS,
    Binding,
    LoopBound,
    display_name,
    loop_bound_call,
)
from flake8_async_testing.inference.values import bindings, fixture_value
from flake8_async_testing.module.imports import ImportMap
from flake8_async_testing.module.model import CollectedTest, ModuleModel
from flake8_async_testing.module.pytest_defs import SCOPES, Fixture, Mark, scope_rank
from flake8_async_testing.module.text import lines_mentioning, node_spans_a_line, text_may_mention, text_of_lines
from flake8_async_testing.module.walk import FunctionDefNode, string_items, walk_body
from flake8_async_testing.project.model import name_is_imported_fixture, resolve_fixture
from flake8_async_testing.rules.base import Context, Finding, Rule

if TYPE_CHECKING:  # imported where used: only conftests with wide fixtures get there
    from flake8_async_testing.inference.consumers import Consumer, Consumers

LOOP_CONSTRUCTORS = frozenset({"asyncio.get_event_loop", "asyncio.new_event_loop"})
ANYIO_DEFAULT_BACKEND_SCOPE = "module"  # anyio's own ``anyio_backend`` fixture


def _test_loop_scope(ctx: Context) -> str | None:
    """pytest-asyncio's default loop scope for tests, when it is a known scope."""
    scope = ctx.project.async_settings.asyncio_default_test_loop_scope
    return scope if scope in SCOPES else None


def _tests_share_loop_for(ctx: Context, lifetime: str) -> bool:
    """pytest-asyncio runs every test (by default) in a loop at least as wide as ``lifetime``."""
    scope = _test_loop_scope(ctx)
    return bool(ctx.plugins.asyncio) and scope is not None and scope_rank(scope) >= scope_rank(lifetime)


def _anyio_runner_spans_module(ctx: Context) -> bool:
    """Every test of this test module runs in one anyio event loop.

    anyio keeps its runner (one event loop) alive while any async fixture holds it: an autouse
    async fixture of module scope or wider that anyio runs keeps the whole module in one loop, so
    an object made at import time of that module meets only that loop (pydantic-ai's pattern).
    """
    module = ctx.module
    if not module.is_test_module or ctx.plugins.anyio is not True:
        return False
    if ctx.plugins.asyncio is not False and (
        ctx.project.async_settings.asyncio_mode != "strict" or any(t.marks.has("asyncio") for t in module.tests)
    ):
        return False  # pytest-asyncio may run some of the tests in loops of its own
    for fixture in autouse_fixtures(ctx.scopes, {}):
        if not fixture.is_async or fixture.kind != "pytest" or fixture.scope not in ("module", "package", "session"):
            continue
        closure = closure_of_names({fixture.name}, ctx.scopes)
        if not closure.complete or "anyio_backend" not in closure.names:
            continue
        backend = resolve_fixture("anyio_backend", ctx.scopes)
        if backend is not None and backend.scope is not None and scope_rank(backend.scope) >= scope_rank("module"):
            return True
    return False


def _defines_event_loop(scopes: tuple[ModuleModel, ...]) -> bool:
    return any(
        fixture.name == "event_loop" for scope in scopes for fixture in scope.all_fixtures
    )


# --- ATP301 ------------------------------------------------------------------------------------


def _is_main_guard(node: ast.AST) -> bool:
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    names = [node.test.left, *node.test.comparators]
    return any(isinstance(n, ast.Name) and n.id == "__name__" for n in names)


def _import_time_calls(
    tree: ast.Module, lines: list[int] | None
) -> Iterator[tuple[ast.Call, str | None, ast.ClassDef | None]]:
    """Calls run while the module is imported (module and class bodies), with the plain name each
    result is assigned to (``None`` otherwise) and the class whose body holds it; only in statements
    that span one of ``lines`` (``None``: all)."""
    stack: list[tuple[ast.AST, ast.ClassDef | None]] = [(s, None) for s in reversed(tree.body)]
    targets: dict[int, str] = {}
    while stack:
        node, cls = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) or _is_main_guard(node):
            continue
        if isinstance(node, ast.stmt) and not node_spans_a_line(node, lines):
            continue
        if isinstance(node, ast.ClassDef):
            stack.extend((s, node) for s in reversed(node.body))
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call):
            names = node.targets if isinstance(node, ast.Assign) else [node.target]
            if len(names) == 1 and isinstance(names[0], ast.Name):
                targets[id(node.value)] = names[0].id
        if isinstance(node, ast.Call):
            yield node, targets.get(id(node)), cls
        stack.extend((child, cls) for child in reversed(list(ast.iter_child_nodes(node))))


def _import_time_spans(body: list[ast.stmt]) -> Iterator[tuple[int, int]]:
    """The lines of the statements ``_import_time_calls`` walks, imports left out (they call nothing)."""
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Import, ast.ImportFrom)):
            continue
        if isinstance(statement, ast.ClassDef):
            yield from _import_time_spans(statement.body)
        elif not _is_main_guard(statement):
            yield statement.lineno, statement.end_lineno or statement.lineno


def _binds_locally(function: FunctionDefNode, name: str) -> bool:
    args = function.args
    if name in {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}:
        return True
    for node in walk_body(function):
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
            return True
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return False
    return False


def _refers_to(expr: ast.expr, name: str, cls: ast.ClassDef | None) -> bool:
    if cls is None:
        return isinstance(expr, ast.Name) and expr.id == name
    return (
        isinstance(expr, ast.Attribute)
        and expr.attr == name
        and isinstance(expr.value, ast.Name)
        and expr.value.id in ("self", "cls", cls.name)
    )


def _module_waits_on(tree: ast.Module, name: str, cls: ast.ClassDef | None, methods: frozenset[str]) -> bool:
    """Some function of the module calls ``name.<wait method>()`` on the import-time object."""
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if cls is None and _binds_locally(function, name):
            continue
        for node in walk_body(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in methods
                and _refers_to(node.func.value, name, cls)
            ):
                return True
    return False


def _consumers(fixture: Fixture, ctx: Context) -> Consumers | None:
    """``consumers_of`` the fixture; what each test module uses is remembered for the file being linted."""
    from flake8_async_testing.inference.consumers import consumers_of

    return consumers_of(fixture, ctx.module, ctx.project, ctx.settings, ctx.shared("consumer summaries", dict))


def _binds_in(fixture: Fixture, entry: LoopBound, consumer: Consumer) -> bool:
    """Whether ``consumer`` makes the fixture's object bind to its loop (waits on it, contends...)."""
    from flake8_async_testing.inference.consumers import contends_for, waits_on

    test = consumer.test
    if not test.is_async:
        return False
    if entry.binding not in (Binding.WAITS, Binding.CONTENDED):
        return True
    if fixture.name not in test.argnames:
        return False
    cls = test.classes[-1] if test.classes else None
    if entry.binding is Binding.WAITS:
        return waits_on(test.node, fixture.name, entry.wait_methods, consumer.module, cls)
    return contends_for(test.node, fixture.name, consumer.module, consumer.module.imports, cls)


def _breaks_across_loops(fixture: Fixture, entry: LoopBound, consumers: Iterable[Consumer]) -> bool:
    """Two tests sharing one instance of the fixture bind it, each from its own loop (two seen suffice:
    the consumers are read one module at a time and the search stops there)."""
    assert fixture.scope is not None
    groups: dict[object, int] = {}
    for consumer in consumers:
        if not _binds_in(fixture, entry, consumer):
            continue
        key: object = None
        if fixture.scope == "module":
            key = consumer.module.path
        elif fixture.scope == "class":
            key = (consumer.module.path, id(consumer.test.classes[-1]) if consumer.test.classes else None)
        groups[key] = groups.get(key, 0) + 1
        if groups[key] >= 2:
            return True
    return False


class LoopObjectAtImport(Rule):
    """
    ## What it does
    Finds loop-bound objects that live longer than the event loop of one test: created at import
    time (module body or class body of any module, `conftest.py` and application modules
    included) or in a synchronous fixture wider than function scope. The objects come from a
    catalogue: `asyncio.get_event_loop()` / `asyncio.new_event_loop()`, `httpx.AsyncClient` with a
    real transport, `aiohttp.ClientSession`, motor and redis-py asyncio clients and pools, a
    SQLAlchemy async engine over a network driver (`asyncpg`, `asyncmy`, `aiomysql`, `psycopg`),
    and asyncio queues/events/conditions when the code waits on them.

    Stays silent where the object is harmless on Python 3.10+: an `httpx.AsyncClient` over
    `ASGITransport`, a `sqlite+aiosqlite` engine, an engine whose URL is not a literal, a queue
    only used with `*_nowait`, and asyncio `Lock`/`Semaphore` at import time (they bind only when
    contended, which cannot be seen statically; in a wide fixture the rule reports them only when
    a test visibly runs two coroutines that acquire them). It is also silent when
    `asyncio_default_test_loop_scope` is as wide as the object's life (all tests share one loop),
    in an anyio test module whose autouse async fixture of module scope or wider keeps anyio's
    runner, and so one event loop, alive for the whole module (verified at runtime),
    in projects without an async test plugin, and on `asyncio.new_event_loop()` /
    `get_event_loop()` at import time of an application module (not a test module or
    `conftest.py`): a worker entry point that runs its own loop does so on purpose.

    ## Why is this bad?
    pytest-asyncio gives each test its own event loop by default, and anyio a fresh runner per
    test. An object that binds to the first loop that uses it breaks in the next test: pooled
    connections fail with "RuntimeError: Event loop is closed" or "got Future ... attached to a
    different loop", a queue or event with "is bound to a different event loop", and a current
    `aiohttp.ClientSession` refuses to be built outside a running loop ("no running event loop").
    The first test passes, so the failure looks order-dependent and flaky.

    ## Example
    ```python
    # app.py
    import httpx

    upstream = httpx.AsyncClient(base_url=UPSTREAM_URL)
    ```

    ## Use instead
    ```python
    # app.py: create it per app lifetime (lifespan) or per test (fixture)
    @asynccontextmanager
    async def lifespan(app):
        app.state.upstream = httpx.AsyncClient(base_url=UPSTREAM_URL)
        yield
        await app.state.upstream.aclose()
    ```
    In tests, build such objects in a function-scoped (or loop-matched async) fixture.

    ## References
    - pytest-asyncio: [Event loop scopes](https://pytest-asyncio.readthedocs.io/en/stable/concepts.html#asyncio-event-loops)
    - Python: [asyncio synchronization primitives](https://docs.python.org/3/library/asyncio-sync.html)
    - HTTPX: [Async support](https://www.python-httpx.org/async/)
    """

    code = "ATP301"
    name = "loop-object-at-import"
    summary = "loop-bound object created at import time or in a wide sync fixture"
    message = "Object bound to one event loop: {problem}; tests in later event loops fail with {symptom}: {fix}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.plugins.any_known_present:
            return
        yield from self._import_time(ctx)
        yield from self._wide_sync_fixtures(ctx)

    def _import_time(self, ctx: Context) -> Iterator[Finding]:
        if _tests_share_loop_for(ctx, "session") or _anyio_runner_spans_module(ctx):
            return
        module = ctx.module
        # a catalogue constructor is named on its statement's lines; in a test module those statements
        # are a few lines between the imports and the defs, far less text to search than the whole file
        words = module.imports.spelling_words(*LOOP_BOUND)
        if not text_may_mention(text_of_lines(ctx.source, _import_time_spans(module.tree.body)), words):
            return
        lines = lines_mentioning(ctx.source, words)
        for call, name, cls in _import_time_calls(module.tree, lines):
            found = loop_bound_call(call, module.imports, None)
            if found is None:
                continue
            qualname, entry = found
            label = display_name(qualname)
            if entry.binding is Binding.CONTENDED:
                continue  # binds only when contended: not visible at import time
            if entry.binding is Binding.WAITS:
                if name is None or not _module_waits_on(module.tree, name, cls, entry.wait_methods):
                    continue
                problem = f"`{label}` `{name}` created at import time is bound to the first event loop that waits on it"
            elif qualname in LOOP_CONSTRUCTORS:
                if not (module.is_test_module or module.is_conftest):
                    continue  # an application or worker entry point managing its own loop on purpose
                problem = f"`{label}()` at import time makes a loop that the tests do not run in"
            else:
                problem = f"`{label}` created at import time is bound to the first event loop that uses it"
            fix = "create it in a fixture (or the app's lifespan)"
            yield self.finding(call, problem=problem, symptom=entry.symptom, fix=fix)

    def _wide_sync_fixtures(self, ctx: Context) -> Iterator[Finding]:
        for fixture in ctx.module.all_fixtures:
            if fixture.is_async or fixture.scope is None or scope_rank(fixture.scope) < 1:
                continue
            if fixture.name == "event_loop":
                continue  # a loop-providing fixture: ATP303's business
            if _tests_share_loop_for(ctx, fixture.scope):
                continue
            value = fixture_value(fixture)
            if value is None:
                continue
            found = loop_bound_call(value.call, value.imports, fixture.node)
            if found is None:
                continue
            qualname, entry = found
            if qualname in LOOP_CONSTRUCTORS:
                continue  # a fixture that owns a loop it drives itself is a legitimate pattern
            if not entry.needs_running_loop:
                consumers = _consumers(fixture, ctx)
                if consumers is None or not _breaks_across_loops(fixture, entry, consumers):
                    continue
            problem = (
                f"`{display_name(qualname)}` from {fixture.scope}-scoped sync fixture `{fixture.name}` "
                "is bound to the first event loop that uses it"
            )
            fix = f"make `{fixture.name}` function-scoped, or an async fixture whose loop the tests share"
            yield self.finding(value.call, problem=problem, symptom=entry.symptom, fix=fix)


# --- ATP302 ------------------------------------------------------------------------------------


def _spawns_task(fixture: Fixture) -> bool:
    for node in walk_body(fixture.node):
        if not isinstance(node, ast.Call):
            continue
        qualname = fixture.imports.qualified_name(node.func, fixture.node)
        if qualname in TASK_SPAWNERS:
            return True
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "create_task" and isinstance(func.value, ast.Call):
            inner = fixture.imports.qualified_name(func.value.func, fixture.node)
            if inner in ("asyncio.get_running_loop", "asyncio.get_event_loop"):
                return True
    return False


class SessionFixtureFunctionBackend(Rule):
    """
    ## What it does
    Finds async fixtures wider than function scope (class, module, package, session) whose event
    loop is narrower than the fixture, or wider than the loop of the tests that use it:

    - pytest-asyncio (`@pytest_asyncio.fixture`, or any async fixture in auto mode): the loop scope
      (`loop_scope=`, else `asyncio_default_fixture_loop_scope`, else the fixture's own scope) is
      narrower than `scope`; or the fixture runs in a wider loop than its tests
      (`asyncio_default_test_loop_scope`, default `function`, or the test's
      `@pytest.mark.asyncio(loop_scope=...)`) and hands them loop-bound state (an
      `httpx.AsyncClient` with a real transport, an `aiohttp.ClientSession`, a queue the tests
      wait on...) or starts a background task.
    - anyio (a plain `@pytest.fixture` async fixture, pytest-asyncio not in auto mode): the
      effective `anyio_backend` fixture (the nearest override in the module/conftest chain, else
      anyio's own, which is module-scoped) is narrower than the fixture.

    Silent for an `ASGITransport` client in a session loop (it holds no loop state), when both
    loop scopes are widened, with a session-scoped `anyio_backend` override, and when the project
    still overrides `event_loop` (ATP303 reports that root cause).

    ## Why is this bad?
    A fixture cannot request a narrower fixture: pytest-asyncio errors with "ScopeMismatch: You
    tried to access the function scoped fixture _function_scoped_runner with a session scoped
    request object", anyio with "ScopeMismatch: You tried to access the module scoped fixture
    anyio_backend with a session scoped request object". When the fixture's loop is wider than
    the tests' loop, its pooled connections fail in the second test with "RuntimeError: Event
    loop is closed", and a background task it started never runs while the tests wait (they
    time out).

    ## Example
    ```python
    # asyncio_default_fixture_loop_scope = function
    @pytest_asyncio.fixture(scope="session")
    async def client():
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
            yield c
    ```

    ## Use instead
    ```python
    @pytest_asyncio.fixture(scope="session", loop_scope="session")
    async def client():
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
            yield c
    ```
    and run the tests in the same loop (`asyncio_default_test_loop_scope = session` or
    `pytestmark = pytest.mark.asyncio(loop_scope="session")`). With anyio, override
    `anyio_backend` with `@pytest.fixture(scope="session")`.

    ## References
    - pytest-asyncio: [How to change the event loop scope of a fixture](https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/change_fixture_loop.html)
    - pytest-asyncio: [Run all tests in the session event loop](https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/run_session_tests_in_same_loop.html)
    - anyio: [Specifying the backends to run on](https://anyio.readthedocs.io/en/stable/testing.html#specifying-the-backends-to-run-on)
    """

    code = "ATP302"
    name = "session-fixture-function-backend"
    summary = "wide async fixture whose event loop is narrower than its scope or than its tests' loop"
    message = "Async fixture `{fixture}` {problem}: {fix}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.project.opaque_collection:
            return  # a hook may move tests to another loop
        for fixture in ctx.module.all_fixtures:
            if not fixture.is_async or fixture.scope is None or scope_rank(fixture.scope) < 1:
                continue
            handler = self._handler(fixture, ctx)
            if handler == "asyncio":
                yield from self._asyncio(fixture, ctx)
            elif handler == "anyio":
                yield from self._anyio(fixture, ctx)

    @staticmethod
    def _handler(fixture: Fixture, ctx: Context) -> str | None:
        auto = ctx.project.async_settings.asyncio_mode == "auto"
        if fixture.kind == "pytest_asyncio":
            return "asyncio" if ctx.plugins.asyncio is not False else None
        if auto and ctx.plugins.asyncio is not False:
            return "asyncio" if ctx.plugins.asyncio else None
        if ctx.plugins.anyio:
            return "anyio"
        return None

    def _asyncio(self, fixture: Fixture, ctx: Context) -> Iterator[Finding]:
        assert fixture.scope is not None
        if not fixture.loop_scope_known:
            return
        default = ctx.project.async_settings.asyncio_default_fixture_loop_scope
        if fixture.loop_scope is not None:
            loop, source = fixture.loop_scope, "`loop_scope`"
        elif default in SCOPES:
            loop, source = default, "`asyncio_default_fixture_loop_scope`"
        else:
            loop, source = fixture.scope, ""
        if scope_rank(loop) < 0:
            return
        if scope_rank(loop) < scope_rank(fixture.scope):
            problem = (
                f"is {fixture.scope}-scoped but runs in the {loop}-scoped "
                f"event loop ({source}), so pytest-asyncio fails with ScopeMismatch"
            )
            fix = f'pass `loop_scope="{fixture.scope}"` to `@pytest_asyncio.fixture`'
            yield self.finding(fixture.node, fixture=fixture.name, problem=problem, fix=fix)
            return
        if _defines_event_loop(ctx.scopes):
            return  # the project still overrides `event_loop` to share a loop: ATP303 reports that cause
        test_loop = _test_loop_scope(ctx)
        if test_loop is None or scope_rank(loop) <= scope_rank(test_loop):
            return
        value = fixture_value(fixture)
        if (value is None or loop_bound_call(value.call, value.imports, fixture.node) is None) and not _spawns_task(
            fixture
        ):
            return  # nothing loop-bound in sight (an ASGITransport client holds no loop state)
        consumers = _consumers(fixture, ctx)
        if consumers is None:
            return
        narrower = self._in_narrower_loops(consumers, test_loop, loop)
        first = next(narrower, None)
        if first is None:
            return
        reason = self._loop_state(fixture, itertools.chain([first], narrower))
        if reason is None:
            return
        problem = (
            f"runs in the {loop} event loop but tests such as "
            f"`{first.test.name}` use it from {test_loop} loops, and it {reason}"
        )
        fixture_name = fixture.name
        fix = (
            f'run those tests in the {loop} loop (`asyncio_default_test_loop_scope = {loop}` or '
            f'`@pytest.mark.asyncio(loop_scope="{loop}")`)'
        )
        yield self.finding(fixture.node, fixture=fixture_name, problem=problem, fix=fix)

    @staticmethod
    def _in_narrower_loops(consumers: Iterable[Consumer], test_loop: str, loop: str) -> Iterator[Consumer]:
        """The async consumers whose event loop is narrower than the fixture's ``loop``."""
        from flake8_async_testing.inference.consumers import asyncio_loop_scope

        for consumer in consumers:
            if consumer.test.is_async:
                scope = asyncio_loop_scope(consumer.test, test_loop)
                if scope is not None and scope_rank(scope) < scope_rank(loop):
                    yield consumer

    @staticmethod
    def _loop_state(fixture: Fixture, consumers: Iterable[Consumer]) -> str | None:
        """What ties the fixture's value to its loop, as the tests in narrower loops use it."""
        value = fixture_value(fixture)
        if value is not None:
            found = loop_bound_call(value.call, value.imports, fixture.node)
            if found is not None:
                qualname, entry = found
                if _breaks_across_loops(fixture, entry, consumers):
                    return f"hands out `{display_name(qualname)}` (fails with {entry.symptom})"
        if _spawns_task(fixture):
            return "starts a background task that does not run while those tests wait (they time out)"
        return None

    def _anyio(self, fixture: Fixture, ctx: Context) -> Iterator[Finding]:
        assert fixture.scope is not None
        scopes = ctx.scopes
        if name_is_imported_fixture("anyio_backend", scopes):
            return
        if fixture.in_class and any(f.name == "anyio_backend" for f in ctx.module.class_fixtures):
            return
        backend = resolve_fixture("anyio_backend", scopes)
        if backend is None:
            backend_scope, where = ANYIO_DEFAULT_BACKEND_SCOPE, "anyio's default `anyio_backend`"
        elif backend.scope is None:
            return
        else:
            backend_scope, where = backend.scope, "the `anyio_backend` override"
        if scope_rank(backend_scope) >= scope_rank(fixture.scope):
            return
        consumers = _consumers(fixture, ctx)
        if consumers is None or any("anyio_backend" in c.module.fixtures for c in consumers):
            return
        if not consumers.complete:
            return  # an unreadable test module below may override `anyio_backend`
        problem = (
            f"is {fixture.scope}-scoped but {where} is {backend_scope}-scoped, "
            "so anyio fails with ScopeMismatch"
        )
        fix = f'override `anyio_backend` with `@pytest.fixture(scope="{fixture.scope}")` in the conftest'
        yield self.finding(fixture.node, fixture=fixture.name, problem=problem, fix=fix)


# --- ATP303 ------------------------------------------------------------------------------------


class RemovedEventLoopFixture(Rule):
    """
    ## What it does
    Finds tests and fixtures that request the `event_loop` fixture (as an argument or through
    `@pytest.mark.usefixtures("event_loop")`), and fixtures named `event_loop` that redefine it,
    in projects where pytest-asyncio is installed and not pinned below 1.0. Silent when
    pytest-asyncio is absent (a project's own `event_loop` fixture is then an ordinary fixture)
    or declared as `pytest-asyncio<0.23`, `==0.21.*` and the like.

    ## Why is this bad?
    pytest-asyncio 1.0 removed the `event_loop` fixture. Requesting it fails with
    "fixture 'event_loop' not found". Redefining it is worse: the override is silently ignored,
    with no warning, so a session-wide loop, a custom exception handler or a custom loop class
    simply stops applying and tests fail far from the cause (e.g. "is bound to a different event
    loop", or assertions on what the handler should have collected).

    ## Example
    ```python
    @pytest.fixture(scope="session")
    def event_loop():
        loop = asyncio.new_event_loop()
        yield loop
        loop.close()
    ```

    ## Use instead
    ```python
    @pytest_asyncio.fixture(scope="session", loop_scope="session")
    async def outbox():
        return asyncio.Queue()
    ```
    with `asyncio_default_fixture_loop_scope` / `asyncio_default_test_loop_scope` (or
    `@pytest.mark.asyncio(loop_scope="session")`) to share a loop; an `event_loop_policy`
    fixture for a custom loop; `asyncio.get_running_loop()` inside async code to reach the loop.

    ## References
    - pytest-asyncio: [Migrating from 0.x to 1.0](https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/migrate_from_0_23.html)
    - pytest-asyncio: [Changelog 1.0.0](https://pytest-asyncio.readthedocs.io/en/stable/reference/changelog.html)
    - pytest-asyncio: [event_loop_policy fixture](https://pytest-asyncio.readthedocs.io/en/stable/reference/fixtures/index.html)
    """

    code = "ATP303"
    name = "removed-event-loop-fixture"
    summary = "`event_loop` fixture requested or redefined under pytest-asyncio 1.x"
    message = "The `event_loop` fixture was removed in pytest-asyncio 1.0: {problem}; {fix}"

    REDEFINED_FIX = (
        "set `loop_scope` on fixtures and marks or `asyncio_default_fixture_loop_scope` / "
        "`asyncio_default_test_loop_scope`, and use an `event_loop_policy` fixture for a custom loop"
    )
    REQUESTED_FIX = "use `asyncio.get_running_loop()` in async code, and `loop_scope` to share a loop"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.plugins.asyncio is not True:
            return
        if pinned_below(ctx.project.directory, ctx.project.config.rootdir, "pytest-asyncio", 1):
            return
        module = ctx.module
        for fixture in module.all_fixtures:
            if fixture.name == "event_loop":
                problem = "this redefinition of `event_loop` is silently ignored"
                yield self.finding(fixture.node, problem=problem, fix=self.REDEFINED_FIX)
        if _defines_event_loop(ctx.scopes) or name_is_imported_fixture("event_loop", ctx.scopes):
            return  # the project's own event_loop answers the requests
        if ctx.project.opaque_collection:
            return  # a plugin we cannot see may provide one
        for fixture in module.all_fixtures:
            if "event_loop" in fixture.argnames and fixture.name != "event_loop":
                yield self._requested(fixture.node, f"fixture `{fixture.name}`")
        for test in module.tests:
            parametrized = {
                name
                for mark in test.marks.named("parametrize")
                for name in string_items(mark.arg(0) or mark.keyword("argnames")) or []
            }
            if "event_loop" in test.requested_fixtures() and "event_loop" not in parametrized:
                yield self._requested(test.node, f"test `{test.name}`")

    def _requested(self, node: FunctionDefNode, who: str) -> Finding:
        problem = f"{who} requests it and fails with \"fixture 'event_loop' not found\""
        return self.finding(node, problem=problem, fix=self.REQUESTED_FIX)


# --- ATP304 ------------------------------------------------------------------------------------


def _asyncio_only_call(function: FunctionDefNode, imports: ImportMap) -> str | None:
    used_factories: dict[str, str] = {}
    for name, values in bindings(function).items():
        for value in values:
            if isinstance(value, ast.Call):
                qualname = imports.qualified_name(value.func, function)
                if qualname in ASYNCIO_ONLY_WHEN_USED:
                    used_factories[name] = qualname
    for node in walk_body(function):
        if not isinstance(node, ast.Call):
            continue
        qualname = imports.qualified_name(node.func, function)
        if qualname in ASYNCIO_ONLY_CALLS:
            return qualname
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in used_factories:
            factory = used_factories[func.value.id]
            if func.attr in ASYNCIO_ONLY_WHEN_USED[factory]:
                return display_name(factory)
    return None


def _helpers_called(function: FunctionDefNode, module: ModuleModel, cls: ast.ClassDef | None) -> list[FunctionDefNode]:
    found: list[FunctionDefNode] = []
    for node in walk_body(function):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in module.functions:
            found.append(module.functions[func.id])
        elif cls is not None and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self":
            for statement in cls.body:
                if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == func.attr:
                    found.append(statement)
    return found


class AnyioBackendUnpinned(Rule):
    """
    ## What it does
    Finds anyio tests (`@pytest.mark.anyio` on the test or its class, or in the module's
    `pytestmark`) that call asyncio-only APIs (`asyncio.sleep`, `asyncio.get_running_loop`,
    `asyncio.create_task`, `asyncio.gather`, `asyncio.wait_for`, a SQLAlchemy async engine,
    `aiosqlite`/`asyncpg` connections, `aiohttp`, redis-py asyncio...) in the test body, in
    same-module helpers it calls, or in async fixtures it uses, while `anyio_backend` is not
    pinned (no override fixture in the module/conftest chain, no
    `@pytest.mark.parametrize("anyio_backend", ...)`) and trio is installed.

    Silent when the backend is pinned, when trio is not installed, and for backend-agnostic code
    (anyio, httpx, Starlette and FastAPI APIs run on both backends).

    ## Why is this bad?
    anyio's default `anyio_backend` fixture is parametrized over every installed backend, so with
    trio installed each anyio test also runs as `[trio]`. asyncio-only code fails there with
    "RuntimeError: no running event loop" (or "There is no current event loop in thread
    'MainThread'" for SQLAlchemy's engine) while the `[asyncio]` run passes. The finding is on
    the marker line because the missing `anyio_backend` override is the cause.

    ## Example
    ```python
    pytestmark = pytest.mark.anyio

    async def test_health_after_warmup():
        await asyncio.sleep(0.01)
    ```

    ## Use instead
    ```python
    # conftest.py
    @pytest.fixture
    def anyio_backend():
        return "asyncio"
    ```
    or write the test with anyio's APIs (`anyio.sleep`, task groups, memory streams) so it runs on
    both backends.

    ## References
    - anyio: [Specifying the backends to run on](https://anyio.readthedocs.io/en/stable/testing.html#specifying-the-backends-to-run-on)
    - anyio: [Testing with AnyIO](https://anyio.readthedocs.io/en/stable/testing.html)
    """

    code = "ATP304"
    name = "anyio-backend-unpinned"
    summary = "anyio test using asyncio-only APIs while the backend is unpinned and trio is installed"
    message = (
        "Test `{test}` calls asyncio-only `{api}` under `pytest.mark.anyio`, but `anyio_backend` is not pinned "
        "and trio is installed, so its [trio] run fails: override `anyio_backend` to return \"asyncio\""
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.plugins.anyio is not True or ctx.plugins.trio_library is not True:
            return
        if ctx.project.opaque_collection or "pytest_generate_tests" in ctx.module.hooks:
            return
        if ctx.plugins.asyncio and ctx.project.async_settings.asyncio_mode == "auto":
            return  # pytest-asyncio may run these tests too
        scopes = ctx.scopes
        if resolve_fixture("anyio_backend", scopes) is not None or name_is_imported_fixture("anyio_backend", scopes):
            return
        reported: set[int] = set()
        for test in ctx.module.tests:
            if not test.is_async or not test.marks.complete:
                continue
            marks = test.marks.named("anyio")
            if not marks or "anyio_backend" in test.class_fixtures:
                continue
            if self._parametrized(test):
                continue
            mark: Mark = marks[-1]
            if mark.line in reported:
                continue
            api = self._asyncio_api(test, ctx)
            if api is None:
                continue
            reported.add(mark.line)
            yield self.finding(mark.line, test=test.name, api=api)

    @staticmethod
    def _parametrized(test: CollectedTest) -> bool:
        return any(
            "anyio_backend" in (string_items(mark.arg(0) or mark.keyword("argnames")) or [])
            for mark in test.marks.named("parametrize")
        )

    @staticmethod
    def _asyncio_api(test: CollectedTest, ctx: Context) -> str | None:
        module = ctx.module
        cls = test.classes[-1] if test.classes else None
        seen: set[int] = set()
        pending: list[tuple[FunctionDefNode, ImportMap, int]] = [(test.node, module.imports, 0)]
        closure = ctx.closure_of(test)
        pending += [(f.node, f.imports, 1) for f in closure.fixtures if f.is_async]
        while pending:
            function, imports, depth = pending.pop(0)
            if id(function) in seen:
                continue
            seen.add(id(function))
            found = _asyncio_only_call(function, imports)
            if found is not None:
                return found
            if depth < 2 and imports is module.imports:
                pending += [(h, imports, depth + 1) for h in _helpers_called(function, module, cls)]
        return None


RULES: tuple[type[Rule], ...] = (
    LoopObjectAtImport,
    SessionFixtureFunctionBackend,
    RemovedEventLoopFixture,
    AnyioBackendUnpinned,
)
