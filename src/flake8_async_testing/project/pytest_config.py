"""pytest's configuration, found the way pytest finds it (nearest config file walking up)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any


from flake8_async_testing.project.diagnostics import warn_once
from flake8_async_testing.project.files import exists, is_file, load_toml, read_text

# pytest 9's search order within one directory.
CONFIG_NAMES = ("pytest.toml", ".pytest.toml", "pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg")
# Files that mark a project's root when no config file exists.
ROOT_MARKERS = ("setup.py", ".git", ".hg")


class PytestConfig:
    """The settings of one pytest config file (empty when there is none)."""

    def __init__(
        self,
        path: Path | None,
        rootdir: Path,
        ini: dict[str, str | list[str]] | None = None,
        addopts: tuple[str, ...] = (),
        broken: bool = False,
    ) -> None:
        self.path = path
        self.rootdir = rootdir
        self.ini: dict[str, str | list[str]] = {} if ini is None else ini
        self.addopts = addopts
        self.broken = broken

    def value(self, key: str) -> str | None:
        """An ini value as pytest would see it, ``-o key=value`` in addopts winning."""
        override = _override_from_addopts(self.addopts, key)
        if override is not None:
            return override
        raw = self.ini.get(key)
        if raw is None:
            return None
        if isinstance(raw, list):
            return " ".join(raw)
        return raw

    def values(self, key: str) -> list[str] | None:
        """A list-valued ini setting (``python_files`` ...), split like pytest splits it."""
        raw = self.ini.get(key)
        if raw is None:
            return None
        if isinstance(raw, list):
            return [item for item in raw if item]
        return raw.split()

    def option(self, name: str) -> str | None:
        """The value of a long option in addopts: ``--asyncio-mode=auto`` or ``--asyncio-mode auto``."""
        found: str | None = None
        args = self.addopts
        for index, arg in enumerate(args):
            if arg.startswith(name + "="):
                found = arg[len(name) + 1 :]
            elif arg == name and index + 1 < len(args):
                found = args[index + 1]
        return found

    def plugin_switches(self) -> tuple[frozenset[str], frozenset[str]]:
        """Plugins named by ``-p NAME`` in addopts: (loaded, disabled with ``no:``)."""
        loaded: set[str] = set()
        disabled: set[str] = set()
        args = self.addopts
        for index, arg in enumerate(args):
            if arg == "-p" and index + 1 < len(args):
                value = args[index + 1]
            elif arg.startswith("-p") and len(arg) > 2:
                value = arg[2:]
            else:
                continue
            if value.startswith("no:"):
                disabled.add(value[3:])
            else:
                loaded.add(value)
        return frozenset(loaded), frozenset(disabled)


def _override_from_addopts(addopts: tuple[str, ...], key: str) -> str | None:
    found: str | None = None
    for index, arg in enumerate(addopts):
        if arg in ("-o", "--override-ini") and index + 1 < len(addopts):
            text = addopts[index + 1]
        elif arg.startswith("--override-ini="):
            text = arg[len("--override-ini=") :]
        elif arg.startswith("-o") and len(arg) > 2:
            text = arg[2:]
        else:
            continue
        name, sep, value = text.partition("=")
        if sep and name.strip() == key:
            found = value.strip()
    return found


def _normalise(value: Any) -> str | list[str]:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value)


def _split_addopts(value: str | list[str] | None, origin: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(value)
    try:
        import shlex  # off the start-up path

        return tuple(shlex.split(value))
    except ValueError:
        warn_once(f"{origin}: addopts cannot be split into arguments; it is ignored")
        return ()


def _read_toml_section(path: Path) -> dict[str, Any] | None:
    """The pytest table of a TOML config file, ``None`` when the file holds none."""
    data = load_toml(path)
    if data is None:
        return None
    if path.name in ("pytest.toml", ".pytest.toml"):
        table = data.get("pytest", {})
        return table if isinstance(table, dict) else {}
    tool = data.get("tool")
    if not isinstance(tool, dict):
        return None
    pytest_table = tool.get("pytest")
    if not isinstance(pytest_table, dict):
        return None
    ini_options = pytest_table.get("ini_options")
    if isinstance(ini_options, dict):
        return ini_options
    native = {key: value for key, value in pytest_table.items() if key != "ini_options"}
    return native or None


def _read_ini_section(path: Path) -> dict[str, Any] | None:
    """The pytest section of an ini-style file; ``{}`` for a ``pytest.ini`` without one."""
    text = read_text(path)
    if text is None:
        return None
    import iniconfig  # only when an ini-style file exists: off the start-up path

    try:
        parsed = iniconfig.IniConfig(str(path), data=text)
    except iniconfig.ParseError as error:
        warn_once(f"{path}: malformed ini file ({error}); its settings are ignored")
        return {} if path.name in ("pytest.ini", ".pytest.ini") else None
    section = "tool:pytest" if path.name == "setup.cfg" else "pytest"
    if section in parsed:
        return dict(parsed[section].items())
    if path.name in ("pytest.ini", ".pytest.ini"):
        return {}
    return None


def _read_config_file(path: Path) -> dict[str, Any] | None:
    if path.suffix == ".toml":
        return _read_toml_section(path)
    return _read_ini_section(path)


def _as_config(path: Path, section: dict[str, Any]) -> PytestConfig:
    ini = {str(key): _normalise(value) for key, value in section.items()}
    addopts = _split_addopts(ini.pop("addopts", None), path)
    return PytestConfig(path=path, rootdir=path.parent, ini=ini, addopts=addopts)


def find_pytest_config(start: Path) -> PytestConfig:
    """The config pytest would use for tests in ``start`` (a directory)."""
    first_pyproject: Path | None = None
    first_root_marker: Path | None = None
    for directory in (start, *start.parents):
        config, pyproject, has_root_marker = find_config_step(directory)
        if config is not None:
            return config
        if first_pyproject is None:
            first_pyproject = pyproject
        if first_root_marker is None and has_root_marker:
            first_root_marker = directory
    if first_pyproject is not None:
        # pytest >= 8.1 takes the first pyproject.toml as the config file even without a pytest table.
        return PytestConfig(path=first_pyproject, rootdir=first_pyproject.parent)
    return PytestConfig(path=None, rootdir=first_root_marker or start)


@functools.lru_cache(maxsize=1024)
def find_config_step(directory: Path) -> tuple[PytestConfig | None, Path | None, bool]:
    """What one folder adds to the search: its config file with pytest settings, else its
    ``pyproject.toml`` (without them) and whether it has a root marker. Once per folder per process:
    the folders of a test suite share their parents, and each of them searches all the way up."""
    pyproject: Path | None = None
    for name in CONFIG_NAMES:
        candidate = directory / name
        if not is_file(candidate):
            continue
        section = _read_config_file(candidate)
        if section is not None:
            return _as_config(candidate, section), None, False
        if name == "pyproject.toml":
            pyproject = candidate
    return None, pyproject, any(exists(directory / marker) for marker in ROOT_MARKERS)
