"""ATP2xx: code that blocks, nests or forgets the running event loop.

Codes: ATP201 testclient-in-async, ATP202 nested-loop-run, ATP203 unawaited-coroutine.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from functools import cached_property
from weakref import WeakKeyDictionary

from flake8_async_testing.inference.tracing import (
    ASYNC_CLIENT,
    ASYNC_CONNECTION,
    ASYNC_ENGINE,
    ASYNC_SESSION,
    ASYNCIO_RUNNER,
    CONSTRUCTORS,
    DERIVED,
    TESTCLIENT,
    Place,
    Tracer,
)
from flake8_async_testing.module.imports import first_parts, last_parts
from flake8_async_testing.module.lines import mentioned_at_module_level
from flake8_async_testing.module.model import ModuleModel
from flake8_async_testing.module.text import lines_mentioning, lines_naming_attributes, node_spans_a_line
from flake8_async_testing.module.walk import (
    FunctionDefNode,
    body_parents,
    calls_on_lines,
    is_generator,
    parameter_names,
    walk_body,
    walk_tree,
)
from flake8_async_testing.rules.base import Context, Finding, Rule


class AsyncFrame:
    """An async test or async fixture of the linted module: its body runs on the event loop."""

    def __init__(self, node: FunctionDefNode, label: str, name: str, place: Place, cls: ast.ClassDef | None) -> None:
        self.node = node
        self.label = label  # "async test" or "async fixture"
        self.name = name
        self.place = place
        self.cls = cls

    @property
    def where(self) -> str:
        return f"{self.label} `{self.name}`"


def _enclosing_class(module: ModuleModel, function: FunctionDefNode) -> ast.ClassDef | None:
    pending: list[ast.stmt] = list(module.tree.body)
    while pending:
        statement = pending.pop()
        if isinstance(statement, ast.ClassDef):
            if function in statement.body:
                return statement
            pending.extend(statement.body)
    return None


def async_frames(ctx: Context, tracer: Tracer) -> list[AsyncFrame]:
    """The module's async tests and async fixtures, with what each can request (once per file)."""
    return ctx.shared("async_frames", lambda: _async_frames(ctx, tracer))


def _async_frames(ctx: Context, tracer: Tracer) -> list[AsyncFrame]:
    frames: list[AsyncFrame] = []
    for test in ctx.module.tests:
        if test.is_async:
            cls = test.classes[-1] if test.classes else None
            frames.append(AsyncFrame(test.node, "async test", test.name, tracer.place_for_test(test, ctx.module), cls))
    for fixture in ctx.module.all_fixtures:
        if fixture.is_async:
            cls = _enclosing_class(ctx.module, fixture.node) if fixture.in_class else None
            place = tracer.place_for_fixture(fixture, ctx.module)
            frames.append(AsyncFrame(fixture.node, "async fixture", fixture.name, place, cls))
    return frames


def _kinds_leading_to(kind: str) -> set[str]:
    """``kind`` and every kind a value of it can be derived from (a session from its maker)."""
    kinds = {kind}
    for _ in range(len(DERIVED)):
        kinds |= {receiver for (receiver, _), made in DERIVED.items() if made in kinds}
    return kinds


@functools.lru_cache(maxsize=None)
def _constructors_of(kind: str) -> tuple[str, ...]:
    """The constructors whose values are of ``kind`` or lead to one (a session maker for a session)."""
    kinds = _kinds_leading_to(kind)
    return tuple(name for name, made in CONSTRUCTORS.items() if made in kinds)


@functools.lru_cache(maxsize=None)
def _constructor_modules(kind: str) -> tuple[str, ...]:
    """The top-level modules one of which some scope must import for a value of ``kind`` to exist."""
    return first_parts(*_constructors_of(kind))


