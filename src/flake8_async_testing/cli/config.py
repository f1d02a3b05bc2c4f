"""The standalone command's options: one set of names, read from three places.

Precedence: the command line, then ``[tool.flake8-async-testing]`` in the nearest ``pyproject.toml``
that has that table, then the ``[flake8]`` section of the flake8 config file flake8 itself would
read (``setup.cfg``, ``tox.ini`` or ``.flake8``, searched upwards from the working directory).
The option names are the flake8 plugin's (``async-testing-plugins``, ``async-testing-max-inferences``)
plus flake8's own ``select`` / ``extend-select`` / ``ignore`` / ``extend-ignore`` / ``exclude`` /
``extend-exclude``; in files a key may be spelled with ``-`` or ``_``.
"""

from __future__ import annotations

import configparser
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flake8_async_testing.settings import DEFAULT_MAX_INFERENCES, KNOWN_PLUGINS, Settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

PYPROJECT_TABLE = "flake8-async-testing"
FLAKE8_FILES = ("setup.cfg", "tox.ini", ".flake8")
# flake8's own default excludes, plus the folders no one wants linted.
DEFAULT_EXCLUDE = (
    ".svn",
    "CVS",
    ".bzr",
    ".hg",
    ".git",
    "__pycache__",
    ".tox",
    ".nox",
    ".eggs",
    "*.egg",
    ".venv",
    "venv",
    "build",
    "dist",
    "node_modules",
)
DEFAULT_SELECT = ("ATP",)
LIST_KEYS = ("select", "extend-select", "ignore", "extend-ignore", "exclude", "extend-exclude", "async-testing-plugins")
SCALAR_KEYS = ("async-testing-max-inferences",)
KNOWN_KEYS = frozenset((*LIST_KEYS, *SCALAR_KEYS))
PATH_KEYS = ("exclude", "extend-exclude")
CODE_PREFIX = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$", re.ASCII)
_SPLIT = re.compile(r"[,\s]+")


class ConfigError(Exception):
    """A usage error in an option or a config file (exit status 2)."""


@dataclass(frozen=True)
class Options:
    select: tuple[str, ...] = DEFAULT_SELECT
    select_explicit: bool = False
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    settings: Settings = field(default_factory=Settings)
    sources: tuple[str, ...] = ()  # the config files that were read, for messages

    @property
    def all_excludes(self) -> tuple[str, ...]:
        return (*self.exclude, *self.extend_exclude)


def split_list(value: object, key: str) -> list[str]:
    """A comma/whitespace separated string or a TOML list of strings, as a list."""
    if isinstance(value, str):
        return [item for item in _SPLIT.split(value) if item]
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return [part for item in value for part in _SPLIT.split(item) if part]
    raise ConfigError(f"{key}: expected a string or a list of strings, got {value!r}")


def _normalize_key(key: str) -> str:
    return key.strip().lower().replace("_", "-")


def _normalize_pattern(pattern: str, base: Path) -> str:
    """Like flake8: a pattern with a path separator (or ``.``) is made absolute against ``base``."""
    if pattern == "." or os.sep in pattern or (os.altsep and os.altsep in pattern):
        pattern = os.path.abspath(os.path.join(base, pattern))
    return pattern.rstrip(os.sep + (os.altsep or ""))


def _layer(raw: dict[str, Any], base: Path, where: str) -> dict[str, Any]:
    """One config source's values, normalized: lists as lists, paths absolute, unknown keys dropped."""
    layer: dict[str, Any] = {}
    for key, value in raw.items():
        name = _normalize_key(key)
        if name not in KNOWN_KEYS or value is None:
            continue
        try:
            if name in LIST_KEYS:
                items = split_list(value, name)
                if name in PATH_KEYS:
                    items = [_normalize_pattern(item, base) for item in items]
                layer[name] = items
            else:
                layer[name] = value
        except ConfigError as error:
            raise ConfigError(f"{where}: {error}") from None
    return layer


