"""The catalogue of loop-bound objects: constructors whose result belongs to one event loop.

Kept as data so it is easy to extend: ``LOOP_BOUND`` maps a canonical constructor name to when
the object binds to a loop (``Binding``). ``binding_of`` answers for one call, including the
argument checks (an ``httpx.AsyncClient`` over ``ASGITransport`` holds no loop state; a SQLAlchemy
engine binds only with a network driver). ``ASYNCIO_ONLY_CALLS`` lists the calls that need a
running asyncio loop (they fail under trio), for anyio backend checks.

Facts behind the table (CPython 3.10+; verified by the runtime cases):
- ``asyncio.Queue``/``Event``/``Condition``/``Barrier`` no longer capture a loop when created;
  they bind the first time a coroutine has to *wait* on them (``get``/``put``/``join`` on a
  queue, ``wait`` on an event). A queue used only with ``*_nowait`` never binds.
- ``asyncio.Lock``/``Semaphore``/``BoundedSemaphore`` bind only when *contended*, which a
  linter rarely sees; import-time ones stay unreported.
- ``httpx.AsyncClient``, ``aiohttp.ClientSession``, redis-py's asyncio clients, motor and
  network SQLAlchemy engines keep pooled connections tied to the loop that opened them.
"""

from __future__ import annotations

import ast
import re
from enum import Enum

from flake8_async_testing.module.imports import ImportMap
from flake8_async_testing.module.walk import keyword, string_value


class Binding(Enum):
    ALWAYS = "always"  # bound to (or is) a loop as soon as it is used
    TRANSPORT = "transport"  # httpx.AsyncClient: bound unless its transport is ASGITransport
    NETWORK_URL = "network_url"  # SQLAlchemy async engine: bound with a network driver URL literal
    WAITS = "waits"  # asyncio primitive that binds when a coroutine waits on it
    CONTENDED = "contended"  # asyncio lock family: binds only under contention


class LoopBound:
    """One catalogue entry (a plain class: a ``NamedTuple`` class costs a cold lint ~0.2 ms to build)."""

    __slots__ = ("binding", "symptom", "wait_methods", "needs_running_loop")

    def __init__(
        self,
        binding: Binding,
        symptom: str,
        wait_methods: frozenset[str] = frozenset(),
        needs_running_loop: bool = False,
    ) -> None:
        self.binding = binding
        # What breaks in a later loop (quoted from the runtime cases).
        self.symptom = symptom
        # Methods whose awaiting binds the object (WAITS / CONTENDED kinds).
        self.wait_methods = wait_methods
        # Fails as soon as it is built outside a running loop (e.g. in a sync fixture).
        self.needs_running_loop = needs_running_loop


_CLIENT = "'Event loop is closed' or 'attached to a different loop'"
_QUEUE = LoopBound(Binding.WAITS, "'is bound to a different event loop'", frozenset({"get", "put", "join"}))
_EVENT = LoopBound(Binding.WAITS, "'is bound to a different event loop'", frozenset({"wait"}))
_CONDITION = LoopBound(Binding.WAITS, "'is bound to a different event loop'", frozenset({"wait", "wait_for"}))
_LOCK = LoopBound(Binding.CONTENDED, "'is bound to a different event loop'", frozenset({"acquire"}))
_POOL = LoopBound(Binding.ALWAYS, _CLIENT)
_AIOHTTP = LoopBound(Binding.ALWAYS, "'no running event loop' or 'Event loop is closed'", needs_running_loop=True)
_ENGINE = LoopBound(Binding.NETWORK_URL, "'attached to a different loop'")