class KindFilter:
    """Which async frames may hold a value of ``kind``, found without walking their bodies.

    A value of a kind comes from a constructor named on the frame's own lines (under an import alias,
    too), from a fixture parameter that hands one out, or from a module global: when a module-level
    statement names a constructor, any frame may read that global, and every frame may hold one.
    """

    def __init__(self, kind: str, ctx: Context) -> None:
        self.ctx = ctx
        self.kinds = _kinds_leading_to(kind)
        self.words = ctx.module.imports.spelling_words(*_constructors_of(kind))
        self.lines = lines_mentioning(ctx.source, self.words)
        self.everywhere = ctx.shared(
            f"module level names {self.words}", lambda: mentioned_at_module_level(ctx.module.tree, ctx.source, self.words)
        )

    def may_hold(self, frame: AsyncFrame) -> bool:
        node = frame.node
        if self.everywhere or node_spans_a_line(node, self.lines):
            return True
        return not self.kinds.isdisjoint(_parameter_kinds(frame, self.ctx))


def _parameter_kinds(frame: AsyncFrame, ctx: Context) -> set[str | None]:
    """What the fixtures a frame requests hand out (once per frame and file)."""
    return ctx.remembered(
        "parameter kinds", id(frame), lambda: {ctx.tracer.fixture_kind(*found) for found in frame.place.fixtures.values()}
    )


def _call_name(call: ast.Call) -> str:
    """A short display of what is called: ``client.post``, ``asyncio.run``, ``seed``."""
    parts: list[str] = []
    func: ast.expr = call.func
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    elif isinstance(func, ast.Call):
        parts.append(_call_name(func) + "()")
    else:
        parts.append("...")
    return ".".join(reversed(parts))


# --------------------------------------------------------------------------------------------
# ATP201

TESTCLIENT_BLOCKING_METHODS = frozenset(
    {
        "request", "get", "post", "put", "patch", "delete", "head", "options", "send", "stream",
        "websocket_connect", "__enter__", "__exit__",
    }
)


class TestClientInAsync(Rule):
    """
    ## What it does
    Finds Starlette's / FastAPI's synchronous `TestClient` (`starlette.testclient.TestClient`,
    under any import alias or re-export such as `fastapi.testclient.TestClient`) created and used,
    or called, inside an `async def` test or async fixture, including a `TestClient` handed in by a
    fixture of the same module or the conftest chain (`return TestClient(app)` or
    `with TestClient(app) as c: yield c`). The finding is on the constructor when the client is made
    in the async function, otherwise on the first line that calls the fixture's client there.

    A call handed to a worker thread (`await asyncio.to_thread(client.post, "/x")`,
    `anyio.to_thread.run_sync(functools.partial(client.post, "/x"))`, `loop.run_in_executor(...)`,
    or a nested function or lambda passed to them) is fine and not reported. Other libraries'
    `TestClient` classes (`litestar.testing`, `aiohttp.test_utils`, `async_asgi_testclient`) are
    async clients and are not this rule's concern.

    ## Why is this bad?
    `TestClient` runs the app on its own event loop in a worker thread and blocks the calling thread
    until each request returns. Called from an async test, it blocks the test's running loop: no other
    task on that loop (a background worker, a `call_later` callback, an acknowledging task) can run
    during the request. A self-contained app "passes" anyway; as soon as the app waits for something
    the test's loop should do, the test fails (`AssertionError: assert {'acked': False} ==
    {'acked': True}` in the runtime cases), or deadlocks.

    ## Example
    ```python
    from fastapi.testclient import TestClient

    from app import app

    async def test_add_note():
        client = TestClient(app)
        resp = client.post("/notes", params={"text": "hi"})
        assert resp.status_code == 200
    ```

    ## Use instead
    ```python
    from httpx import ASGITransport, AsyncClient

    from app import app

    async def test_add_note():
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
            resp = await client.post("/notes", params={"text": "hi"})
        assert resp.status_code == 200
    ```
    or make the test a plain `def` test if it does not need the event loop.

    ## References
    - FastAPI: [Async Tests](https://fastapi.tiangolo.com/advanced/async-tests/)
    - Starlette: [TestClient](https://www.starlette.io/testclient/)
    - HTTPX: [Calling into Python Web Apps (ASGITransport)](https://www.python-httpx.org/advanced/transports/#asgi-transport)
    """

    code = "ATP201"
    name = "testclient-in-async"
    summary = "sync Starlette/FastAPI `TestClient` used inside an async test or fixture"
    message = "TestClient used inside {place}; use `httpx.AsyncClient` with `ASGITransport`"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.scopes_may_mention(*last_parts(TESTCLIENT)):
            return  # no module in scope names a `TestClient`, so no value here can be one
        tracer = ctx.tracer
        frames = async_frames(ctx, tracer)
        if not frames:
            return
        holders = KindFilter(TESTCLIENT, ctx)
        for frame in frames:
            if not holders.may_hold(frame):
                continue
            node = self._report_node(frame, tracer)
            if node is not None:
                yield self.finding(node, place=frame.where)

    @staticmethod
    def _report_node(frame: AsyncFrame, tracer: Tracer) -> ast.expr | None:
        """The first constructor in the function when there is one, else the first blocking use."""
        blocking: list[ast.expr] = []
        place = frame.place
        for node in walk_body(frame.node):
            if isinstance(node, ast.Call):
                func = node.func
                if (
                    isinstance(func, ast.Attribute)
                    and func.attr in TESTCLIENT_BLOCKING_METHODS
                    and isinstance(func.value, (ast.Name, ast.Call))
                    and tracer.kind(func.value, place) == TESTCLIENT
                ):
                    blocking.append(node)
            elif isinstance(node, ast.With):
                for item in node.items:
                    expr = item.context_expr
                    if isinstance(expr, (ast.Name, ast.Call)) and tracer.kind(expr, place) == TESTCLIENT:
                        blocking.append(expr)
        if not blocking:
            return None
        constructors = [
            node for node in walk_body(frame.node)
            if isinstance(node, ast.Call)
            and tracer.kind(node, place) == TESTCLIENT
            and place.imports.qualified_name(node.func, frame.node)
        ]
        first = constructors or blocking
        return min(first, key=lambda node: (node.lineno, node.col_offset))


