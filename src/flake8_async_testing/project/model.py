"""The project model of one directory: config, async settings, plugins and the conftest chain.

Built from disk once per directory per process and cached; the user's code is parsed, never run.
"""

from __future__ import annotations

import ast
import functools
import os
from pathlib import Path

from flake8_async_testing.module.model import CollectionRules, ModuleModel, build_module_model
from flake8_async_testing.module.pytest_defs import Fixture
from flake8_async_testing.project.dependencies import declared_dependencies, declared_in_folder, requirement_files
from flake8_async_testing.project.files import is_file, load_toml, module_file, parse_source, read_text
from flake8_async_testing.project.plugins import AsyncPlugins, detect_plugins
from flake8_async_testing.project.pytest_config import PytestConfig, find_config_step, find_pytest_config
from flake8_async_testing.settings import Settings

# Hooks through which a conftest or plugin can add marks, parametrize, or run coroutines itself.
COLLECTION_HOOKS = frozenset(
    {
        "pytest_collection_modifyitems",
        "pytest_itemcollected",
        "pytest_pycollect_makeitem",
        "pytest_pycollect_makemodule",
        "pytest_generate_tests",
        "pytest_collection_finish",
        "pytest_collect_file",
        "pytest_pyfunc_call",
        "pytest_runtest_call",
        "pytest_runtest_setup",
        "pytest_fixture_setup",
    }
)
# Hooks that run after pytest-asyncio has decided which items it runs: a late ``asyncio`` mark
# added there changes nothing (verified with pytest-asyncio 1.5), any other mark may.
LATE_COLLECTION_HOOKS = frozenset({"pytest_collection_modifyitems", "pytest_itemcollected", "pytest_collection_finish"})
# ``-p`` names and ``pytest_plugins`` entries known not to touch async tests.
HARMLESS_PLUGINS = frozenset(
    {
        "pytester", "pytest_mock", "xdist", "cov", "pytest_cov", "randomly", "timeout", "pytest_timeout",
        "cacheprovider", "doctest", "warnings", "logging", "faulthandler", "rerunfailures", "pytest_httpx",
        "respx", "anyio", "asyncio", "pytest_asyncio", "trio", "pytest_trio", "pytest_asyncio.plugin",
        "anyio.pytest_plugin", "pytest_trio.plugin", "sugar", "benchmark", "pytest_benchmark",
    }
)


class AsyncSettings:
    """The async plugins' settings from the pytest config (a plain class: a ``NamedTuple`` class costs a
    cold lint ~0.2 ms to build, and this one is only read by attribute)."""

    __slots__ = (
        "asyncio_mode", "asyncio_default_fixture_loop_scope", "asyncio_default_test_loop_scope", "anyio_mode",
        "trio_mode",
    )

    def __init__(
        self,
        *,
        asyncio_mode: str,
        asyncio_default_fixture_loop_scope: str | None,
        asyncio_default_test_loop_scope: str,
        anyio_mode: str,
        trio_mode: bool,
    ) -> None:
        self.asyncio_mode = asyncio_mode
        self.asyncio_default_fixture_loop_scope = asyncio_default_fixture_loop_scope
        self.asyncio_default_test_loop_scope = asyncio_default_test_loop_scope
        self.anyio_mode = anyio_mode
        self.trio_mode = trio_mode


class ProjectModel:
    """What the project around a file says: pytest config, collection rules, async settings and plugins,
    and the conftests in scope."""

    def __init__(
        self,
        *,
        directory: Path,
        config: PytestConfig,
        collection: CollectionRules,
        async_settings: AsyncSettings,
        plugins: AsyncPlugins,
        conftests: tuple[ModuleModel, ...],
        opaque_collection: bool,
        broken_conftest: bool,
    ) -> None:
        self.directory = directory
        self.config = config
        self.collection = collection
        self.async_settings = async_settings
        self.plugins = plugins
        # conftest.py files and project plugin modules, from the rootdir down to ``directory``.
        self.conftests = conftests
        # Something we cannot see through may add marks or run coroutines: marker rules stay silent.
        self.opaque_collection = opaque_collection
        self.broken_conftest = broken_conftest

    def with_module(self, module: ModuleModel) -> tuple[ModuleModel, ...]:
        """The fixture scopes for ``module`` from nearest to farthest: the module, then conftests."""
        chain = [c for c in self.conftests if c.path != module.path]
        return (module, *reversed(chain))