def _read_pyproject(path: Path) -> dict[str, Any] | None:
    """The ``[tool.flake8-async-testing]`` table of ``path``, or ``None`` when it has none."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError:
        return None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: malformed TOML ({error})") from None
    table = data.get("tool", {}).get(PYPROJECT_TABLE) if isinstance(data.get("tool"), dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{PYPROJECT_TABLE}] must be a table")
    return table


def _read_flake8_section(path: Path) -> dict[str, Any] | None:
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (UnicodeDecodeError, configparser.Error):
        return None  # flake8 ignores an unparseable config too
    if not parser.has_section("flake8"):
        return None
    return dict(parser.items("flake8"))


def _parents(start: Path) -> list[Path]:
    """``start`` and its parents, stopping before the home directory like flake8."""
    home = Path(os.path.expanduser("~"))
    found: list[Path] = []
    for folder in (start, *start.parents):
        if found and folder == home:
            break
        found.append(folder)
    return found


def find_pyproject(start: Path) -> tuple[Path, dict[str, Any]] | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            table = _read_pyproject(candidate)
            if table is not None:
                return candidate, table
    return None


def find_flake8_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    for folder in _parents(start):
        for name in FLAKE8_FILES:
            candidate = folder / name
            if candidate.is_file():
                section = _read_flake8_section(candidate)
                if section is not None:
                    return candidate, section
    return None


def _explicit_config(path: Path) -> tuple[Path, dict[str, Any]]:
    if not path.is_file():
        raise ConfigError(f"config file {path} not found")
    if path.suffix == ".toml":
        table = _read_pyproject(path)
        if table is None:
            raise ConfigError(f"{path} has no [tool.{PYPROJECT_TABLE}] table")
        return path, table
    section = _read_flake8_section(path)
    if section is None:
        raise ConfigError(f"{path} has no [flake8] section")
    return path, section


def file_layers(cwd: Path, config: str | None, isolated: bool) -> list[tuple[Path, dict[str, Any]]]:
    """The config sources, lowest precedence first."""
    if config is not None:
        path = Path(config)
        if not path.is_absolute():
            path = cwd / path
        found = _explicit_config(path)
        return [(found[0], _layer(found[1], found[0].parent, str(found[0])))]
    if isolated:
        return []
    layers = []
    for finder in (find_flake8_config, find_pyproject):
        source = finder(cwd)
        if source is not None:
            layers.append((source[0], _layer(source[1], source[0].parent, str(source[0]))))
    return layers


def _codes(values: list[str], key: str) -> tuple[str, ...]:
    for value in values:
        if not CODE_PREFIX.match(value):
            raise ConfigError(f"{key}: {value!r} is not a valid code prefix (like ATP or ATP101)")
    return tuple(values)


def _plugins(values: list[str]) -> frozenset[str] | None:
    names = [value.strip().lower() for value in values if value.strip()]
    if not names or names == ["auto"]:
        return None
    unknown = sorted(set(names) - set(KNOWN_PLUGINS))
    if unknown:
        choices = ", ".join((*KNOWN_PLUGINS, "auto"))
        raise ConfigError(f"async-testing-plugins: unknown plugin {', '.join(unknown)} (choose from {choices})")
    return frozenset(names)


def _max_inferences(value: object) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ConfigError(f"async-testing-max-inferences: {value!r} is not an integer") from None
    if number < 0:
        raise ConfigError(f"async-testing-max-inferences: {number} must not be negative")
    return number


def resolve_options(cli: dict[str, Any], cwd: Path, config: str | None = None, isolated: bool = False) -> Options:
    """Merge the config files and the command line (``cli``: normalized key -> value, absent = None)."""
    layers = file_layers(cwd, config, isolated)
    layers.append((Path("command line"), _layer({k: v for k, v in cli.items() if v is not None}, cwd, "command line")))
    merged: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for path, layer in layers:
        merged.update(layer)
        origin.update(dict.fromkeys(layer, str(path)))

    def check(key: str, validate: Any, default: Any) -> Any:
        if key not in merged:
            return validate(default)
        try:
            return validate(merged[key])
        except ConfigError as error:
            raise ConfigError(f"{origin[key]}: {error}") from None

    def codes(key: str, default: list[str]) -> tuple[str, ...]:
        return check(key, lambda values: _codes(values, key), default)  # type: ignore[no-any-return]

    return Options(
        select=codes("select", list(DEFAULT_SELECT)),
        select_explicit="select" in merged,
        extend_select=codes("extend-select", []),
        ignore=codes("ignore", []),
        extend_ignore=codes("extend-ignore", []),
        exclude=tuple(merged.get("exclude", DEFAULT_EXCLUDE)),
        extend_exclude=tuple(merged.get("extend-exclude", [])),
        settings=Settings(
            check("async-testing-plugins", _plugins, []),
            check("async-testing-max-inferences", _max_inferences, DEFAULT_MAX_INFERENCES),
        ),
        sources=tuple(str(path) for path, _ in layers[:-1]),
    )