LOOP_BOUND: dict[str, LoopBound] = {
    # event loops themselves
    "asyncio.get_event_loop": LoopBound(Binding.ALWAYS, "'attached to a different loop'"),
    "asyncio.new_event_loop": LoopBound(Binding.ALWAYS, "'attached to a different loop'"),
    # HTTP clients
    "httpx.AsyncClient": LoopBound(Binding.TRANSPORT, "'Event loop is closed'"),
    "aiohttp.ClientSession": _AIOHTTP,
    "aiohttp.client.ClientSession": _AIOHTTP,
    "aiohttp.TCPConnector": _AIOHTTP,
    "aiohttp.connector.TCPConnector": _AIOHTTP,
    # MongoDB
    "motor.motor_asyncio.AsyncIOMotorClient": _POOL,
    "pymongo.AsyncMongoClient": _POOL,
    # Redis (redis-py's asyncio API and the legacy aioredis package)
    "redis.asyncio.Redis": _POOL,
    "redis.asyncio.StrictRedis": _POOL,
    "redis.asyncio.client.Redis": _POOL,
    "redis.asyncio.client.StrictRedis": _POOL,
    "redis.asyncio.from_url": _POOL,
    "redis.asyncio.Redis.from_url": _POOL,
    "redis.asyncio.client.Redis.from_url": _POOL,
    "redis.asyncio.utils.from_url": _POOL,
    "redis.asyncio.ConnectionPool": _POOL,
    "redis.asyncio.ConnectionPool.from_url": _POOL,
    "redis.asyncio.BlockingConnectionPool": _POOL,
    "redis.asyncio.connection.ConnectionPool": _POOL,
    "redis.asyncio.connection.ConnectionPool.from_url": _POOL,
    "redis.asyncio.connection.BlockingConnectionPool": _POOL,
    "redis.asyncio.RedisCluster": _POOL,
    "redis.asyncio.cluster.RedisCluster": _POOL,
    "aioredis.Redis": _POOL,
    "aioredis.from_url": _POOL,
    "aioredis.Redis.from_url": _POOL,
    # SQLAlchemy asyncio engines
    "sqlalchemy.ext.asyncio.create_async_engine": _ENGINE,
    "sqlalchemy.ext.asyncio.engine.create_async_engine": _ENGINE,
    # asyncio primitives (3.10+: bind lazily)
    "asyncio.Queue": _QUEUE,
    "asyncio.LifoQueue": _QUEUE,
    "asyncio.PriorityQueue": _QUEUE,
    "asyncio.queues.Queue": _QUEUE,
    "asyncio.queues.LifoQueue": _QUEUE,
    "asyncio.queues.PriorityQueue": _QUEUE,
    "asyncio.Event": _EVENT,
    "asyncio.locks.Event": _EVENT,
    "asyncio.Condition": _CONDITION,
    "asyncio.locks.Condition": _CONDITION,
    "asyncio.Barrier": _EVENT,
    "asyncio.locks.Barrier": _EVENT,
    "asyncio.Lock": _LOCK,
    "asyncio.locks.Lock": _LOCK,
    "asyncio.Semaphore": _LOCK,
    "asyncio.locks.Semaphore": _LOCK,
    "asyncio.BoundedSemaphore": _LOCK,
    "asyncio.locks.BoundedSemaphore": _LOCK,
}

# Display names for the messages: the public spelling of each entry.
DISPLAY_NAMES = {
    "aiohttp.client.ClientSession": "aiohttp.ClientSession",
    "aiohttp.connector.TCPConnector": "aiohttp.TCPConnector",
    "sqlalchemy.ext.asyncio.engine.create_async_engine": "sqlalchemy.ext.asyncio.create_async_engine",
}

# SQLAlchemy async drivers that talk to a server over asyncio streams (connections bound to a loop).
NETWORK_DRIVERS = frozenset({"asyncpg", "asyncmy", "aiomysql", "psycopg", "psycopg_async", "aioodbc", "oracledb_async"})
# compiled on first use (``re`` keeps it): only an engine built from a URL literal needs it
_URL = r"^\s*(?P<dialect>[A-Za-z0-9_]+)(?:\+(?P<driver>[A-Za-z0-9_]+))?://"