def _async_settings(config: PytestConfig) -> AsyncSettings:
    asyncio_mode = (config.option("--asyncio-mode") or config.value("asyncio_mode") or "strict").strip().lower()
    return AsyncSettings(
        asyncio_mode=asyncio_mode,
        asyncio_default_fixture_loop_scope=(config.value("asyncio_default_fixture_loop_scope") or "").strip() or None,
        asyncio_default_test_loop_scope=(config.value("asyncio_default_test_loop_scope") or "function").strip(),
        anyio_mode=(config.value("anyio_mode") or "strict").strip().lower(),
        trio_mode=(config.value("trio_mode") or "false").strip().lower() in ("true", "1", "yes", "on"),
    )


def _collection_rules(config: PytestConfig) -> CollectionRules:
    defaults = CollectionRules()
    return CollectionRules(
        python_files=tuple(config.values("python_files") or defaults.python_files),
        python_functions=tuple(config.values("python_functions") or defaults.python_functions),
        python_classes=tuple(config.values("python_classes") or defaults.python_classes),
    )


# Bounded caches: flake8 visits files folder by folder, so the conftest chains of a few dozen
# folders cover any run. Keeping every conftest tree of a 10,000-file suite cost 100 MiB and slowed
# every garbage collection of the run; 256 folders still held 17 MiB there (1.5x bare flake8's peak),
# 64 held 7 MiB (peak 38.8 MiB against bare 32.2), 32 hold 5 (36.9 MiB), with the same instructions
# on the 1,000-file suite and the same time on the 10,000-file one.
PROJECT_CACHE_SIZE = 32


@functools.lru_cache(maxsize=PROJECT_CACHE_SIZE)
def load_python_file(path: Path) -> ModuleModel | None:
    """A conftest or plugin module parsed from disk (cached: rules read its fixtures for every file
    below it); ``None`` when broken."""
    return read_python_module(path)


def read_python_module(path: Path, rules: CollectionRules | None = None) -> ModuleModel | None:
    """A module parsed from disk, not kept: for callers that keep only what they learn from it.
    ``rules`` say which of its functions are tests (pytest's defaults when not given)."""
    text = read_text(path)
    tree = None if text is None else parse_source(text, path)
    if tree is None:
        return None
    return build_module_model(tree, path, rules or CollectionRules(), source=text)


# Marks that make a plugin run a test even when added late.
_LATE_EFFECTIVE_MARKS = frozenset({"anyio", "trio", "usefixtures"})


def _mark_added(call: ast.Call, hook: ast.FunctionDef | ast.AsyncFunctionDef, module: ModuleModel) -> str | None:
    """The mark name in ``item.add_marker(pytest.mark.NAME...)``; ``None`` when it cannot be read."""
    if not call.args:
        return None
    target = call.args[0]
    if isinstance(target, ast.Call):
        target = target.func
    if isinstance(target, ast.Constant) and isinstance(target.value, str):
        return target.value
    qualified = module.imports.qualified_name(target, hook)
    if qualified is not None and qualified.startswith("pytest.mark.") and qualified.count(".") == 2:
        return qualified.split(".")[2]
    return None


def _late_hook_adds_effective_marks(hook: ast.FunctionDef | ast.AsyncFunctionDef, module: ModuleModel) -> bool:
    """Whether a late collection hook may add a mark that still changes how a test runs.

    An ``asyncio`` mark added there comes too late for pytest-asyncio (verified with 1.5), and
    unrelated marks (``integration``, ``slow``) change nothing for async tests.
    """
    for node in ast.walk(hook):
        if isinstance(node, ast.Attribute) and node.attr in ("own_markers", "keywords", "fixturenames", "funcargs"):
            if isinstance(node.ctx, ast.Store) or node.attr in ("fixturenames", "funcargs"):
                return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("add_marker", "applymarker"):
                name = _mark_added(node, hook, module)
                if name is None or name in _LATE_EFFECTIVE_MARKS:
                    return True
            elif node.func.attr in ("append", "extend", "insert") and isinstance(node.func.value, ast.Attribute):
                if node.func.value.attr in ("own_markers", "fixturenames"):
                    return True
    return False


def _hook_may_change_async_handling(module: ModuleModel, name: str) -> bool:
    hook = module.functions.get(name)
    if hook is None or name not in LATE_COLLECTION_HOOKS:
        return True
    return _late_hook_adds_effective_marks(hook, module)


def opaque_hooks(module: ModuleModel) -> bool:
    """Whether ``module`` defines a hook that may add marks or run coroutines in ways we cannot follow."""
    return any(_hook_may_change_async_handling(module, name) for name in module.hooks & COLLECTION_HOOKS)


def _conftest_directories(directory: Path, rootdir: Path) -> list[Path]:
    chain = [directory, *directory.parents]
    if rootdir in chain:
        return list(reversed(chain[: chain.index(rootdir) + 1]))
    return [directory]


def _project_bases(rootdir: Path) -> tuple[Path, ...]:
    return (rootdir, rootdir / "src", rootdir / "tests")