# --------------------------------------------------------------------------------------------
# ATP202

LOOP_RUNNERS = {
    "asyncio.run": "asyncio.run()",
    "asyncio.runners.run": "asyncio.run()",
    "anyio.run": "anyio.run()",
    "trio.run": "trio.run()",
}


def _loop_run_call(call: ast.Call, place: Place, tracer: Tracer, scope: FunctionDefNode) -> str | None:
    """How to name ``call`` when it starts an event loop of its own; ``None`` when it does not (or unsure)."""
    qualname = place.imports.qualified_name(call.func, scope)
    if qualname in LOOP_RUNNERS:
        return LOOP_RUNNERS[qualname]
    func = call.func
    if not isinstance(func, ast.Attribute) or place.imports.qualified_name(func.value, scope) is not None:
        return None  # ``somemodule.run_until_complete(...)`` is a module's function, not a loop's method
    if func.attr == "run_until_complete":
        return f"{_call_name(call)}()"
    if func.attr == "run" and tracer.kind(func.value, place) == ASYNCIO_RUNNER:
        return f"{_call_name(call)}()"
    return None


class NestedLoopRun(Rule):
    """
    ## What it does
    Finds calls that start a second event loop while the test's loop is running: `asyncio.run()`,
    `loop.run_until_complete()` (on any loop object), `asyncio.Runner().run()` / `runner.run()`,
    `anyio.run()` and `trio.run()` inside an async test or async fixture, or inside a plain (sync)
    helper function of the same module that an async test or fixture calls directly. The finding is
    on the call that starts the loop, inside the helper when it is in a helper.

    Not reported: the same calls in sync tests and sync fixtures (a session fixture that runs its own
    loop during setup, before any test loop exists, is fine), calls handed to a worker thread
    (`asyncio.to_thread(asyncio.run, job())`, `run_in_executor`, a `threading.Thread` target), and
    modules that import `nest_asyncio`, which patches loops to allow re-entry.

    ## Why is this bad?
    Only one event loop can run in a thread. The call fails at once: "asyncio.run() cannot be called
    from a running event loop", "Cannot run the event loop while another loop is running",
    "Runner.run() cannot be called from a running event loop", "Already running asyncio in this
    thread" (anyio) or "Attempted to call run() from inside a run()" (trio). The coroutine passed in
    is then never awaited, which adds a `RuntimeWarning` that hides the real cause.

    ## Example
    ```python
    import asyncio

    async def seed_users(): ...

    async def test_users_seeded():
        asyncio.run(seed_users())
    ```

    ## Use instead
    ```python
    async def test_users_seeded():
        await seed_users()
    ```
    A sync helper that must drive a coroutine itself belongs in sync code, or in a worker thread
    (`await asyncio.to_thread(asyncio.run, job())`).

    ## References
    - Python: [asyncio.run](https://docs.python.org/3/library/asyncio-runner.html#asyncio.run)
    - anyio: [Running async programs](https://anyio.readthedocs.io/en/stable/basics.html#running-async-programs)
    - trio: [trio.run](https://trio.readthedocs.io/en/stable/reference-core.html#trio.run)
    """

    code = "ATP202"
    name = "nested-loop-run"
    summary = "`asyncio.run()` or another loop runner called while the test's loop is running"
    message = "Event loop started by {call} inside {place}, where a loop is already running; `await` the coroutine instead"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.source_may_mention("run", "run_until_complete", *last_parts(*LOOP_RUNNERS)):
            return  # every finding is a `run`/`run_until_complete` call in this module
        if any(scope.imports.imports_module("nest_asyncio") for scope in ctx.scopes):
            return
        tracer = ctx.tracer
        seen: set[int] = set()
        frames = async_frames(ctx, tracer)
        if not frames:
            return
        # a finding is a call naming a runner, or a call of a module-level helper whose lines name one
        runner_words = ("run", "run_until_complete", *ctx.module.imports.spelling_words(*LOOP_RUNNERS))
        runner_lines = lines_mentioning(ctx.source, runner_words)
        helpers = tuple(
            name
            for name, node in _module_level_defs(ctx.module).items()
            if node_spans_a_line(node, runner_lines)
        )
        lines = lines_mentioning(ctx.source, (*runner_words, *helpers))
        for frame in frames:
            for node, _ in calls_on_lines(frame.node, lines):
                described = _loop_run_call(node, frame.place, tracer, frame.node)
                if described is not None:
                    if node.lineno not in seen:
                        seen.add(node.lineno)
                        yield self.finding(node, call=f"`{described}`", place=frame.where)
                    continue
                helper = _sync_helper(node, frame, ctx.module, tracer)
                if helper is None:
                    continue
                place = Place(helper, ctx.module)
                for inner in walk_body(helper):
                    if isinstance(inner, ast.Call):
                        described = _loop_run_call(inner, place, tracer, helper)
                        if described is not None and inner.lineno not in seen:
                            seen.add(inner.lineno)
                            where = f"helper `{helper.name}`, called from {frame.where}"
                            yield self.finding(inner, call=f"`{described}`", place=where)


