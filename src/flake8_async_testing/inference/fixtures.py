"""Which fixtures a test or fixture ends up requesting, as far as the project's files show."""

from __future__ import annotations


from flake8_async_testing.module.model import ModuleModel, CollectedTest
from flake8_async_testing.module.pytest_defs import Fixture
from flake8_async_testing.module.walk import string_items

# Fixtures of pytest itself and of common plugins; none of them requests ``anyio_backend``.
BUILTIN_FIXTURES = frozenset(
    {
        "request", "tmp_path", "tmp_path_factory", "tmpdir", "tmpdir_factory", "monkeypatch", "capsys",
        "capsysbinary", "capfd", "capfdbinary", "caplog", "recwarn", "pytestconfig", "record_property",
        "record_xml_attribute", "record_testsuite_property", "doctest_namespace", "cache", "testdir",
        "pytester", "subtests", "anyio_backend", "anyio_backend_name", "anyio_backend_options",
        "free_tcp_port", "free_udp_port", "free_tcp_port_factory", "free_udp_port_factory",
        "event_loop_policy", "unused_tcp_port", "unused_tcp_port_factory", "unused_udp_port",
        "unused_udp_port_factory", "mocker", "class_mocker", "module_mocker", "package_mocker",
        "session_mocker", "httpx_mock", "respx_mock", "nursery", "autojump_clock", "mock_clock",
        "benchmark", "faker", "snapshot", "freezer", "worker_id", "testrun_uid",
    }
)


class Closure:
    """The fixture names reachable from a test; ``complete`` is False when some are out of sight."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.fixtures: list[Fixture] = []
        self.complete = True


def _lookup(name: str, class_fixtures: dict[str, Fixture], scopes: tuple[ModuleModel, ...]) -> Fixture | None:
    if name in class_fixtures:
        return class_fixtures[name]
    for scope in scopes:
        if name in scope.fixtures:
            return scope.fixtures[name]
    return None


def autouse_fixtures(scopes: tuple[ModuleModel, ...], class_fixtures: dict[str, Fixture]) -> list[Fixture]:
    found: dict[str, Fixture] = {}
    for fixture in class_fixtures.values():
        if fixture.autouse:
            found.setdefault(fixture.name, fixture)
    for scope in scopes:
        for fixture in scope.autouse_fixtures:
            found.setdefault(fixture.name, fixture)
    return list(found.values())


def closure_of_names(
    start: set[str], scopes: tuple[ModuleModel, ...], class_fixtures: dict[str, Fixture] | None = None,
    direct_params: set[str] | None = None,
) -> Closure:
    class_fixtures = class_fixtures or {}
    direct_params = direct_params or set()
    result = Closure()
    pending = list(start)
    while pending:
        name = pending.pop()
        if name in result.names:
            continue
        result.names.add(name)
        fixture = _lookup(name, class_fixtures, scopes)
        if fixture is None:
            if name not in direct_params and name not in BUILTIN_FIXTURES:
                # defined out of sight: imported, star-imported, or from an installed plugin
                result.complete = False
            continue
        result.fixtures.append(fixture)
        pending.extend(arg for arg in fixture.argnames if arg != name)
    return result


def closure_for_test(test: CollectedTest, scopes: tuple[ModuleModel, ...]) -> Closure:
    """Every fixture ``test`` requests directly, through autouse fixtures, or transitively."""
    direct = test.requested_fixtures()
    autouse = {fixture.name for fixture in autouse_fixtures(scopes, test.class_fixtures)}
    parametrized = {
        name
        for mark in test.marks.named("parametrize")
        for name in string_items(mark.arg(0) or mark.keyword("argnames")) or []
    }
    return closure_of_names(direct | autouse, scopes, test.class_fixtures, parametrized)