# Calls that need a running asyncio event loop: under trio they raise "no running event loop"
# (or hang). Constructing an asyncio primitive is not in the list: on 3.10+ that needs no loop.
ASYNCIO_ONLY_CALLS = frozenset(
    {
        "asyncio.get_running_loop", "asyncio.get_event_loop", "asyncio.create_task", "asyncio.ensure_future",
        "asyncio.sleep", "asyncio.wait_for", "asyncio.wait", "asyncio.gather", "asyncio.shield",
        "asyncio.timeout", "asyncio.timeout_at", "asyncio.to_thread", "asyncio.as_completed",
        "asyncio.open_connection", "asyncio.start_server", "asyncio.open_unix_connection",
        "asyncio.start_unix_server", "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
        "asyncio.TaskGroup", "asyncio.current_task", "asyncio.all_tasks", "asyncio.wrap_future",
        "asyncio.tasks.create_task", "asyncio.tasks.sleep", "asyncio.tasks.gather", "asyncio.tasks.wait_for",
        "asyncio.events.get_running_loop", "asyncio.taskgroups.TaskGroup", "asyncio.timeouts.timeout",
        # asyncio-only libraries (SQLAlchemy's asyncio extension and the drivers under it, asyncio clients)
        "aiosqlite.connect", "asyncpg.connect", "asyncpg.create_pool", "aiomysql.connect", "aiomysql.create_pool",
        "asyncmy.connect", "asyncmy.create_pool", "aiohttp.ClientSession", "aiohttp.client.ClientSession",
        "motor.motor_asyncio.AsyncIOMotorClient", "aiofiles.open",
        "redis.asyncio.Redis", "redis.asyncio.from_url", "redis.asyncio.Redis.from_url",
        "redis.asyncio.client.Redis", "redis.asyncio.StrictRedis",
    }
)

# Factories whose result is asyncio-only once used (``engine.begin()``, ``engine.connect()``...):
# creating and disposing a SQLAlchemy async engine works under trio, connecting does not.
ASYNCIO_ONLY_WHEN_USED = {
    "sqlalchemy.ext.asyncio.create_async_engine": frozenset({"begin", "connect", "execute", "raw_connection"}),
    "sqlalchemy.ext.asyncio.engine.create_async_engine": frozenset({"begin", "connect", "execute", "raw_connection"}),
}

# Calls that schedule a coroutine as a background task on the current loop.
TASK_SPAWNERS = frozenset({"asyncio.create_task", "asyncio.ensure_future", "asyncio.tasks.create_task"})


def display_name(qualname: str) -> str:
    return DISPLAY_NAMES.get(qualname, qualname)


def catalogue_entry(call: ast.Call, imports: ImportMap, scope: ast.AST | None) -> tuple[str, LoopBound] | None:
    """(canonical name, entry) when ``call`` constructs something in the catalogue."""
    qualname = imports.qualified_name(call.func, scope)
    if qualname is None:
        return None
    entry = LOOP_BOUND.get(qualname)
    if entry is None:
        return None
    return qualname, entry


def argument_binding(call: ast.Call, entry: LoopBound, imports: ImportMap, scope: ast.AST | None) -> bool | None:
    """For TRANSPORT / NETWORK_URL entries: True bound, False harmless, None cannot tell.

    Other kinds answer True (their binding depends on use, not on the arguments).
    """
    if entry.binding is Binding.TRANSPORT:
        return _httpx_client_bound(call, imports, scope)
    if entry.binding is Binding.NETWORK_URL:
        return _engine_bound(call)
    return True


def _httpx_client_bound(call: ast.Call, imports: ImportMap, scope: ast.AST | None) -> bool | None:
    if any(kw.arg is None for kw in call.keywords):
        return None  # **kwargs may carry a transport
    if keyword(call, "app") is not None:
        return False  # httpx < 0.28 ``AsyncClient(app=app)``: an ASGI transport
    if keyword(call, "mounts") is not None:
        return None
    transport = keyword(call, "transport")
    if transport is None:
        return True
    if isinstance(transport, ast.Call):
        name = imports.qualified_name(transport.func, scope)
        if name == "httpx.ASGITransport":
            return False
        if name in ("httpx.AsyncHTTPTransport", "httpx._transports.default.AsyncHTTPTransport"):
            return True
    return None


def _engine_bound(call: ast.Call) -> bool | None:
    url = call.args[0] if call.args else keyword(call, "url")
    text = string_value(url)
    if text is None:
        return None
    match = re.match(_URL, text)
    if match is None:
        return None
    driver = match["driver"]
    if driver is None:
        return None
    return driver in NETWORK_DRIVERS


def loop_bound_call(call: ast.Call, imports: ImportMap, scope: ast.AST | None) -> tuple[str, LoopBound] | None:
    """The catalogue entry of ``call`` when its arguments do not make it harmless (or unknowable)."""
    found = catalogue_entry(call, imports, scope)
    if found is None:
        return None
    if argument_binding(call, found[1], imports, scope) is not True:
        return None
    return found