# module tree -> its top-level defs; entries go when the tree is freed (a strong cache kept hundreds of trees)
_DEFS_CACHE: WeakKeyDictionary[ast.Module, dict[str, FunctionDefNode]] = WeakKeyDictionary()


def _module_level_defs(module: ModuleModel) -> dict[str, FunctionDefNode]:
    """Top-level ``def``s whose name is bound by nothing else at module level (one pass, cached per tree)."""
    cached = _DEFS_CACHE.get(module.tree)
    if cached is not None:
        return cached
    defs: dict[str, list[FunctionDefNode]] = {}
    other: set[str] = set(module.imports.module_scope)
    for statement in module.tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            defs.setdefault(statement.name, []).append(statement)
        elif isinstance(statement, ast.ClassDef):
            other.add(statement.name)
    # a statement can rebind a def's name only on a line that spells it
    lines = lines_mentioning(module.source, tuple(defs))
    for statement in module.tree.body:
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node_spans_a_line(
            statement, lines
        ):
            other.update(
                node.id for node in walk_tree(statement) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
            )
    result = {name: found[0] for name, found in defs.items() if len(found) == 1 and name not in other}
    _DEFS_CACHE[module.tree] = result
    return result


def _module_level_def(name: str, module: ModuleModel) -> FunctionDefNode | None:
    """The one top-level ``def`` bound to ``name``; ``None`` when the name is bound any other way too."""
    return _module_level_defs(module).get(name)


