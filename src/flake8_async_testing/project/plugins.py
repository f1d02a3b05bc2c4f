"""Which async pytest plugins will run: pytest-asyncio, anyio's plugin, pytest-trio."""

from __future__ import annotations

import importlib.util
from typing import NamedTuple

from flake8_async_testing.module.model import ModuleModel
from flake8_async_testing.project.pytest_config import PytestConfig

ANYIO_CARRIERS = frozenset({"anyio", "httpx", "httpx2", "fastapi", "starlette", "litestar", "fastmcp", "mcp"})
PLUGIN_ALIASES = {
    "asyncio": frozenset({"asyncio", "pytest_asyncio", "pytest_asyncio.plugin"}),
    "anyio": frozenset({"anyio", "anyio.pytest_plugin"}),
    "trio": frozenset({"trio", "pytest_trio", "pytest_trio.plugin"}),
}


class AsyncPlugins(NamedTuple):
    """True: present; False: absent; None: cannot tell (rules that depend on it stay silent)."""

    asyncio: bool | None
    anyio: bool | None
    trio: bool | None
    # The trio library itself: anyio's default backends include trio when it is installed.
    trio_library: bool | None

    def present(self, name: str) -> bool | None:
        value: bool | None = getattr(self, name)
        return value

    @property
    def any_known_present(self) -> bool:
        return bool(self.asyncio or self.anyio or self.trio)

    @property
    def fully_known(self) -> bool:
        return None not in (self.asyncio, self.anyio, self.trio)

    def with_module_evidence(self, module: ModuleModel) -> AsyncPlugins:
        """A test module importing ``pytest_asyncio`` or ``pytest_trio`` proves the plugin is there."""
        result = self
        if self.asyncio is not True and module.imports.imports_module("pytest_asyncio"):
            result = result._replace(asyncio=True)
        if self.trio is not True and module.imports.imports_module("pytest_trio"):
            result = result._replace(trio=True)
        return result


def _spec_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def detect_plugins(
    config: PytestConfig,
    declared: set[str] | None,
    conftests: tuple[ModuleModel, ...],
    explicit: frozenset[str] | None,
) -> AsyncPlugins:
    if explicit is not None:
        return AsyncPlugins(
            asyncio="asyncio" in explicit,
            anyio="anyio" in explicit,
            trio="trio" in explicit,
            trio_library="trio" in explicit or "trio-library" in explicit,
        )
    loaded, disabled = config.plugin_switches()
    state: dict[str, bool | None] = {}
    if declared is not None:
        state["asyncio"] = "pytest-asyncio" in declared
        state["trio"] = "pytest-trio" in declared
        state["anyio"] = bool(declared & ANYIO_CARRIERS)
        trio_library: bool | None = "trio" in declared or "pytest-trio" in declared
    elif _spec_exists("pytest"):
        # flake8 runs in the test environment: ask it (a spec lookup imports nothing).
        state["asyncio"] = _spec_exists("pytest_asyncio")
        state["trio"] = _spec_exists("pytest_trio")
        state["anyio"] = _spec_exists("anyio")
        trio_library = _spec_exists("trio")
    else:
        # An isolated environment (pre-commit, pipx): nothing to go by.
        state = {"asyncio": None, "trio": None, "anyio": None}
        trio_library = None
    evidence = _evidence(config, conftests, loaded)
    for name in PLUGIN_ALIASES:
        if name in evidence:
            state[name] = True
        if disabled & PLUGIN_ALIASES[name]:
            state[name] = False
    if state.get("trio"):
        trio_library = True
    return AsyncPlugins(state["asyncio"], state["anyio"], state["trio"], trio_library)


def _evidence(config: PytestConfig, conftests: tuple[ModuleModel, ...], loaded: frozenset[str]) -> set[str]:
    """Plugins the project's own files prove are installed."""
    found: set[str] = set()
    keys = set(config.ini)
    if keys & {"asyncio_mode", "asyncio_default_fixture_loop_scope", "asyncio_default_test_loop_scope"}:
        found.add("asyncio")
    if config.option("--asyncio-mode") is not None:
        found.add("asyncio")
    if "trio_mode" in keys or "trio_run" in keys:
        found.add("trio")
    if "anyio_mode" in keys:
        found.add("anyio")
    for name, aliases in PLUGIN_ALIASES.items():
        if loaded & aliases:
            found.add(name)
    for conftest in conftests:
        if conftest.imports.imports_module("pytest_asyncio"):
            found.add("asyncio")
        if conftest.imports.imports_module("pytest_trio"):
            found.add("trio")
        for plugin in conftest.pytest_plugins:
            for name, aliases in PLUGIN_ALIASES.items():
                if plugin in aliases:
                    found.add(name)
    return found
