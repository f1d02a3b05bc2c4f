"""Declared version specifiers of one package (requirements files, pyproject tables).

Only answers "does every declaration pin the package below a given major version?"; anything
unparsable counts as "not pinned below" (unknown), so rules that need an old version stay silent.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from flake8_async_testing.project.dependencies import directories_to_rootdir, normalise, requirement_files
from flake8_async_testing.project.files import is_file, load_toml, read_text

_SPEC = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?P<spec>[^;#]*)")
_CLAUSE = re.compile(r"^\s*(?P<op>~=|==|!=|<=|>=|<|>|===)\s*(?P<version>[0-9][0-9A-Za-z.*+!-]*)\s*$")


def _version_tuple(text: str) -> tuple[int, ...] | None:
    parts: list[int] = []
    for piece in text.split("."):
        match = re.match(r"^(\d+)", piece)
        if match is None:
            break
        parts.append(int(match.group(1)))
        if match.group(1) != piece:
            break
    return tuple(parts) if parts else None


def _next_release(parsed: tuple[int, ...], kept: int) -> tuple[int, ...]:
    """The first version past ``parsed`` once only its first ``kept`` parts stay fixed."""
    kept = max(1, min(kept, len(parsed)))
    return (*parsed[: kept - 1], parsed[kept - 1] + 1)


def _caret_upper(parsed: tuple[int, ...]) -> tuple[int, ...]:
    """Poetry's ``^X.Y.Z``: below the next release of the first non-zero part."""
    for index, part in enumerate(parsed):
        if part != 0:
            return _next_release(parsed, index + 1)
    return _next_release(parsed, len(parsed))


def spec_below(spec: str, bound: int | tuple[int, ...]) -> bool:
    """Whether ``spec`` (``<0.23``, ``==0.21.1``, ``~=0.21.0``, Poetry's ``^0.23``) admits only
    versions below ``bound`` (a major version, or a version tuple such as ``(0, 27)``)."""
    limit = (bound,) if isinstance(bound, int) else bound
    for clause in spec.split(","):
        caret = re.match(r"^\s*\^\s*(?P<version>[0-9][0-9.]*)\s*$", clause)
        if caret is not None:
            parsed = _version_tuple(caret["version"])
            if parsed is not None and _caret_upper(parsed) <= limit:
                return True
            continue
        match = _CLAUSE.match(clause)
        if match is None:
            continue
        op, version = match["op"], match["version"]
        parsed = _version_tuple(version.replace("*", "0"))
        if parsed is None:
            continue
        if op in ("==", "===") and "*" not in version and parsed < limit:
            return True
        if op in ("==", "===") and "*" in version:
            fixed_parts = version[: version.index("*")].count(".")
            if _next_release(parsed, fixed_parts) <= limit:
                return True
        if op == "<" and parsed <= limit:
            return True
        if op == "<=" and parsed < limit:
            return True
        if op == "~=" and len(parsed) >= 2 and _next_release(parsed, len(parsed) - 1) <= limit:
            return True
    return False


def _specs_in_list(specs: Any, package: str) -> list[str]:
    found: list[str] = []
    if not isinstance(specs, list):
        return found
    for item in specs:
        if isinstance(item, str):
            match = _SPEC.match(item)
            if match and normalise(match.group(1)) == package:
                found.append(match["spec"].strip())
    return found


def _pyproject_specs(path: Path, package: str) -> list[str]:
    data = load_toml(path)
    if not isinstance(data, dict):
        return []
    found: list[str] = []
    project = data.get("project")
    if isinstance(project, dict):
        found += _specs_in_list(project.get("dependencies"), package)
        optional = project.get("optional-dependencies")
        if isinstance(optional, dict):
            for specs in optional.values():
                found += _specs_in_list(specs, package)
    groups = data.get("dependency-groups")
    if isinstance(groups, dict):
        for specs in groups.values():
            found += _specs_in_list(specs, package)
    tool = data.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    if isinstance(poetry, dict):
        tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
        poetry_groups = poetry.get("group")
        if isinstance(poetry_groups, dict):
            tables += [g.get("dependencies") for g in poetry_groups.values() if isinstance(g, dict)]
        for table in tables:
            if isinstance(table, dict):
                for key, value in table.items():
                    if normalise(str(key)) == package:
                        if isinstance(value, dict):
                            value = value.get("version")
                        found.append(str(value) if isinstance(value, str) else "")
    return found


def _requirements_specs(path: Path, package: str) -> list[str]:
    text = read_text(path)
    if text is None:
        return []
    lines = [raw.split("#", 1)[0].strip() for raw in text.splitlines()]
    return _specs_in_list([line for line in lines if line and not line.startswith("-")], package)


@functools.lru_cache(maxsize=256)
def declared_specs(start: Path, rootdir: Path, package: str) -> tuple[str, ...]:
    """Every specifier declared for ``package`` between ``start`` and ``rootdir`` ('' when bare)."""
    package = normalise(package)
    found: list[str] = []
    for directory in directories_to_rootdir(start, rootdir):
        for requirements in requirement_files(directory):
            found += _requirements_specs(requirements, package)
        candidate = directory / "pyproject.toml"
        if is_file(candidate):
            found += _pyproject_specs(candidate, package)
    return tuple(found)


@functools.lru_cache(maxsize=1024)
def pinned_below(start: Path, rootdir: Path, package: str, bound: int | tuple[int, ...]) -> bool:
    """True only when ``package`` is declared and every declaration admits only versions below ``bound``."""
    specs = declared_specs(start, rootdir, package)
    return bool(specs) and all(spec_below(spec, bound) for spec in specs)