def _locally_shadowed(name: str, frame: AsyncFrame, tracer: Tracer) -> bool:
    return (
        name in tracer.bindings(frame.node)
        or name in parameter_names(frame.node)
        or frame.place.imports.resolve(name, frame.node) is not None
    )


def _sync_helper(call: ast.Call, frame: AsyncFrame, module: ModuleModel, tracer: Tracer) -> ast.FunctionDef | None:
    if not isinstance(call.func, ast.Name) or _locally_shadowed(call.func.id, frame, tracer):
        return None
    helper = _module_level_def(call.func.id, module)
    if not isinstance(helper, ast.FunctionDef) or helper.decorator_list or helper is frame.node:
        return None
    return helper


# --------------------------------------------------------------------------------------------
# ATP203

SLEEPS = frozenset({"asyncio.sleep", "asyncio.tasks.sleep", "anyio.sleep", "trio.sleep"})
ASYNC_CLIENT_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request", "send"})
SESSION_METHODS = frozenset(
    {
        "execute", "scalar", "scalars", "get", "get_one", "delete", "merge", "flush", "refresh", "commit",
        "rollback", "close", "stream", "stream_scalars", "run_sync", "invalidate", "reset", "connection",
        "close_all",
    }
)
CONNECTION_METHODS = frozenset(
    {"execute", "scalar", "scalars", "commit", "rollback", "close", "run_sync", "stream", "stream_scalars",
     "exec_driver_sql", "invalidate", "get_raw_connection"}
)
ENGINE_METHODS = frozenset({"dispose"})
METHODS_BY_KIND = {
    ASYNC_CLIENT: ASYNC_CLIENT_METHODS,
    ASYNC_SESSION: SESSION_METHODS,
    ASYNC_CONNECTION: CONNECTION_METHODS,
    ASYNC_ENGINE: ENGINE_METHODS,
}
ALL_COROUTINE_METHODS = frozenset().union(*METHODS_BY_KIND.values())
# Using these on a coroutine object is deliberate handling, not a mistake.
COROUTINE_ATTRIBUTES = frozenset({"send", "throw", "close", "__await__", "cr_frame", "cr_code", "cr_running", "cr_await"})

HANDLED, DROPPED, UNKNOWN = "handled", "dropped", "unknown"


def _plain_coroutine_function(node: ast.AST | None) -> bool:
    """An undecorated ``async def`` without ``yield``: calling it makes a coroutine."""
    return isinstance(node, ast.AsyncFunctionDef) and not node.decorator_list and not is_generator(node)


_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _callee_lines(ctx: Context) -> list[int] | None:
    """The lines that name a callee of a call that certainly makes a coroutine (see ``_makes_coroutine``):
    a sleep, a function imported from a conftest, an undecorated ``async def`` of the module (top-level,
    nested or a method), or, after a ``.``, a coroutine method of a receiver kind whose library some
    scope imports. One set for every frame: a statement on none of them holds no such call, and
    ``_makes_coroutine`` settles the calls that remain."""
    imports = ctx.module.imports
    conftest_names = {
        local
        for scope in (imports.module_scope, *imports.function_scopes.values())
        for local, value in scope.items()
        if value == "conftest" or value.startswith("conftest.")
    }
    # a decorated ``async def`` (a fixture, a marked test) is never taken for a coroutine function
    async_defs = {
        function.name for function, _ in ctx.module.index.functions
        if isinstance(function, ast.AsyncFunctionDef) and not function.decorator_list
    }
    words = tuple(sorted({*imports.spelling_words(*SLEEPS), *conftest_names, *async_defs}))
    methods: set[str] = set()
    for kind, kind_methods in METHODS_BY_KIND.items():
        # a receiver of the kind is traced to a constructor named in the module or a fixture's scope
        if ctx.scopes_may_mention(*_constructor_modules(kind)):
            methods |= kind_methods
    named = lines_mentioning(ctx.source, words)
    if not methods or named is None:
        return named
    # a method is called on a receiver: its name follows a dot
    attributes = lines_naming_attributes(ctx.source, tuple(sorted(methods)))
    return None if attributes is None else sorted({*named, *attributes})


