"""The project search (config file, declared dependencies) answers per folder, whichever folder asks first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flake8_async_testing.project.dependencies import declared_dependencies, requirement_files
from flake8_async_testing.project.model import clear_project_caches
from flake8_async_testing.project.pytest_config import find_pytest_config


@pytest.fixture(autouse=True)
def _cold_caches() -> Iterator[None]:
    clear_project_caches()
    yield
    clear_project_caches()


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _config_of(folder: Path) -> tuple[Path | None, Path]:
    config = find_pytest_config(folder)
    return config.path, config.rootdir


@pytest.mark.parametrize("deep_first", [True, False])
def test_a_config_above_a_pyproject_without_pytest_settings_wins(tmp_path: Path, deep_first: bool) -> None:
    root = _tree(
        tmp_path,
        {
            "pytest.ini": "[pytest]\nasyncio_mode = auto\n",
            "a/pyproject.toml": "[project]\nname = 'a'\n",
            "a/b/test_x.py": "",
            "c/test_y.py": "",
        },
    )
    folders = [root / "a" / "b", root / "a", root / "c", root]
    for folder in folders if deep_first else list(reversed(folders)):
        assert _config_of(folder) == (root / "pytest.ini", root)
    assert find_pytest_config(root / "a" / "b").value("asyncio_mode") == "auto"


@pytest.mark.parametrize("deep_first", [True, False])
def test_without_a_config_the_nearest_pyproject_then_the_nearest_root_marker(tmp_path: Path, deep_first: bool) -> None:
    root = _tree(
        tmp_path,
        {
            "setup.py": "",
            "a/pyproject.toml": "[project]\nname = 'a'\n",
            "a/b/test_x.py": "",
            "c/d/test_y.py": "",
        },
    )
    expected = {
        root / "a" / "b": (root / "a" / "pyproject.toml", root / "a"),
        root / "a": (root / "a" / "pyproject.toml", root / "a"),
        root / "c" / "d": (None, root),  # setup.py marks the root; no config file anywhere above
    }
    for folder in expected if deep_first else list(reversed(expected)):
        assert _config_of(folder) == expected[folder]


def test_declared_dependencies_are_those_between_the_folder_and_the_rootdir(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "pytest.ini": "[pytest]\n",
            "requirements.txt": "httpx==0.27\n",
            "a/pyproject.toml": "[project]\nname = 'a'\ndependencies = ['anyio>=4']\n",
            "a/b/test_x.py": "",
            "c/test_y.py": "",
        },
    )
    assert declared_dependencies(root / "a" / "b", root) == {"httpx", "anyio"}
    assert declared_dependencies(root / "c", root) == {"httpx"}
    assert declared_dependencies(root / "a", root / "a") == {"anyio"}
    assert declared_dependencies(tmp_path / "c", tmp_path / "c") is None


def test_requirement_files_are_found_by_each_pattern_in_order(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "requirements.txt": "", "requirements-dev.txt": "", "test-requirements.txt": "",
            "requirements/base.txt": "", "requirements/notes.md": "", "requirements.in": "", "README.md": "",
        },
    )
    (root / "requirements-docs.txt").mkdir()  # a folder, not a file
    names = [path.relative_to(root).as_posix() for path in requirement_files(root)]
    assert names == [
        "requirements-dev.txt", "requirements.txt",  # requirements*.txt
        "requirements.txt", "test-requirements.txt",  # *requirements.txt
        "requirements/base.txt",  # requirements/*.txt
        "requirements.in",  # requirements*.in
    ]