def _resolve_plugin_module(name: str, rootdir: Path) -> Path | None:
    return module_file(name, None, _project_bases(rootdir))


def _resolve_star_module(name: str, importer: Path, rootdir: Path) -> Path | None:
    """The file behind ``from NAME import *`` in ``importer``; relative names start with dots."""
    if not name.strip("."):
        return None  # ``from . import *``: not followed (the package's names stay out of sight)
    return module_file(name, importer, _project_bases(rootdir))


def _star_imported_modules(module: ModuleModel, rootdir: Path, depth: int = 0) -> tuple[list[ModuleModel], bool]:
    """Project modules whose names a conftest takes in with ``import *`` (their fixtures and hooks count)."""
    found: list[ModuleModel] = []
    opaque = False
    if module.path is None or depth > 3:
        return found, bool(module.imports.star_imports)
    for name in module.imports.star_imports:
        path = _resolve_star_module(name, module.path, rootdir)
        loaded = load_python_file(path) if path is not None else None
        if loaded is None:
            opaque = True
            continue
        nested, nested_opaque = _star_imported_modules(loaded, rootdir, depth + 1)
        found.extend([*nested, loaded])
        opaque = opaque or nested_opaque
    return found, opaque


def _plugin_modules(
    conftests: list[ModuleModel], config: PytestConfig, rootdir: Path
) -> tuple[list[ModuleModel], bool, bool]:
    """Project plugin modules named by ``pytest_plugins`` / ``-p``; (modules, opaque, broken)."""
    loaded, _disabled = config.plugin_switches()
    names = [*loaded, *(plugin for conftest in conftests for plugin in conftest.pytest_plugins)]
    opaque = any(conftest.pytest_plugins_opaque for conftest in conftests)
    broken = False
    modules: list[ModuleModel] = []
    for name in names:
        if name in HARMLESS_PLUGINS:
            continue
        path = _resolve_plugin_module(name, rootdir)
        if path is None:
            opaque = True  # an installed plugin we cannot see
            continue
        model = load_python_file(path)
        if model is None:
            broken = True
            continue
        modules.append(model)
    return modules, opaque, broken


@functools.lru_cache(maxsize=PROJECT_CACHE_SIZE)
def project_for_directory(directory: Path, settings: Settings) -> ProjectModel:
    config = find_pytest_config(directory)
    conftests: list[ModuleModel] = []
    broken = False
    star_unseen = False
    for folder in _conftest_directories(directory, config.rootdir):
        path = folder / "conftest.py"
        if not is_file(path):
            continue
        model = load_python_file(path)
        if model is None:
            broken = True
            continue
        star_modules, star_opaque = _star_imported_modules(model, config.rootdir)
        conftests.extend([*star_modules, model])
        star_unseen = star_unseen or star_opaque
    plugin_modules, opaque, plugins_broken = _plugin_modules(conftests, config, config.rootdir)
    chain = (*plugin_modules, *conftests)
    opaque = opaque or star_unseen or any(opaque_hooks(module) for module in chain)
    declared = declared_dependencies(directory, config.rootdir)
    return ProjectModel(
        directory=directory,
        config=config,
        collection=_collection_rules(config),
        async_settings=_async_settings(config),
        plugins=detect_plugins(config, declared, chain, settings.plugins),
        conftests=chain,
        opaque_collection=opaque,
        broken_conftest=broken or plugins_broken,
    )


def project_for_file(filename: str, settings: Settings) -> ProjectModel:
    """The project model for a file path as flake8 names it (a stdin display name works too)."""
    return _project_for_folder_name(os.path.dirname(os.path.abspath(filename)), settings)


@functools.lru_cache(maxsize=PROJECT_CACHE_SIZE)
def _project_for_folder_name(folder: str, settings: Settings) -> ProjectModel:
    # keyed by the string: building a ``Path`` for every file costs more than the lookup it feeds
    return project_for_directory(Path(folder), settings)


def clear_project_caches() -> None:
    """Forget everything read from disk in this process (for tests that lint, change files, lint again)."""
    for cached in (
        _project_for_folder_name, project_for_directory, load_python_file, find_config_step, declared_in_folder,
        requirement_files, load_toml,
    ):
        cached.cache_clear()


def resolve_fixture(name: str, scopes: tuple[ModuleModel, ...]) -> Fixture | None:
    """The fixture ``name`` as pytest would pick it: nearest module first."""
    for scope in scopes:
        if name in scope.fixtures:
            return scope.fixtures[name]
    return None


def name_is_imported_fixture(name: str, scopes: tuple[ModuleModel, ...]) -> bool:
    """A fixture brought into a conftest or module by import: its definition is out of sight."""
    return any(name in scope.imports.module_scope and name not in scope.fixtures for scope in scopes)