def _nested_async_defs(ctx: Context) -> dict[ast.AST, set[str]]:
    """The names of the ``async def``s nested in each function."""
    nested: dict[ast.AST, set[str]] = {}
    for function, owner in ctx.module.index.functions:
        if owner is not None and isinstance(function, ast.AsyncFunctionDef):
            nested.setdefault(owner, set()).add(function.name)
    return nested


class _Body:
    """Parents and name uses of one async function's own body."""

    def __init__(self, function: FunctionDefNode, nested_async: set[str]) -> None:
        self.function = function
        self.nested_async = nested_async  # names of the ``async def``s nested in it

    @property
    def parents(self) -> dict[ast.AST, ast.AST]:
        """The parent of each node of this body (nested scopes' own nodes left out)."""
        return body_parents(self.function)

    @cached_property
    def local_defs(self) -> dict[str, list[ast.AST]]:
        return self._uses[0]

    @cached_property
    def loads(self) -> dict[str, list[ast.Name]]:
        return self._uses[1]

    @cached_property
    def closure_reads(self) -> set[str]:
        """Names read from nested functions and lambdas: what happens there is not followed."""
        return _names_read_in(self._uses[2])

    @cached_property
    def _uses(self) -> tuple[dict[str, list[ast.AST]], dict[str, list[ast.Name]], list[ast.AST]]:
        local_defs: dict[str, list[ast.AST]] = {}
        loads: dict[str, list[ast.Name]] = {}
        nested: list[ast.AST] = []
        for node in walk_body(self.function):
            if isinstance(node, _NESTED_SCOPES):
                nested.append(node)
                if not isinstance(node, ast.Lambda):
                    local_defs.setdefault(node.name, []).append(node)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                loads.setdefault(node.id, []).append(node)
        return local_defs, loads, nested


def _names_read_in(scopes: list[ast.AST]) -> set[str]:
    """Names loaded anywhere inside ``scopes`` (their nested scopes included)."""
    reads: set[str] = set()
    pending = list(scopes)
    while pending:
        for node in walk_body(pending.pop()):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                reads.add(node.id)
            elif isinstance(node, _NESTED_SCOPES):
                pending.append(node)
    return reads


