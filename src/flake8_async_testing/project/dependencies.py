"""The project's declared dependencies: pyproject tables, requirements files, setup.cfg, tox.ini."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any


from flake8_async_testing.project.files import is_file, load_toml, read_text

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_REQUIREMENT_GLOBS = ("requirements*.txt", "*requirements.txt", "requirements/*.txt", "requirements*.in")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _names_from_specs(specs: Any) -> set[str]:
    names: set[str] = set()
    if not isinstance(specs, list):
        return names
    for spec in specs:
        if isinstance(spec, str):
            match = _NAME.match(spec)
            if match:
                names.add(normalise(match.group(1)))
    return names


def _table(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _pyproject_names(path: Path) -> set[str] | None:
    data = load_toml(path)
    if data is None:
        return None
    names: set[str] = set()
    found = False
    project = _table(data, "project")
    if isinstance(project, dict) and "dependencies" in project:
        found = True
        names |= _names_from_specs(project.get("dependencies"))
    for group_table in (_table(data, "project", "optional-dependencies"), _table(data, "dependency-groups"),
                        _table(data, "tool", "pdm", "dev-dependencies")):
        if isinstance(group_table, dict):
            found = True
            for specs in group_table.values():
                names |= _names_from_specs(specs)
    uv_dev = _table(data, "tool", "uv", "dev-dependencies")
    if isinstance(uv_dev, list):
        found = True
        names |= _names_from_specs(uv_dev)
    poetry = _table(data, "tool", "poetry")
    if isinstance(poetry, dict):
        tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
        groups = poetry.get("group")
        if isinstance(groups, dict):
            tables.extend(_table(group, "dependencies") for group in groups.values())
        for table in tables:
            if isinstance(table, dict):
                found = True
                names |= {normalise(key) for key in table}
    hatch_envs = _table(data, "tool", "hatch", "envs")
    if isinstance(hatch_envs, dict):
        for env in hatch_envs.values():
            for key in ("dependencies", "extra-dependencies"):
                specs = _table(env, key)
                if isinstance(specs, list):
                    found = True
                    names |= _names_from_specs(specs)
    return names if found else None


def _requirements_names(path: Path, seen: set[Path]) -> set[str]:
    if path in seen or len(seen) > 50:
        return set()
    seen.add(path)
    text = read_text(path)
    if text is None:
        return set()
    names: set[str] = set()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith(("-r ", "--requirement ", "-c ")):
            included = path.parent / line.split(None, 1)[1].strip()
            if is_file(included):
                names |= _requirements_names(included, seen)
            continue
        if line.startswith("-"):
            continue
        match = _NAME.match(line)
        if match:
            names.add(normalise(match.group(1)))
    return names


def _ini_names(path: Path) -> set[str] | None:
    text = read_text(path)
    if text is None:
        return None
    import iniconfig  # only when an ini-style file exists: off the start-up path

    try:
        parsed = iniconfig.IniConfig(str(path), data=text)
    except iniconfig.ParseError:
        return None
    names: set[str] = set()
    found = False
    for section in parsed:
        for key, value in section.items():
            relevant = (
                (path.name == "setup.cfg" and section.name == "options" and key == "install_requires")
                or (path.name == "setup.cfg" and section.name == "options.extras_require")
                or (path.name == "tox.ini" and section.name.startswith("testenv") and key == "deps")
            )
            if relevant:
                found = True
                names |= _names_from_specs(value.splitlines())
    return names if found else None


def directories_to_rootdir(start: Path, rootdir: Path) -> list[Path]:
    """``start`` and its parents up to ``rootdir`` (only ``start`` when it is outside the rootdir)."""
    directories = [start, *start.parents]
    if rootdir in directories:
        return directories[: directories.index(rootdir) + 1]
    return [start]


@functools.lru_cache(maxsize=1024)
def requirement_files(directory: Path) -> tuple[Path, ...]:
    """The requirements files in one folder (``requirements*.txt``, ``requirements/*.txt``, ...), once per process."""
    found: list[Path] = []
    names = _sorted_names(directory)  # one listing for the four patterns, not one ``glob`` each
    for pattern in _REQUIREMENT_GLOBS:
        folder, _, name_pattern = pattern.rpartition("/")
        if not folder:
            base, listed = directory, names
        elif folder in names:
            base = directory / folder
            listed = _sorted_names(base)
        else:
            continue
        found.extend(path for name in listed if _matches_one_star(name, name_pattern) and is_file(path := base / name))
    return tuple(found)


def _matches_one_star(name: str, pattern: str) -> bool:
    """``fnmatchcase(name, pattern)`` for a pattern with one ``*`` and no other wildcard, without compiling
    a regular expression per pattern (a cold editor lint would pay for four)."""
    prefix, _, suffix = pattern.partition("*")
    return len(name) >= len(prefix) + len(suffix) and name.startswith(prefix) and name.endswith(suffix)


def _sorted_names(directory: Path) -> list[str]:
    try:
        return sorted(os.listdir(directory))
    except (OSError, ValueError):
        return []


def declared_dependencies(start: Path, rootdir: Path) -> set[str] | None:
    """Every package name declared between ``start`` and ``rootdir``; ``None`` when nothing declares any."""
    names: set[str] = set()
    found = False
    for directory in directories_to_rootdir(start, rootdir):
        declares, declared = declared_in_folder(directory)
        found = found or declares
        names |= declared
    return names if found else None


@functools.lru_cache(maxsize=1024)
def declared_in_folder(directory: Path) -> tuple[bool, frozenset[str]]:
    """Whether one folder declares dependencies (requirements files, ``pyproject.toml``, ``setup.cfg``,
    ``tox.ini``), and the names; once per folder per process, since sibling folders share parents."""
    names: set[str] = set()
    found = False
    seen: set[Path] = set()
    for requirements in requirement_files(directory):
        found = True
        names |= _requirements_names(requirements, seen)
    for name, reader in (("pyproject.toml", _pyproject_names), ("setup.cfg", _ini_names), ("tox.ini", _ini_names)):
        candidate = directory / name
        if is_file(candidate):
            result = reader(candidate)
            if result is not None:
                found = True
                names |= result
    return found, frozenset(names)
