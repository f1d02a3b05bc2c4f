#!/usr/bin/env python3
"""Generate a realistic, deterministic async test suite for benchmarking.

usage: python benchmarks/generate_suite.py OUT_DIR --files N [--seed S]

OUT_DIR receives one or more small "service" projects. Each project has its
own pytest configuration, a FastAPI application package and a tests/ tree
with a chain of conftest.py files. The projects use different async test
styles:

  anyio           pytest.mark.anyio, ``anyio_backend`` override in conftest.py
  asyncio_strict  pytest-asyncio strict mode: markers, @pytest_asyncio.fixture
  asyncio_auto    pytest-asyncio auto mode, set in the pytest configuration
  trio            pytest-trio (pytest.mark.trio, or ``trio_mode = true``)

Tests use httpx.AsyncClient + ASGITransport, fastapi.testclient.TestClient,
dependency_overrides with cleanup, parametrize, test classes, async fixtures,
mocks, task groups and timeouts; some files are plain synchronous tests.
Most code is correct; a small share of blocks carries a realistic pitfall
(un-awaited coroutine, blocking sleep, overrides never cleared, async
fixture that the runner will not handle, marker on a sync test, ...). Every
injected pitfall is listed in OUT_DIR/MANIFEST.json with file and line.

N is the total number of .py files written (application packages, conftest
files and test modules), so "time per file" figures are honest. The same
N and seed always produce byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

STYLES = ("anyio", "asyncio_strict", "asyncio_auto", "trio")
# Style of project i (cycled); anyio and pytest-asyncio dominate real suites.
STYLE_CYCLE = (
    "anyio", "asyncio_strict", "asyncio_auto", "trio",
    "anyio", "asyncio_auto", "asyncio_strict", "anyio",
)
PACKAGES = (
    "shop_api", "billing_service", "catalog", "accounts", "notifications",
    "inventory", "payments_gateway", "support_desk", "search_api",
    "reporting",
)
ENTITIES = (
    ("item", "items"), ("member", "members"), ("order", "orders"),
    ("invoice", "invoices"), ("product", "products"),
    ("customer", "customers"), ("webhook", "webhooks"),
    ("subscription", "subscriptions"), ("organization", "organizations"),
    ("payment", "payments"), ("coupon", "coupons"), ("review", "reviews"),
    ("ticket", "tickets"), ("project", "projects"), ("note", "notes"),
    ("refund", "refunds"), ("shipment", "shipments"), ("invite", "invites"),
)
AREAS = ("api", "unit", "integration", "e2e", "services")
SUBFOLDERS = ("v1", "admin", "edge_cases", "regressions", "v2", "public")
APP_MODULES = (
    "__init__", "main", "models", "db", "deps", "services", "routers",
    "utils",
)
DEFAULT_PITFALL_RATE = 0.05


# ---------------------------------------------------------------------------
# small helpers


def cap(word: str) -> str:
    return "".join(part.capitalize() for part in word.split("_"))


@dataclass
class Block:
    """A chunk of a test module: its lines, imports and injected pitfalls."""

    lines: list[str]
    imports: set[str] = field(default_factory=set)
    # (line index inside ``lines``, pitfall kind)
    pitfalls: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Project:
    index: int
    style: str
    pkg: str
    entities: list[tuple[str, str]]
    root: Path
    trio_mode: bool = False
    backend_params: bool = False  # anyio_backend parametrised over backends


@dataclass
class FileCtx:
    project: Project
    rng: random.Random
    entity: tuple[str, str]
    module_mark: bool
    pitfall_rate: float
    counter: int = 0
    names: dict[str, int] = field(default_factory=dict)

    @property
    def style(self) -> str:
        return self.project.style

    @property
    def pkg(self) -> str:
        return self.project.pkg

    @property
    def s(self) -> str:
        return self.entity[0]

    @property
    def p(self) -> str:
        return self.entity[1]

    def pitfall(self) -> bool:
        return self.rng.random() < self.pitfall_rate

    def uniq(self, base: str) -> str:
        """Make test names unique within a module."""
        self.counter += 1
        n = self.names.get(base, 0) + 1
        self.names[base] = n
        return base if n == 1 else f"{base}_{n}"

    def mark(self) -> tuple[list[str], set[str]]:
        """Decorator lines that make an async test run under this style."""
        if self.module_mark:
            return [], set()
        if self.style == "anyio":
            return ["@pytest.mark.anyio"], {"import pytest"}
        if self.style == "asyncio_strict":
            return ["@pytest.mark.asyncio"], {"import pytest"}
        if self.style == "trio" and not self.project.trio_mode:
            return ["@pytest.mark.trio"], {"import pytest"}
        return [], set()

    def afixture(self, scope: str | None = None) -> tuple[str, set[str]]:
        """Decorator for an async fixture in this style."""
        arg = f'(scope="{scope}")' if scope else ""
        if self.style == "asyncio_strict" or (
            self.style == "asyncio_auto" and self.rng.random() < 0.5
        ):
            if scope and self.style == "asyncio_strict":
                arg = f'(scope="{scope}", loop_scope="{scope}")'
            return f"@pytest_asyncio.fixture{arg}", {"import pytest_asyncio"}
        return f"@pytest.fixture{arg}", {"import pytest"}

    def sleep(self, seconds: str = "0") -> tuple[str, set[str]]:
        if self.style == "trio":
            return f"await trio.sleep({seconds})", {"import trio"}
        if self.style == "anyio":
            return f"await anyio.sleep({seconds})", {"import anyio"}
        return f"await asyncio.sleep({seconds})", {"import asyncio"}


def indent(lines: list[str], n: int = 4) -> list[str]:
    pad = " " * n
    return [pad + line if line else line for line in lines]


# ---------------------------------------------------------------------------
# test-module blocks


def b_list(c: FileCtx) -> Block:
    deco, imp = c.mark()
    name = c.uniq(f"test_list_{c.p}")
    bad = c.pitfall()
    call = f'client.get("/{c.p}")' if bad else f'await client.get("/{c.p}")'
    lines = deco + [
        f"async def {name}(client: AsyncClient) -> None:",
        f"    response = {call}",
        "    assert response.status_code == 200",
        "    body = response.json()",
        "    assert isinstance(body, list)",
    ]
    if c.rng.random() < 0.5:
        lines.append(f'    assert all("id" in {c.s} for {c.s} in body)')
    pits = [(len(deco) + 1, "missing-await")] if bad else []
    return Block(lines, imp | {"from httpx import AsyncClient"}, pits)


def b_create_param(c: FileCtx) -> Block:
    deco, imp = c.mark()
    name = c.uniq(f"test_create_{c.s}_validation")
    cases = [
        '("widget", 1, 201)', '("", 1, 422)', '("x" * 300, 1, 422)',
        '("gadget", 0, 422)', '("spare part", 25, 201)', '("ok", -3, 422)',
    ]
    chosen = c.rng.sample(cases, c.rng.randint(2, len(cases)))
    lines = [
        "@pytest.mark.parametrize(",
        '    ("name", "quantity", "expected_status"),',
        "    [",
        *[f"        {case}," for case in chosen],
        "    ],",
        ")",
        *deco,
        f"async def {name}(",
        "    client: AsyncClient, name: str, quantity: int, "
        "expected_status: int",
        ") -> None:",
        "    response = await client.post(",
        f'        "/{c.p}", json={{"name": name, "quantity": quantity}}',
        "    )",
        "    assert response.status_code == expected_status",
        "    if expected_status == 201:",
        '        assert response.json()["name"] == name',
    ]
    return Block(lines, imp | {"import pytest", "from httpx import AsyncClient"})


def b_get_missing(c: FileCtx) -> Block:
    deco, imp = c.mark()
    name = c.uniq(f"test_get_unknown_{c.s}_returns_404")
    lines = deco + [
        f"async def {name}(client: AsyncClient) -> None:",
        f'    response = await client.get("/{c.p}/999999")',
        "    assert response.status_code == 404",
        f'    assert response.json() == {{"detail": "{cap(c.s)} not found"}}',
    ]
    return Block(lines, imp | {"from httpx import AsyncClient"})


def b_roundtrip(c: FileCtx) -> Block:
    deco, imp = c.mark()
    name = c.uniq(f"test_{c.s}_roundtrip")
    lines = deco + [
        f"async def {name}(client: AsyncClient) -> None:",
        f'    created = await client.post("/{c.p}", json={{"name": "alpha"}})',
        "    assert created.status_code == 201",
        f'    {c.s}_id = created.json()["id"]',
        "",
        f'    fetched = await client.get(f"/{c.p}/{{{c.s}_id}}")',
        "    assert fetched.status_code == 200",
        '    assert fetched.json()["name"] == "alpha"',
        "",
        f'    deleted = await client.delete(f"/{c.p}/{{{c.s}_id}}")',
        "    assert deleted.status_code == 204",
        f'    gone = await client.get(f"/{c.p}/{{{c.s}_id}}")',
        "    assert gone.status_code == 404",
    ]
    return Block(lines, imp | {"from httpx import AsyncClient"})


def b_override(c: FileCtx) -> Block:
    """dependency_overrides: cleanup via finally, fixture or (bad) none."""
    deco, imp = c.mark()
    name = c.uniq(f"test_{c.p}_require_admin")
    imports = imp | {
        "from httpx import AsyncClient",
        "from fastapi import FastAPI",
        f"from {c.pkg}.deps import get_current_user",
        f"from {c.pkg}.models import User",
    }
    head = deco + [
        f"async def {name}(app: FastAPI, client: AsyncClient) -> None:",
        "    def fake_user() -> User:",
        '        return User(id=7, email="viewer@example.com", is_admin=False)',
        "",
    ]
    bad = c.pitfall()
    if bad:
        body = [
            "    app.dependency_overrides[get_current_user] = fake_user",
            f'    response = await client.delete("/{c.p}/1")',
            "    assert response.status_code == 403",
        ]
        return Block(head + body, imports,
                     [(len(head), "overrides-not-cleared")])
    if c.rng.random() < 0.5:
        body = [
            "    app.dependency_overrides[get_current_user] = fake_user",
            "    try:",
            f'        response = await client.delete("/{c.p}/1")',
            "    finally:",
            "        app.dependency_overrides.pop(get_current_user, None)",
            "    assert response.status_code == 403",
        ]
    else:
        body = [
            "    with pytest.MonkeyPatch.context() as mp:",
            "        mp.setitem(",
            "            app.dependency_overrides, get_current_user, fake_user",
            "        )",
            f'        response = await client.delete("/{c.p}/1")',
            "    assert response.status_code == 403",
        ]
        imports.add("import pytest")
    return Block(head + body, imports)


def b_override_fixture(c: FileCtx) -> Block:
    name = c.uniq("as_admin")
    bad = c.pitfall()
    lines = [
        "@pytest.fixture",
        f"def {name}(app: FastAPI) -> Iterator[User]:",
        '    admin = User(id=1, email="admin@example.com", is_admin=True)',
        "    app.dependency_overrides[get_current_user] = lambda: admin",
        "    yield admin",
    ]
    pits: list[tuple[int, str]] = []
    if bad:
        pits.append((3, "overrides-not-cleared"))
    else:
        lines.append("    app.dependency_overrides.clear()")
    deco, imp = c.mark()
    test = c.uniq(f"test_admin_can_delete_{c.s}")
    lines += ["", ""] + deco + [
        f"async def {test}(client: AsyncClient, {name}: User) -> None:",
        f'    created = await client.post("/{c.p}", json={{"name": "tmp"}})',
        f'    response = await client.delete(f"/{c.p}/{{created.json()[\'id\']}}")',
        "    assert response.status_code == 204",
    ]
    return Block(lines, imp | {
        "import pytest", "from collections.abc import Iterator",
        "from fastapi import FastAPI", "from httpx import AsyncClient",
        f"from {c.pkg}.deps import get_current_user",
        f"from {c.pkg}.models import User",
    }, pits)


def b_class(c: FileCtx) -> Block:
    deco, imp = c.mark()
    bad = bool(deco) and c.pitfall()
    cls = c.uniq(
        f"Test{cap(c.s)}{c.rng.choice(['Api', 'Endpoints', 'Lifecycle', 'Permissions'])}"
    )
    lines: list[str] = []
    pits: list[tuple[int, str]] = []
    if deco and not bad:
        lines += deco
    elif bad:
        pits.append((0, "async-test-not-collected"))
    lines.append(f"class {cls}:")
    lines.append(f'    """Behaviour of the /{c.p} endpoints."""')
    methods = [
        [
            "async def test_empty_listing(self, client: AsyncClient) -> None:",
            f'    response = await client.get("/{c.p}")',
            "    assert response.json() == []",
        ],
        [
            "async def test_pagination(self, client: AsyncClient) -> None:",
            "    for index in range(5):",
            f'        await client.post("/{c.p}", json={{"name": f"n{{index}}"}})',
            f'    response = await client.get("/{c.p}", params={{"limit": 2}})',
            "    assert len(response.json()) == 2",
        ],
        [
            "async def test_rejects_unknown_fields(",
            "    self, client: AsyncClient",
            ") -> None:",
            "    response = await client.post(",
            f'        "/{c.p}", json={{"name": "a", "unexpected": True}}',
            "    )",
            "    assert response.status_code == 422",
        ],
        [
            "async def test_head_request(self, client: AsyncClient) -> None:",
            f'    response = await client.head("/{c.p}")',
            "    assert response.status_code in (200, 405)",
        ],
        [
            "def test_path_is_stable(self) -> None:",
            f'    assert "/{c.p}".startswith("/")',
        ],
    ]
    for method in c.rng.sample(methods, c.rng.randint(2, len(methods))):
        lines.append("")
        lines += indent(method)
    return Block(lines, imp | {"from httpx import AsyncClient"}, pits)


def b_service(c: FileCtx) -> Block:
    deco, imp = c.mark()
    name = c.uniq(f"test_{c.s}_service_create_and_get")
    bad = c.pitfall()
    lines = deco + [
        f"async def {name}(db: Database) -> None:",
        f'    created = await services.create_{c.s}(db, {cap(c.s)}Create(name="n"))',
        f"    fetched = await services.get_{c.s}(db, created.id)",
        "    assert fetched == created",
        "",
    ]
    pits: list[tuple[int, str]] = []
    if bad:
        kind = c.rng.choice(["raises-unawaited", "assert-coroutine"])
        if kind == "raises-unawaited":
            lines += [
                "    with pytest.raises(services.NotFoundError):",
                f"        services.get_{c.s}(db, created.id + 1)",
            ]
            pits.append((len(lines) - 1, "missing-await"))
        else:
            lines.append(f"    assert services.{c.s}_exists(db, created.id + 1)")
            pits.append((len(lines) - 1, "assert-coroutine"))
    else:
        lines += [
            "    with pytest.raises(services.NotFoundError):",
            f"        await services.get_{c.s}(db, created.id + 1)",
            f"    assert await services.{c.s}_exists(db, created.id)",
        ]
    return Block(lines, imp | {
        "import pytest", f"from {c.pkg} import services",
        f"from {c.pkg}.db import Database",
        f"from {c.pkg}.models import {cap(c.s)}Create",
    }, pits)


def b_blocking(c: FileCtx) -> Block:
    deco, imp = c.mark()
    name = c.uniq(f"test_{c.s}_webhook_is_retried")
    bad = c.pitfall()
    if bad:
        wait, wimp = "time.sleep(0.05)", {"import time"}
    else:
        wait, wimp = c.sleep("0.05")
    lines = deco + [
        f"async def {name}(client: AsyncClient) -> None:",
        f'    await client.post("/{c.p}", json={{"name": "retry-me"}})',
        f"    {wait}",
        f'    response = await client.get("/{c.p}")',
        "    assert response.status_code == 200",
    ]
    pits = [(len(deco) + 2, "blocking-call")] if bad else []
    return Block(lines, imp | wimp | {"from httpx import AsyncClient"}, pits)


def b_concurrency(c: FileCtx) -> Block:
    deco, imp = c.mark()
    name = c.uniq(f"test_concurrent_{c.p}_creation")
    n = c.rng.choice([5, 10, 20])
    head = deco + [f"async def {name}(client: AsyncClient) -> None:"]
    post = f'client.post("/{c.p}", json={{"name": f"c{{i}}"}})'
    if c.style == "trio":
        body = [
            "    async with trio.open_nursery() as nursery:",
            f"        for i in range({n}):",
            "            nursery.start_soon(",
            "                functools.partial(",
            f'                    client.post, "/{c.p}", json={{"name": f"c{{i}}"}}',
            "                )",
            "            )",
        ]
        extra = {"import trio", "import functools"}
    elif c.style == "anyio":
        body = [
            "    async with anyio.create_task_group() as tg:",
            f"        for i in range({n}):",
            "            tg.start_soon(",
            "                functools.partial(",
            f'                    client.post, "/{c.p}", json={{"name": f"c{{i}}"}}',
            "                )",
            "            )",
        ]
        extra = {"import anyio", "import functools"}
    else:
        body = [
            "    responses = await asyncio.gather(",
            f"        *({post} for i in range({n}))",
            "    )",
            "    assert all(r.status_code == 201 for r in responses)",
        ]
        extra = {"import asyncio"}
    tail = [
        f'    listing = await client.get("/{c.p}", params={{"limit": 100}})',
        f"    assert len(listing.json()) == {n}",
    ]
    return Block(head + body + tail,
                 imp | extra | {"from httpx import AsyncClient"})


def b_timeout(c: FileCtx) -> Block:
    deco, imp = c.mark()
    name = c.uniq(f"test_{c.s}_stream_finishes_in_time")
    if c.style == "trio":
        ctx, extra = "with trio.fail_after(2):", {"import trio"}
    elif c.style == "anyio":
        ctx, extra = "with anyio.fail_after(2):", {"import anyio"}
    else:
        ctx, extra = "async with asyncio.timeout(2):", {"import asyncio"}
    lines = deco + [
        f"async def {name}(client: AsyncClient) -> None:",
        f"    {ctx}",
        f'        async with client.stream("GET", "/{c.p}/export") as response:',
        "            chunks = [chunk async for chunk in response.aiter_bytes()]",
        '    assert b"".join(chunks).startswith(b"[")',
    ]
    return Block(lines, imp | extra | {"from httpx import AsyncClient"})


def b_testclient(c: FileCtx) -> Block:
    """Sync TestClient test; pitfall variant uses it inside an async test."""
    bad = c.style != "trio" and c.pitfall()
    imports = {"from fastapi import FastAPI",
               "from fastapi.testclient import TestClient"}
    if bad:
        deco, imp = c.mark()
        name = c.uniq(f"test_{c.p}_health_from_async")
        lines = deco + [
            f"async def {name}(app: FastAPI) -> None:",
            "    with TestClient(app) as client:",
            '        response = client.get("/health")',
            "    assert response.status_code == 200",
        ]
        return Block(lines, imports | imp,
                     [(len(deco) + 1, "nested-loop-run")])
    name = c.uniq(f"test_{c.p}_openapi_schema")
    lines = [
        f"def {name}(app: FastAPI) -> None:",
        "    with TestClient(app) as client:",
        '        response = client.get("/openapi.json")',
        "    assert response.status_code == 200",
        f'    assert "/{c.p}" in response.json()["paths"]',
    ]
    return Block(lines, imports)


def b_websocket(c: FileCtx) -> Block:
    name = c.uniq("test_websocket_echo")
    lines = [
        f"def {name}(sync_client: TestClient) -> None:",
        '    with sync_client.websocket_connect("/ws/echo") as websocket:',
        f'        websocket.send_json({{"kind": "{c.s}", "id": 1}})',
        "        message = websocket.receive_json()",
        f'    assert message == {{"kind": "{c.s}", "id": 1}}',
    ]
    return Block(lines, {"from fastapi.testclient import TestClient"})


def b_local_fixture(c: FileCtx) -> Block:
    """Async fixture in the test module (pitfall: wrong decorator)."""
    fixture = c.uniq(f"seeded_{c.p}")
    deco_line, fimp = c.afixture()
    pits: list[tuple[int, str]] = []
    if c.style == "asyncio_strict" and c.pitfall():
        deco_line, fimp = "@pytest.fixture", {"import pytest"}
        pits.append((1, "unhandled-async-fixture"))
    lines = [
        deco_line,
        f"async def {fixture}(db: Database) -> list[{cap(c.s)}]:",
        "    return [",
        f'        await services.create_{c.s}(db, {cap(c.s)}Create(name=f"seed-{{i}}"))',
        f"        for i in range({c.rng.randint(2, 6)})",
        "    ]",
        "",
        "",
    ]
    deco, imp = c.mark()
    test = c.uniq(f"test_list_returns_seeded_{c.p}")
    lines += deco + [
        f"async def {test}(",
        f"    client: AsyncClient, {fixture}: list[{cap(c.s)}]",
        ") -> None:",
        f'    response = await client.get("/{c.p}")',
        "    ids = {row[\"id\"] for row in response.json()}",
        f"    assert ids == {{{c.s}.id for {c.s} in {fixture}}}",
    ]
    return Block(lines, fimp | imp | {
        "from httpx import AsyncClient", f"from {c.pkg} import services",
        f"from {c.pkg}.db import Database",
        f"from {c.pkg}.models import {cap(c.s)}, {cap(c.s)}Create",
    }, pits)


def b_mock(c: FileCtx) -> Block:
    deco, imp = c.mark()
    name = c.uniq(f"test_creating_{c.s}_sends_notification")
    bad = c.pitfall()
    check = ("send.assert_called_once()" if bad
             else "send.assert_awaited_once()")
    lines = deco + [
        f"async def {name}(client: AsyncClient) -> None:",
        "    with patch(",
        f'        "{c.pkg}.services.send_notification", new_callable=AsyncMock',
        "    ) as send:",
        f'        response = await client.post("/{c.p}", json={{"name": "n"}})',
        "    assert response.status_code == 201",
        f"    {check}",
    ]
    pits = [(len(lines) - 1, "asyncmock-not-awaited-check")] if bad else []
    return Block(lines, imp | {
        "from unittest.mock import AsyncMock, patch",
        "from httpx import AsyncClient",
    }, pits)


def b_helper(c: FileCtx) -> Block:
    name = c.uniq(f"_create_{c.s}")
    lines = [
        f"async def {name}(client: AsyncClient, **overrides: Any) -> dict[str, Any]:",
        f'    payload: dict[str, Any] = {{"name": "default {c.s}", "quantity": 1}}',
        "    payload.update(overrides)",
        f'    response = await client.post("/{c.p}", json=payload)',
        "    assert response.status_code == 201, response.text",
        "    data: dict[str, Any] = response.json()",
        "    return data",
    ]
    deco, imp = c.mark()
    test = c.uniq(f"test_update_{c.s}_quantity")
    lines += ["", ""] + deco + [
        f"async def {test}(client: AsyncClient) -> None:",
        f"    {c.s} = await {name}(client, quantity=2)",
        "    response = await client.patch(",
        f'        f"/{c.p}/{{{c.s}[\'id\']}}", json={{"quantity": 5}}',
        "    )",
        '    assert response.json()["quantity"] == 5',
    ]
    return Block(lines, imp | {"from typing import Any",
                               "from httpx import AsyncClient"})


def b_unittest(c: FileCtx) -> Block:
    """unittest style; pitfall: async test method on a plain TestCase."""
    bad = c.pitfall()
    base = "unittest.TestCase" if bad else "unittest.IsolatedAsyncioTestCase"
    cls = c.uniq(f"{cap(c.s)}ServiceTests")
    lines = [
        f"class {cls}({base}):",
        "    async def asyncSetUp(self) -> None:" if not bad
        else "    def setUp(self) -> None:",
        "        self.db = Database()",
        "",
        f"    async def test_create_{c.s}(self) -> None:",
        f'        {c.s} = await services.create_{c.s}(self.db, {cap(c.s)}Create(name="u"))',
        f'        self.assertEqual({c.s}.name, "u")',
    ]
    pits = [(4, "async-test-not-awaited")] if bad else []
    return Block(lines, {
        "import unittest", f"from {c.pkg} import services",
        f"from {c.pkg}.db import Database",
        f"from {c.pkg}.models import {cap(c.s)}Create",
    }, pits)


def b_marker_on_sync(c: FileCtx) -> Block:
    """A sync test; pitfall: it carries an async marker."""
    name = c.uniq(f"test_{c.s}_slug")
    lines: list[str] = []
    pits: list[tuple[int, str]] = []
    marker = {"anyio": "anyio", "trio": "trio"}.get(c.style, "asyncio")
    if c.pitfall() and not c.module_mark:
        lines.append(f"@pytest.mark.{marker}")
        pits.append((0, "marker-on-sync-test"))
    lines += [
        "@pytest.mark.parametrize(",
        '    ("raw", "expected"),',
        '    [("Hello World", "hello-world"), ("  A  b ", "a-b"), ("x", "x")],',
        ")",
        f"def {name}(raw: str, expected: str) -> None:",
        "    assert slugify(raw) == expected",
    ]
    if pits:
        pits = [(0, "marker-on-sync-test")]
    return Block(lines, {"import pytest", f"from {c.pkg}.utils import slugify"},
                 pits)


def b_async_generator_test(c: FileCtx) -> Block:
    """Pitfall only: an async generator as test (never runs its body)."""
    deco, imp = c.mark()
    name = c.uniq(f"test_{c.p}_events_stream")
    lines = deco + [
        f"async def {name}(client: AsyncClient) -> None:",
        f'    async with client.stream("GET", "/{c.p}/export") as response:',
        "        async for line in response.aiter_lines():",
        "            assert line",
    ]
    pits: list[tuple[int, str]] = []
    if c.pitfall():
        lines[len(deco) + 3] = "            yield line"
        pits.append((len(deco), "async-generator-test"))
    return Block(lines, imp | {"from httpx import AsyncClient"}, pits)


def b_nested_run(c: FileCtx) -> Block:
    """Sync test driving a coroutine; pitfall: asyncio.run in async test."""
    if c.style != "trio" and c.pitfall():
        deco, imp = c.mark()
        name = c.uniq(f"test_{c.s}_count_via_run")
        lines = deco + [
            f"async def {name}(db: Database) -> None:",
            f"    count = asyncio.run(services.count_{c.p}(db))",
            "    assert count == 0",
        ]
        return Block(lines, imp | {
            "import asyncio", f"from {c.pkg} import services",
            f"from {c.pkg}.db import Database",
        }, [(len(deco) + 1, "nested-loop-run")])
    name = c.uniq(f"test_{c.s}_count_sync_wrapper")
    runner = "trio.run" if c.style == "trio" else (
        "anyio.run" if c.style == "anyio" else "asyncio.run")
    mod = runner.split(".")[0]
    lines = [
        f"def {name}() -> None:",
        "    db = Database()",
        f"    assert {runner}(services.count_{c.p}(db)) == 0"
        if runner == "asyncio.run"
        else f"    assert {runner}(services.count_{c.p}, db) == 0",
    ]
    return Block(lines, {f"import {mod}", f"from {c.pkg} import services",
                         f"from {c.pkg}.db import Database"})


ASYNC_BLOCKS: list[tuple[Callable[[FileCtx], Block], int]] = [
    (b_list, 10), (b_create_param, 8), (b_get_missing, 6), (b_roundtrip, 6),
    (b_override, 5), (b_override_fixture, 3), (b_class, 5), (b_service, 6),
    (b_blocking, 3), (b_concurrency, 3), (b_timeout, 2), (b_testclient, 3),
    (b_websocket, 1), (b_local_fixture, 4), (b_mock, 3), (b_helper, 4),
    (b_marker_on_sync, 2), (b_async_generator_test, 1), (b_nested_run, 1),
]


# ---------------------------------------------------------------------------
# plain synchronous test modules


def s_models(c: FileCtx) -> Block:
    name = c.uniq(f"test_{c.s}_model_validation")
    lines = [
        "@pytest.mark.parametrize(",
        '    "payload",',
        "    [",
        '        {"name": ""},',
        '        {"name": "ok", "quantity": -1},',
        '        {"quantity": 3},',
        "    ],",
        ")",
        f"def {name}(payload: dict[str, object]) -> None:",
        "    with pytest.raises(ValidationError):",
        f"        {cap(c.s)}Create.model_validate(payload)",
        "",
        "",
        f"def {c.uniq(f'test_{c.s}_defaults')}() -> None:",
        f'    model = {cap(c.s)}Create(name="thing")',
        "    assert model.quantity == 1",
    ]
    return Block(lines, {"import pytest", "from pydantic import ValidationError",
                         f"from {c.pkg}.models import {cap(c.s)}Create"})


def s_utils(c: FileCtx) -> Block:
    name = c.uniq("test_paginate")
    lines = [
        "@pytest.mark.parametrize(",
        '    ("items", "limit", "offset", "expected"),',
        "    [",
        "        ([1, 2, 3], 2, 0, [1, 2]),",
        "        ([1, 2, 3], 2, 2, [3]),",
        "        ([], 10, 0, []),",
        "    ],",
        ")",
        f"def {name}(",
        "    items: list[int], limit: int, offset: int, expected: list[int]",
        ") -> None:",
        "    assert paginate(items, limit=limit, offset=offset) == expected",
    ]
    return Block(lines, {"import pytest",
                         f"from {c.pkg}.utils import paginate"})


def s_sync_api(c: FileCtx) -> Block:
    name = c.uniq(f"test_{c.p}_sync_listing")
    lines = [
        f"def {name}(sync_client: TestClient) -> None:",
        f'    response = sync_client.get("/{c.p}")',
        "    assert response.status_code == 200",
        '    assert response.headers["content-type"] == "application/json"',
    ]
    return Block(lines, {"from fastapi.testclient import TestClient"})


def s_sync_class(c: FileCtx) -> Block:
    cls = c.uniq(f"Test{cap(c.s)}Settings")
    lines = [
        f"class {cls}:",
        "    def test_default_page_size(self) -> None:",
        "        assert get_settings().page_size == 50",
        "",
        "    def test_env_override(self, monkeypatch: pytest.MonkeyPatch) -> None:",
        '        monkeypatch.setenv("PAGE_SIZE", "10")',
        "        get_settings.cache_clear()",
        "        try:",
        "            assert get_settings().page_size == 10",
        "        finally:",
        "            get_settings.cache_clear()",
    ]
    return Block(lines, {"import pytest", f"from {c.pkg}.deps import get_settings"})


SYNC_BLOCKS: list[tuple[Callable[[FileCtx], Block], int]] = [
    (s_models, 4), (s_utils, 3), (s_sync_api, 4), (s_sync_class, 2),
    (b_websocket, 1), (b_marker_on_sync, 1),
]


def weighted(rng: random.Random,
             table: list[tuple[Callable[[FileCtx], Block], int]]
             ) -> Callable[[FileCtx], Block]:
    funcs = [f for f, _ in table]
    weights = [w for _, w in table]
    return rng.choices(funcs, weights=weights, k=1)[0]


def from_import(mod: str, names: list[str]) -> str:
    """``from mod import names``, parenthesised over lines when long."""
    line = f"from {mod} import {', '.join(names)}"
    if len(line) <= 88:
        return line
    return f"from {mod} import (\n" + "".join(f"    {n},\n" for n in names) + ")"


def sort_imports(imports: set[str]) -> list[str]:
    stdlib = {"asyncio", "functools", "time", "unittest", "collections",
              "typing", "unittest.mock", "collections.abc"}
    merged: dict[str, set[str]] = {}
    plain: set[str] = set()
    for line in imports:
        if line.startswith("from "):
            mod, names = line[5:].split(" import ", 1)
            merged.setdefault(mod, set()).update(n.strip() for n in names.split(","))
        else:
            plain.add(line)
    lines_in = plain | {
        from_import(mod, sorted(names)) for mod, names in merged.items()
    }
    groups: list[list[str]] = [[], [], []]
    for line in sorted(lines_in, key=lambda s: (s.startswith("from"), s)):
        mod = line.split()[1]
        top = mod.split(".")[0]
        if line.startswith("from __future__"):
            continue
        if mod in stdlib or top in stdlib:
            groups[0].append(line)
        elif top in PACKAGES or top.startswith(PACKAGES):
            groups[2].append(line)
        else:
            groups[1].append(line)
    out = ["from __future__ import annotations", ""]
    for group in groups:
        if group:
            out += group + [""]
    return out


def render_module(blocks: list[Block], docstring: str | None,
                  header: list[str]) -> tuple[str, list[tuple[int, str]]]:
    imports: set[str] = set()
    for block in blocks:
        imports |= block.imports
    if any("pytestmark" in h for h in header):
        imports.add("import pytest")
    lines: list[str] = []
    if docstring:
        lines.append(f'"""{docstring}"""')
        lines.append("")
    lines += sort_imports(imports)
    if header:
        lines += header + [""]
    lines.append("")
    pits: list[tuple[int, str]] = []
    for i, block in enumerate(blocks):
        if i:
            lines += ["", ""]
        start = len(lines)
        lines += block.lines
        pits += [(start + off + 1, kind) for off, kind in block.pitfalls]
    return "\n".join(lines).rstrip() + "\n", pits


DOCSTRINGS = (
    "Tests for the {p} endpoints.",
    "End-to-end checks for {p}.",
    "Regression tests for {s} handling.",
    "{S} service behaviour.",
    None, None,
)


def make_test_module(c: FileCtx, sync_only: bool) -> tuple[str, list[tuple[int, str]]]:
    rng = c.rng
    target = int(rng.triangular(30, 300, 85))
    table = SYNC_BLOCKS if sync_only else ASYNC_BLOCKS
    header: list[str] = []
    if c.module_mark:
        marker = {"anyio": "pytest.mark.anyio",
                  "asyncio_strict": "pytest.mark.asyncio",
                  "trio": "pytest.mark.trio"}[c.style]
        header = [f"pytestmark = {marker}"]
    doc_t = rng.choice(DOCSTRINGS)
    doc = doc_t.format(p=c.p, s=c.s, S=cap(c.s)) if doc_t else None
    blocks: list[Block] = []
    total = 8 + len(header)
    while True:
        block = weighted(rng, table)(c)
        size = len(block.lines) + 2
        if total + size > 285 and total >= 30:
            break
        blocks.append(block)
        total += size + len(block.imports) // 3
        if total >= target:
            break
    return render_module(blocks, doc, header)


# ---------------------------------------------------------------------------
# application package


def app_files(project: Project) -> dict[str, str]:
    pkg = project.pkg
    ents = project.entities
    models = [
        "from __future__ import annotations", "",
        "from pydantic import BaseModel, ConfigDict, Field", "", "",
        "class User(BaseModel):",
        "    id: int",
        "    email: str",
        "    is_admin: bool = False",
    ]
    for s, _ in ents:
        models += [
            "", "",
            f"class {cap(s)}Create(BaseModel):",
            '    model_config = ConfigDict(extra="forbid")',
            "",
            "    name: str = Field(min_length=1, max_length=200)",
            "    quantity: int = Field(default=1, ge=1)",
            "", "",
            f"class {cap(s)}Update(BaseModel):",
            "    name: str | None = None",
            "    quantity: int | None = Field(default=None, ge=1)",
            "", "",
            f"class {cap(s)}({cap(s)}Create):",
            "    id: int",
        ]
    db = [
        '"""A tiny in-memory stand-in for the real database."""', "",
        "from __future__ import annotations", "",
        "import itertools",
        "from typing import Any", "", "",
        "class Database:",
        "    def __init__(self) -> None:",
        "        self.tables: dict[str, dict[int, dict[str, Any]]] = {}",
        "        self._ids = itertools.count(1)",
        "        self.connected = False",
        "",
        "    async def connect(self) -> None:",
        "        self.connected = True",
        "",
        "    async def disconnect(self) -> None:",
        "        self.connected = False",
        "",
        "    async def insert(self, table: str, row: dict[str, Any]) -> dict[str, Any]:",
        "        row = {**row, \"id\": next(self._ids)}",
        "        self.tables.setdefault(table, {})[row[\"id\"]] = row",
        "        return row",
        "",
        "    async def get(self, table: str, key: int) -> dict[str, Any] | None:",
        "        return self.tables.get(table, {}).get(key)",
        "",
        "    async def all(self, table: str) -> list[dict[str, Any]]:",
        "        return list(self.tables.get(table, {}).values())",
        "",
        "    async def delete(self, table: str, key: int) -> bool:",
        "        return self.tables.get(table, {}).pop(key, None) is not None",
    ]
    deps = [
        "from __future__ import annotations", "",
        "import functools",
        "import os",
        "from collections.abc import AsyncIterator",
        "from dataclasses import dataclass", "",
        "from fastapi import Header, HTTPException", "",
        f"from {pkg}.db import Database",
        f"from {pkg}.models import User", "",
        "_database = Database()", "", "",
        "@dataclass(frozen=True)",
        "class Settings:",
        "    page_size: int", "", "",
        "@functools.lru_cache",
        "def get_settings() -> Settings:",
        '    return Settings(page_size=int(os.environ.get("PAGE_SIZE", "50")))',
        "", "",
        "async def get_db() -> AsyncIterator[Database]:",
        "    yield _database", "", "",
        "async def get_current_user(authorization: str = Header(default=\"\")) -> User:",
        '    if not authorization.startswith("Bearer "):',
        '        return User(id=1, email="admin@example.com", is_admin=True)',
        '    raise HTTPException(status_code=401, detail="Invalid token")',
    ]
    services = [
        "from __future__ import annotations", "",
        f"from {pkg}.db import Database",
        from_import(f"{pkg}.models",
                    [x for s, _ in ents for x in (cap(s), f"{cap(s)}Create")]),
        "", "",
        "class NotFoundError(LookupError):",
        "    pass", "", "",
        "async def send_notification(kind: str, payload: dict[str, object]) -> None:",
        "    return None",
    ]
    for s, p in ents:
        services += [
            "", "",
            f"async def create_{s}(db: Database, data: {cap(s)}Create) -> {cap(s)}:",
            f'    row = await db.insert("{p}", data.model_dump())',
            f'    await send_notification("{s}.created", row)',
            f"    return {cap(s)}(**row)",
            "", "",
            f"async def get_{s}(db: Database, key: int) -> {cap(s)}:",
            f'    row = await db.get("{p}", key)',
            "    if row is None:",
            "        raise NotFoundError(key)",
            f"    return {cap(s)}(**row)",
            "", "",
            f"async def {s}_exists(db: Database, key: int) -> bool:",
            f'    return await db.get("{p}", key) is not None',
            "", "",
            f"async def count_{p}(db: Database) -> int:",
            f'    return len(await db.all("{p}"))',
        ]
    routers = [
        "from __future__ import annotations", "",
        "from fastapi import APIRouter, Depends, HTTPException, Response, WebSocket",
        "from fastapi.responses import StreamingResponse", "",
        f"from {pkg} import services",
        f"from {pkg}.db import Database",
        f"from {pkg}.deps import get_current_user, get_db",
        from_import(f"{pkg}.models",
                    ["User"] + [x for s, _ in ents
                                for x in (cap(s), f"{cap(s)}Create", f"{cap(s)}Update")]),
        "", "",
        "misc = APIRouter()", "", "",
        '@misc.get("/health")',
        "async def health() -> dict[str, str]:",
        '    return {"status": "ok"}', "", "",
        '@misc.websocket("/ws/echo")',
        "async def echo(websocket: WebSocket) -> None:",
        "    await websocket.accept()",
        "    await websocket.send_json(await websocket.receive_json())",
        "    await websocket.close()",
    ]
    for s, p in ents:
        routers += [
            "", "",
            f'{p} = APIRouter(prefix="/{p}", tags=["{p}"])', "", "",
            f'@{p}.get("")',
            f"async def list_{p}(",
            "    limit: int = 50, db: Database = Depends(get_db)",
            f") -> list[{cap(s)}]:",
            f'    rows = await db.all("{p}")',
            f"    return [{cap(s)}(**row) for row in rows[:limit]]", "", "",
            f'@{p}.post("", status_code=201)',
            f"async def create_{s}(",
            f"    data: {cap(s)}Create, db: Database = Depends(get_db)",
            f") -> {cap(s)}:",
            f"    return await services.create_{s}(db, data)", "", "",
            f'@{p}.get("/export")',
            f"async def export_{p}(db: Database = Depends(get_db)) -> StreamingResponse:",
            f'    rows = await db.all("{p}")',
            '    return StreamingResponse(iter([str(rows).encode()]), media_type="text/plain")',
            "", "",
            f'@{p}.patch("/{{key}}")',
            f"async def update_{s}(",
            f"    key: int, data: {cap(s)}Update, db: Database = Depends(get_db)",
            f") -> {cap(s)}:",
            f'    row = await db.get("{p}", key)',
            "    if row is None:",
            f'        raise HTTPException(status_code=404, detail="{cap(s)} not found")',
            "    row.update(data.model_dump(exclude_none=True))",
            f"    return {cap(s)}(**row)",
            "", "",
            f'@{p}.get("/{{key}}")',
            f"async def get_{s}(key: int, db: Database = Depends(get_db)) -> {cap(s)}:",
            "    try:",
            f"        return await services.get_{s}(db, key)",
            "    except services.NotFoundError:",
            f'        raise HTTPException(status_code=404, detail="{cap(s)} not found")',
            "", "",
            f'@{p}.delete("/{{key}}", status_code=204)',
            f"async def delete_{s}(",
            "    key: int,",
            "    db: Database = Depends(get_db),",
            "    user: User = Depends(get_current_user),",
            ") -> Response:",
            "    if not user.is_admin:",
            '        raise HTTPException(status_code=403, detail="Forbidden")',
            f'    await db.delete("{p}", key)',
            "    return Response(status_code=204)",
        ]
    main = [
        "from __future__ import annotations", "",
        "from collections.abc import AsyncIterator",
        "from contextlib import asynccontextmanager", "",
        "from fastapi import FastAPI", "",
        f"from {pkg} import routers",
        f"from {pkg}.deps import _database", "", "",
        "@asynccontextmanager",
        "async def lifespan(app: FastAPI) -> AsyncIterator[None]:",
        "    await _database.connect()",
        "    try:",
        "        yield",
        "    finally:",
        "        await _database.disconnect()", "", "",
        "def create_app() -> FastAPI:",
        f'    app = FastAPI(title="{pkg}", lifespan=lifespan)',
        "    app.include_router(routers.misc)",
    ] + [f"    app.include_router(routers.{p})" for _, p in ents] + [
        "    return app", "", "",
        "app = create_app()",
    ]
    utils = [
        "from __future__ import annotations", "",
        "import re",
        "from collections.abc import Sequence",
        "from typing import TypeVar", "",
        'T = TypeVar("T")', "", "",
        "def slugify(text: str) -> str:",
        '    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")',
        "", "",
        "def paginate(items: Sequence[T], *, limit: int, offset: int = 0) -> list[T]:",
        "    return list(items[offset : offset + limit])",
    ]
    files = {
        "__init__": [f'"""{pkg}: generated FastAPI service."""'],
        "main": main, "models": models, "db": db, "deps": deps,
        "services": services, "routers": routers, "utils": utils,
    }
    return {f"{pkg}/{name}.py": "\n".join(body) + "\n"
            for name, body in files.items()}


def project_config(project: Project) -> dict[str, str]:
    pkg = project.pkg
    style = project.style
    reqs = ["fastapi>=0.110", "httpx>=0.27", "pytest>=8"]
    if style == "anyio":
        reqs.append("anyio>=4")
    elif style.startswith("asyncio"):
        reqs.append("pytest-asyncio>=0.24")
    else:
        reqs += ["trio>=0.25", "pytest-trio>=0.8"]
    out = {"requirements-test.txt": "\n".join(reqs) + "\n"}
    pyproject = [
        "[project]", f'name = "{pkg.replace("_", "-")}"', 'version = "0.1.0"',
        'requires-python = ">=3.10"', "",
    ]
    if style == "anyio":
        pyproject += [
            "[tool.pytest.ini_options]", 'testpaths = ["tests"]',
            'addopts = "-ra"', "",
        ]
    elif style == "asyncio_strict":
        out["pytest.ini"] = (
            "[pytest]\ntestpaths = tests\nasyncio_mode = strict\n"
            "asyncio_default_fixture_loop_scope = function\n"
        )
    elif style == "asyncio_auto":
        if project.index % 2:
            out["setup.cfg"] = (
                "[metadata]\nname = " + pkg + "\n\n[tool:pytest]\n"
                "testpaths = tests\nasyncio_mode = auto\n"
            )
        else:
            pyproject += [
                "[tool.pytest.ini_options]", 'testpaths = ["tests"]',
                'asyncio_mode = "auto"',
                'asyncio_default_fixture_loop_scope = "function"', "",
            ]
    else:
        if project.trio_mode:
            out["tox.ini"] = "[pytest]\ntestpaths = tests\ntrio_mode = true\n"
        else:
            pyproject += [
                "[tool.pytest.ini_options]", 'testpaths = ["tests"]',
                "markers = [\"slow: slow tests\"]", "",
            ]
    out["pyproject.toml"] = "\n".join(pyproject)
    return out


# ---------------------------------------------------------------------------
# conftest files


def root_conftest(project: Project, rng: random.Random,
                  pitfall_rate: float) -> tuple[str, list[tuple[int, str]]]:
    pkg, style = project.pkg, project.style
    lines = [
        f'"""Shared fixtures for the {pkg} test suite."""', "",
        "from __future__ import annotations", "",
        "from collections.abc import AsyncIterator, Iterator", "",
        "import pytest",
    ]
    if style == "asyncio_strict" or style == "asyncio_auto":
        lines.append("import pytest_asyncio")
    lines += [
        "from fastapi import FastAPI",
        "from fastapi.testclient import TestClient",
        "from httpx import ASGITransport, AsyncClient", "",
        f"from {pkg}.db import Database",
        f"from {pkg}.deps import get_db",
        f"from {pkg}.main import create_app", "", "",
    ]
    pits: list[tuple[int, str]] = []
    if style == "anyio":
        if project.backend_params:
            lines += [
                "@pytest.fixture(",
                "    params=[",
                '        pytest.param(("asyncio", {"use_uvloop": False}), id="asyncio"),',
                '        pytest.param(("trio", {}), id="trio"),',
                "    ],",
                ")",
                "def anyio_backend(request: pytest.FixtureRequest) -> object:",
                "    return request.param", "", "",
            ]
        else:
            lines += [
                '@pytest.fixture(scope="session")',
                "def anyio_backend() -> str:",
                '    return "asyncio"', "", "",
            ]
    if style in ("asyncio_strict", "asyncio_auto") and rng.random() < pitfall_rate * 4:
        pits.append((len(lines) + 2, "event-loop-fixture-override"))
        lines += [
            '@pytest.fixture(scope="session")',
            "def event_loop() -> Iterator[asyncio.AbstractEventLoop]:",
            "    loop = asyncio.new_event_loop()",
            "    yield loop",
            "    loop.close()", "", "",
        ]
        lines.insert(lines.index("from collections.abc import AsyncIterator, Iterator"),
                     "import asyncio")
        pits = [(ln + 1, k) for ln, k in pits]
    fdeco = {"asyncio_strict": "@pytest_asyncio.fixture",
             "asyncio_auto": "@pytest_asyncio.fixture"}.get(style, "@pytest.fixture")
    lines += [
        "@pytest.fixture",
        "def app() -> FastAPI:",
        "    return create_app()", "", "",
        fdeco,
        "async def db() -> AsyncIterator[Database]:",
        "    database = Database()",
        "    await database.connect()",
        "    try:",
        "        yield database",
        "    finally:",
        "        await database.disconnect()", "", "",
        fdeco,
        "async def client(app: FastAPI, db: Database) -> AsyncIterator[AsyncClient]:",
        "    app.dependency_overrides[get_db] = lambda: db",
        "    transport = ASGITransport(app=app)",
        '    async with AsyncClient(transport=transport, base_url="http://test") as ac:',
        "        yield ac",
        "    app.dependency_overrides.clear()", "", "",
        "@pytest.fixture",
        "def sync_client(app: FastAPI) -> Iterator[TestClient]:",
        "    with TestClient(app) as test_client:",
        "        yield test_client",
    ]
    return "\n".join(lines) + "\n", pits


def nested_conftest(project: Project, entity: tuple[str, str],
                    rng: random.Random, pitfall_rate: float
                    ) -> tuple[str, list[tuple[int, str]]]:
    pkg = project.pkg
    s, p = entity
    ctx = FileCtx(project, rng, entity, False, pitfall_rate)
    deco, dimp = ctx.afixture()
    imports = {"import pytest", "from typing import Any",
               "from httpx import AsyncClient", "from collections.abc import Iterator",
               "from fastapi import FastAPI",
               f"from {pkg}.deps import get_current_user",
               f"from {pkg}.models import User"} | dimp
    body: list[str] = [
        "@pytest.fixture",
        f"def {s}_payload() -> dict[str, Any]:",
        f'    return {{"name": "{s} from conftest", "quantity": {rng.randint(1, 9)}}}',
        "", "",
        deco,
        f"async def created_{s}(",
        f"    client: AsyncClient, {s}_payload: dict[str, Any]",
        ") -> dict[str, Any]:",
        f'    response = await client.post("/{p}", json={s}_payload)',
        "    assert response.status_code == 201",
        "    data: dict[str, Any] = response.json()",
        "    return data",
        "", "",
        "@pytest.fixture",
        "def regular_user(app: FastAPI) -> Iterator[User]:",
        '    user = User(id=42, email="someone@example.com")',
        "    app.dependency_overrides[get_current_user] = lambda: user",
        "    yield user",
    ]
    pits: list[tuple[int, str]] = []
    if rng.random() < pitfall_rate * 2:
        pits.append((len(body) - 2, "overrides-not-cleared"))
    else:
        body.append("    app.dependency_overrides.pop(get_current_user, None)")
    if project.backend_params and rng.random() < pitfall_rate * 4:
        body += [
            "", "",
            '@pytest.fixture(scope="module")',
            f"async def {p}_cache() -> dict[str, Any]:",
            "    return {}",
        ]
        pits.append((len(body) - 2, "async-fixture-scope-mismatch"))
    if rng.random() < 0.4:
        body += [
            "", "",
            "@pytest.fixture(params=[1, 5, 50])",
            "def page_size(request: pytest.FixtureRequest) -> int:",
            "    value: int = request.param",
            "    return value",
        ]
    text, off = render_lines(imports, body)
    return text, [(ln + off + 1, k) for ln, k in pits]


def render_lines(imports: set[str], body: list[str]) -> tuple[str, int]:
    head = sort_imports(imports) + [""]
    return "\n".join(head + body) + "\n", len(head)


# ---------------------------------------------------------------------------
# driver


def folder_sequence(project: Project, rng: random.Random) -> Iterator[tuple[Path, tuple[str, str]]]:
    """Endless sequence of nested test folders with the entity they test."""
    depth_one: list[tuple[Path, tuple[str, str]]] = []
    for area in AREAS:
        for ent in project.entities:
            depth_one.append((Path("tests") / area / ent[1], ent))
    rng.shuffle(depth_one)
    yield Path("tests"), project.entities[0]
    for folder, ent in depth_one:
        yield folder, ent
    for sub in SUBFOLDERS:
        for folder, ent in depth_one:
            yield folder / sub, ent
    n = 0
    while True:
        n += 1
        for folder, ent in depth_one:
            yield folder / f"batch_{n:03d}", ent


def generate(out: Path, files: int, seed: int,
             pitfall_rate: float = DEFAULT_PITFALL_RATE) -> dict[str, object]:
    if files < 12:
        raise ValueError("--files must be at least 12")
    rng = random.Random(seed)
    n_projects = max(1, min(len(STYLE_CYCLE), files // 25))
    n_projects = max(n_projects, files // 400)
    budgets = [files // n_projects] * n_projects
    for i in range(files - sum(budgets)):
        budgets[i] += 1
    out.mkdir(parents=True, exist_ok=True)
    manifest_files: dict[str, list[dict[str, object]]] = {}
    written = 0
    counts = {"app": 0, "conftest": 0, "test": 0, "sync_test": 0}
    projects_meta: list[dict[str, object]] = []
    (out / ".flake8").write_text(
        "[flake8]\nmax-line-length = 100\nextend-ignore = E203\n")

    def write(path: Path, text: str, pits: list[tuple[int, str]]) -> None:
        nonlocal written
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        rel = path.relative_to(out).as_posix()
        if path.suffix == ".py":
            written += 1
        if pits:
            manifest_files[rel] = [{"line": ln, "kind": kind} for ln, kind in pits]

    for index, budget in enumerate(budgets):
        style = STYLE_CYCLE[index % len(STYLE_CYCLE)]
        base = PACKAGES[index % len(PACKAGES)]
        pkg = base if index < len(PACKAGES) else f"{base}_{index // len(PACKAGES) + 1}"
        prng = random.Random(rng.getrandbits(64))
        ents = prng.sample(list(ENTITIES), prng.randint(3, 6))
        project = Project(index, style, pkg, ents, out / f"{index:02d}_{pkg}_{style}",
                          trio_mode=(style == "trio" and index % 2 == 1),
                          backend_params=(style == "anyio" and prng.random() < 0.4))
        projects_meta.append({"dir": project.root.name, "style": style,
                              "package": pkg, "py_files": budget,
                              "trio_mode": project.trio_mode})
        for name, text in project_config(project).items():
            write(project.root / name, text, [])
        remaining = budget
        for rel, text in app_files(project).items():
            if remaining <= 0:
                break
            write(project.root / rel, text, [])
            remaining -= 1
            counts["app"] += 1
        if remaining <= 0:
            continue
        text, pits = root_conftest(project, prng, pitfall_rate)
        write(project.root / "tests" / "conftest.py", text, pits)
        counts["conftest"] += 1
        remaining -= 1
        folders = folder_sequence(project, prng)
        # test module basenames are unique per project (no __init__.py files,
        # pytest's default "prepend" import mode needs unique basenames)
        used: set[str] = set()
        while remaining > 0:
            folder, ent = next(folders)
            if folder != Path("tests") and remaining > 1 and prng.random() < 0.55:
                text, pits = nested_conftest(project, ent, prng, pitfall_rate)
                write(project.root / folder / "conftest.py", text, pits)
                counts["conftest"] += 1
                remaining -= 1
            for _ in range(min(remaining, prng.randint(2, 12))):
                sync_only = prng.random() < 0.15
                module_mark = (not sync_only and style != "asyncio_auto"
                               and not project.trio_mode and prng.random() < 0.35)
                ctx = FileCtx(project, prng, ent, module_mark, pitfall_rate)
                text, pits = make_test_module(ctx, sync_only)
                stem = prng.choice([
                    f"test_{ent[1]}", f"test_{ent[0]}_api", f"test_{ent[0]}_service",
                    f"test_{ent[1]}_permissions", f"test_{ent[0]}_validation",
                    f"test_{ent[1]}_listing", f"test_{ent[0]}_lifecycle",
                    "test_health", "test_models", "test_utils", "test_settings",
                ])
                name, k = stem, 1
                while name in used:
                    k += 1
                    name = f"{stem}_{k}"
                used.add(name)
                write(project.root / folder / f"{name}.py", text, pits)
                counts["sync_test" if sync_only else "test"] += 1
                remaining -= 1
    pitfall_count = sum(len(v) for v in manifest_files.values())
    manifest: dict[str, object] = {
        "generator": "benchmarks/generate_suite.py", "seed": seed,
        "requested_files": files, "py_files": written, "counts": counts,
        "pitfall_rate": pitfall_rate, "pitfalls_total": pitfall_count,
        "projects": projects_meta,
        "pitfalls": {k: manifest_files[k] for k in sorted(manifest_files)},
    }
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1] if __doc__ else None)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--files", type=int, required=True,
                        help="total number of .py files to write (>= 12)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pitfall-rate", type=float, default=DEFAULT_PITFALL_RATE,
                        help="probability that a block carries a pitfall "
                             f"(default {DEFAULT_PITFALL_RATE})")
    parser.add_argument("--force", action="store_true",
                        help="allow writing into a non-empty OUT_DIR")
    args = parser.parse_args(argv)
    out: Path = args.out_dir
    if out.exists() and any(out.iterdir()) and not args.force:
        parser.error(f"{out} is not empty (use --force)")
    try:
        manifest = generate(out, args.files, args.seed, args.pitfall_rate)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"wrote {manifest['py_files']} .py files to {out} "
          f"({manifest['counts']}); {manifest['pitfalls_total']} pitfalls "
          f"listed in {out / 'MANIFEST.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