class UnawaitedCoroutine(Rule):
    """
    ## What it does
    Finds coroutines created in an async test or async fixture and then dropped: the call is not
    awaited, not passed to any function (`asyncio.create_task`, `asyncio.gather`,
    `TaskGroup.start_soon`, `asyncio.wait_for`, ...), not returned or yielded, not entered with
    `async with` / `async for`, and not stored in a name that is later awaited or passed on. That
    covers a bare call statement, `assert coro()`, `if coro():`, `not coro()`,
    `coro().attribute`, and `resp = coro()` followed only by `resp.status_code`. Reported on the call.

    Coroutines are recognised only where the callee is certain: an undecorated `async def` of the
    same module (or a nested one in the test, or a method of the test class called via `self.`, or
    one imported from `conftest`), a request method (`get`, `post`, `put`, `patch`, `delete`,
    `head`, `options`, `request`, `send`) of an `httpx.AsyncClient` traced through assignments,
    `async with` and fixtures, `asyncio.sleep` / `anyio.sleep` / `trio.sleep`, and coroutine methods
    of SQLAlchemy's `AsyncSession` (`execute`, `commit`, `flush`, ...), `AsyncConnection` and
    `AsyncEngine.dispose` when the session traces to `AsyncSession`, `async_sessionmaker` or
    `create_async_engine`. `client.stream(...)` is an async context manager, not a coroutine.

    ## Why is this bad?
    Calling an `async def` function only creates a coroutine object; nothing in it runs until it is
    awaited. The request is never sent, the commit never happens, the sleep never yields to the loop,
    and the test fails far from the cause (`AttributeError: 'coroutine' object has no attribute
    'status_code'`, `KeyError: 'status'`, `assert [] == ['ada']`), or, worse, `assert async_fn()`
    passes silently: a coroutine object is always truthy. Only a
    `RuntimeWarning: coroutine '...' was never awaited` in the warnings summary hints at it.

    ## Example
    ```python
    async def is_healthy() -> bool: ...

    async def test_service_is_healthy(client):
        client.post("/orders/1")
        assert is_healthy()
    ```

    ## Use instead
    ```python
    async def test_service_is_healthy(client):
        await client.post("/orders/1")
        assert await is_healthy()
    ```

    ## References
    - Python: [Coroutines and Tasks](https://docs.python.org/3/library/asyncio-task.html#coroutines)
    - Python: [Detect never-awaited coroutines](https://docs.python.org/3/library/asyncio-dev.html#detect-never-awaited-coroutines)
    - HTTPX: [Async Support](https://www.python-httpx.org/async/)
    - SQLAlchemy: [Asynchronous I/O (asyncio)](https://docs.sqlalchemy.org/en/20/orm/extensions/asyncio.html)
    """

    code = "ATP203"
    name = "unawaited-coroutine"
    summary = "coroutine created in an async test or fixture and never awaited"
    message = "Coroutine from `{call}()` is never awaited in {place}; `await` it or hand it to a task"

    def check(self, ctx: Context) -> Iterator[Finding]:
        tracer = ctx.tracer
        seen: set[int] = set()
        frames = async_frames(ctx, tracer)
        if not frames:
            return
        # only the statements whose lines name a possible callee can hold such a call
        lines = _callee_lines(ctx)
        nested = _nested_async_defs(ctx)
        for frame in frames:
            body = _Body(frame.node, nested.get(frame.node, set()))
            # the walk leaves out the operand of each ``await``: an awaited coroutine is never dropped
            for node, _ in calls_on_lines(frame.node, lines, awaited=False):
                if node.lineno in seen:
                    continue
                if not self._makes_coroutine(node, frame, body, tracer, ctx):
                    continue
                if self._fate(node, body, frame, tracer, 0) == DROPPED:
                    seen.add(node.lineno)
                    yield self.finding(node, call=_call_name(node), place=frame.where)

    # --- is the callee certainly a coroutine function? ------------------------------------
    def _makes_coroutine(self, call: ast.Call, frame: AsyncFrame, body: _Body, tracer: Tracer, ctx: Context) -> bool:
        imports = frame.place.imports
        qualname = imports.qualified_name(call.func, frame.node)
        if qualname in SLEEPS:
            return True
        func = call.func
        if isinstance(func, ast.Name):
            name = func.id
            if qualname is not None:
                return self._conftest_coroutine_function(qualname, ctx)
            # only a nested ``async def`` of that name can make it a coroutine; ``local_defs`` walks the frame
            local = body.local_defs.get(name) if name in body.nested_async else None
            if local is not None:
                bound = tracer.bindings(frame.node).get(name, [])
                return len(local) == 1 and bound is None and _plain_coroutine_function(local[0]) and (
                    not self._stored_elsewhere(name, body)
                )
            if not _plain_coroutine_function(_module_level_def(name, ctx.module)):
                return False  # asked first: it needs no walk of the frame
            return name not in tracer.bindings(frame.node) and name not in parameter_names(frame.node)
        if not isinstance(func, ast.Attribute):
            return False
        if isinstance(func.value, ast.Name) and func.value.id == "self":
            return self._self_method(func.attr, frame)
        if qualname is not None or not isinstance(func.value, (ast.Name, ast.Call)):
            return False
        if func.attr not in ALL_COROUTINE_METHODS:
            return False  # no receiver kind has it: no need to trace the receiver
        receiver = tracer.kind(func.value, frame.place)
        return receiver is not None and func.attr in METHODS_BY_KIND.get(receiver, frozenset())

    @staticmethod
    def _stored_elsewhere(name: str, body: _Body) -> bool:
        return any(
            isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load)
            for node in walk_body(body.function)
        )

    @staticmethod
    def _conftest_coroutine_function(qualname: str, ctx: Context) -> bool:
        module_name, _, attr = qualname.rpartition(".")
        if module_name != "conftest":
            return False
        candidates = [scope for scope in ctx.project.conftests if scope.is_conftest]
        if not candidates:
            return False
        return all(_plain_coroutine_function(_module_level_def(attr, scope)) for scope in candidates)

    @staticmethod
    def _self_method(attr: str, frame: AsyncFrame) -> bool:
        cls = frame.cls
        if cls is None or not frame.node.args.args or frame.node.args.args[0].arg != "self":
            return False
        found = [
            s for s in cls.body
            if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and s.name == attr
            or isinstance(s, (ast.Assign, ast.AnnAssign)) and any(
                isinstance(n, ast.Name) and n.id == attr for n in ast.walk(s)
            )
        ]
        return len(found) == 1 and _plain_coroutine_function(found[0])

    # --- what happens to the coroutine? ---------------------------------------------------
    def _fate(self, node: ast.AST, body: _Body, frame: AsyncFrame, tracer: Tracer, depth: int) -> str:
        if depth > 6:
            return UNKNOWN
        parent = body.parents.get(node)
        if parent is None:
            return UNKNOWN
        if isinstance(parent, ast.Await):
            return HANDLED
        if isinstance(parent, ast.Call):
            return UNKNOWN if node is parent.func else HANDLED
        if isinstance(parent, (ast.keyword, ast.Return, ast.Yield, ast.YieldFrom)):
            return HANDLED
        if isinstance(parent, ast.withitem):
            return HANDLED if isinstance(body.parents.get(parent), ast.AsyncWith) else UNKNOWN
        if isinstance(parent, ast.AsyncFor):
            return HANDLED if node is parent.iter else UNKNOWN
        if isinstance(parent, (ast.List, ast.Tuple, ast.Set, ast.Starred, ast.BoolOp, ast.Dict)):
            return self._fate(parent, body, frame, tracer, depth + 1)
        if isinstance(parent, ast.IfExp):
            return DROPPED if node is parent.test else self._fate(parent, body, frame, tracer, depth + 1)
        if isinstance(parent, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            return self._fate(parent, body, frame, tracer, depth + 1)
        if isinstance(parent, ast.Expr):
            return DROPPED
        if isinstance(parent, (ast.Assert, ast.If, ast.While)):
            return DROPPED if node is parent.test else UNKNOWN
        if isinstance(parent, ast.UnaryOp):
            return DROPPED if isinstance(parent.op, ast.Not) else UNKNOWN
        if isinstance(parent, ast.Attribute):
            return UNKNOWN if parent.attr in COROUTINE_ATTRIBUTES else DROPPED
        if isinstance(parent, (ast.Compare, ast.FormattedValue)):
            return DROPPED
        if isinstance(parent, ast.Subscript):
            return DROPPED if node is parent.value else UNKNOWN
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
            return self._name_fate(parent.targets[0].id, body, frame, tracer, depth)
        if isinstance(parent, ast.AnnAssign) and isinstance(parent.target, ast.Name):
            return self._name_fate(parent.target.id, body, frame, tracer, depth)
        return UNKNOWN

    def _name_fate(self, name: str, body: _Body, frame: AsyncFrame, tracer: Tracer, depth: int) -> str:
        if tracer.bindings(frame.node).get(name) is None or name in body.closure_reads:
            return UNKNOWN
        fates = {self._fate(load, body, frame, tracer, depth + 1) for load in body.loads.get(name, [])}
        if HANDLED in fates:
            return HANDLED
        if UNKNOWN in fates:
            return UNKNOWN
        return DROPPED


RULES: tuple[type[Rule], ...] = (TestClientInAsync, NestedLoopRun, UnawaitedCoroutine)
