"""Robustness: never crash, never run the user's code, bounded work, same answer every way.

Fast tests run by default. The slow sweeps are marked ``slow`` and deselected by pyproject's
``addopts``; run them with ``python -m pytest -m slow`` (``ATP_ROBUSTNESS_EXAMPLES=5000`` raises the
number of generated programs of the long property runs).

"Internal error" lines (the engine's containment of a failing rule or model) count as failures
here: containment keeps the user's flake8 run alive, but it hides a bug.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import io
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from flake8 import utils as flake8_utils
from flake8.main import cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flake8_async_testing.engine import lint_tree
from flake8_async_testing.inference.astroid_bridge import Inference
from flake8_async_testing.inference.import_guard import no_project_imports
from flake8_async_testing.project import diagnostics
from flake8_async_testing.project.files import MAX_READ_BYTES
from flake8_async_testing.project.model import clear_project_caches
from flake8_async_testing.rules.base import Finding
from flake8_async_testing.settings import Settings
from tests.flake8_runner import DATA, parse_output, write_project

SETTINGS = Settings()
ACTIVE_CONFIG = {
    "pytest.ini": "[pytest]\n",
    "requirements.txt": "pytest\npytest-asyncio\nanyio\npytest-trio\nfastapi\nhttpx\ntrio\n",
}
UNMARKED = "async def test_unmarked():\n    pass\n"
LONG_EXAMPLES = int(os.environ.get("ATP_ROBUSTNESS_EXAMPLES", "1000"))


# --------------------------------------------------------------------------------------------
# helpers


@contextlib.contextmanager
def _stderr_checked() -> Iterator[io.StringIO]:
    """Collect the plugin's stderr (each message fresh, not deduplicated away) and fail on crashes."""
    saved = diagnostics._already_said
    diagnostics._already_said = set()
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stderr(buffer):
            yield buffer
    finally:
        diagnostics._already_said = saved
    _assert_clean(buffer.getvalue())


def _assert_clean(stderr: str) -> None:
    assert "internal error" not in stderr, stderr
    assert "Traceback" not in stderr, stderr


def _lint_source(path: Path, source: str, settings: Settings = SETTINGS) -> list[Finding] | None:
    """lint_tree on ``source`` as if it were the file ``path`` (None when Python rejects it)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return lint_tree(tree, str(path), settings, source)


def _lint_file(path: Path, settings: Settings = SETTINGS) -> list[Finding] | None:
    try:
        source = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return _lint_source(path, source, settings)


def _flake8(capsys: pytest.CaptureFixture[str], cwd: Path, *args: str) -> tuple[list[tuple[str, int, str]], str]:
    """flake8's real CLI in this process; (ATP findings as (path, line, code), stderr)."""
    capsys.readouterr()
    saved = diagnostics._already_said
    diagnostics._already_said = set()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        cli.main(["--isolated", "--select", "ATP,E999,E902", *args])
    finally:
        os.chdir(old)
        diagnostics._already_said = saved
    captured = capsys.readouterr()
    _assert_clean(captured.err)
    return [(os.path.normpath(r.path), r.line, r.code) for r in parse_output(captured.out)], captured.err


def _fresh_caches() -> None:
    clear_project_caches()


def _subprocess_flake8(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", *args],
        input=stdin, capture_output=True, text=True, cwd=cwd, timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    _assert_clean(result.stderr)
    return result


# --------------------------------------------------------------------------------------------
# property-based: programs from Python's grammar (hypothesmith)


def _lint_generated(source: str, as_name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_project(Path(tmp), {**ACTIVE_CONFIG, as_name: source})
        if as_name == "conftest.py":
            # The conftest is read from disk as part of a test module's project; lint both.
            write_project(root, {"test_user.py": UNMARKED})
            with _stderr_checked():
                _lint_file(root / "test_user.py")
        with _stderr_checked():
            _lint_source(root / as_name, source)


@functools.lru_cache(maxsize=1)
def _grammar_strategy() -> st.SearchStrategy[str]:
    import hypothesmith  # building its grammar takes seconds: only when a test draws from it

    return hypothesmith.from_grammar()


def _hypothesmith_programs() -> st.SearchStrategy[str]:
    return st.deferred(lambda: _grammar_strategy())


FAST = settings(
    max_examples=100, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
LONG = settings(FAST, max_examples=LONG_EXAMPLES)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")
@FAST
@given(source=_hypothesmith_programs(), as_name=st.sampled_from(["test_gen.py", "conftest.py"]))
def test_generated_programs_never_crash(source: str, as_name: str) -> None:
    _lint_generated(source, as_name)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")
@pytest.mark.slow
@LONG
@given(source=_hypothesmith_programs(), as_name=st.sampled_from(["test_gen.py", "conftest.py", "helpers_test.py"]))
def test_generated_programs_never_crash_long(source: str, as_name: str) -> None:
    _lint_generated(source, as_name)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")
@settings(FAST, max_examples=8)
@given(source=_hypothesmith_programs())
def test_generated_programs_through_real_flake8(source: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_project(Path(tmp), {**ACTIVE_CONFIG, "test_gen.py": source})
        err = io.StringIO()
        old = os.getcwd()
        os.chdir(root)
        saved = diagnostics._already_said
        diagnostics._already_said = set()
        try:
            # findings go to a file: flake8 writes bytes to ``sys.stdout.buffer``, which a redirect has not
            # (a program the tokenizer rejects gets an E999 line)
            with contextlib.redirect_stderr(err):
                cli.main(["--isolated", "-j1", "--select", "ATP,E999", f"--output-file={Path(tmp) / 'out.txt'}", "."])
        finally:
            os.chdir(old)
            diagnostics._already_said = saved
        _assert_clean(err.getvalue())


# --------------------------------------------------------------------------------------------
# property-based: async test modules built from the pieces the rules look at

IMPORTS = [
    "import pytest", "import pytest_asyncio", "import asyncio", "import anyio", "import trio", "import httpx",
    "from fastapi.testclient import TestClient", "from starlette.testclient import TestClient as TC",
    "from fastapi import FastAPI", "from app import app, create_app, get_db", "from pytest_asyncio import fixture",
    "import pytest as pt", "from pytest import mark, fixture as fx", "from httpx import AsyncClient, ASGITransport",
    "from . import helpers", "from .conftest import *", "import starlette.testclient",
]
MARKS = [
    "@pytest.mark.asyncio", "@pytest.mark.anyio", "@pytest.mark.trio", "@pytest.mark.asyncio(loop_scope='module')",
    "@pytest.mark.asyncio(loop_scope='session')", "@pytest.mark.asyncio(scope='class')",
    "@pytest.mark.parametrize('a', [1, 2])", "@pytest.mark.parametrize('anyio_backend', ['asyncio', 'trio'])",
    "@pytest.mark.usefixtures('client', 'override')", "@pytest.mark.skip", "@mark.asyncio", "@pt.mark.anyio",
    "@pytest.mark.asycnio", "@MARK", "@pytest.mark.anyio()", "@decorator(*args)", "@(lambda f: f)",
    "@pytest.mark.parametrize(*PARAMS)", "@pytest.mark.usefixtures(*NAMES)",
]
FIXTURE_DECORATORS = [
    "@pytest.fixture", "@pytest.fixture()", "@pytest.fixture(scope='session')", "@pytest.fixture(scope='module')",
    "@pytest.fixture(scope=SCOPE)", "@pytest.fixture(autouse=True)", "@pytest.fixture(params=['asyncio', 'trio'])",
    "@pytest_asyncio.fixture", "@pytest_asyncio.fixture(scope='session')",
    "@pytest_asyncio.fixture(loop_scope='session', scope='session')", "@fixture", "@fx(name='renamed')",
    "@pytest.fixture(scope=lambda fixture_name, config: 'session')", "@pytest.fixture(**OPTIONS)",
]
STATEMENTS = [
    "pass", "return app", "yield", "yield client", "return TestClient(app)", "return create_app()",
    "client = TestClient(app)", "client = TC(create_app())", "client = TestClient(*args, **kwargs)",
    "with TestClient(app) as client:\n    yield client",
    "async with AsyncClient(transport=ASGITransport(app=app), base_url='http://t') as c:\n    yield c",
    "async with httpx.AsyncClient(app=app) as c:\n    await c.get('/')",
    "app.dependency_overrides[get_db] = lambda: None", "app.dependency_overrides.update({get_db: lambda: 1})",
    "app.dependency_overrides.clear()", "app.dependency_overrides = {}",
    "asyncio.run(main())", "loop = asyncio.get_event_loop()", "loop = asyncio.new_event_loop()",
    "anyio.run(main)", "trio.run(main)", "await asyncio.sleep(0)", "lock = asyncio.Lock()",
    "queue = asyncio.Queue()", "event = anyio.Event()", "x = client.get('/')", "x = await client.get('/')",
    "response = client.post('/', json={})", "assert (await c.get('/')).status_code == 200",
    "nonlocal_value = (lambda: TestClient(app))()", "del app.dependency_overrides[get_db]",
    "for item in range(3):\n    yield item", "try:\n    yield\nfinally:\n    app.dependency_overrides.clear()",
    "def inner():\n    return TestClient(app)", "async def inner():\n    await asyncio.sleep(0)",
    "class Local:\n    client = TestClient(app)", "global GLOBAL_CLIENT\nGLOBAL_CLIENT = TestClient(app)",
    "print(*[TestClient(app)])", "anyio_backend = 'asyncio'", "[x async for x in agen()]",
]
MODULE_STATEMENTS = [
    "pytestmark = pytest.mark.asyncio", "pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures('client')]",
    "pytestmark = (pytest.mark.asyncio(loop_scope='module'),)", "pytestmark += [pytest.mark.trio]",
    "MARK = pytest.mark.asyncio", "app = FastAPI()", "client = TestClient(app)", "LOOP = asyncio.new_event_loop()",
    "lock = asyncio.Lock()", "app.dependency_overrides[get_db] = lambda: None", "pytest_plugins = ['app.plugin']",
    "pytest_plugins = PLUGINS", "if True:\n    pytestmark = pytest.mark.anyio", "asyncio.run(setup())",
    "def pytest_collection_modifyitems(items):\n    pass", "__test__ = False",
]
ARGNAMES = ["client", "override", "anyio_backend", "event_loop", "app", "db", "request", "self", "*args", "**kwargs",
            "a", "monkeypatch", "async_client"]


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


@st.composite
def _function(draw: st.DrawFn, *, fixture: bool, in_class: bool) -> str:
    decorators = [draw(st.sampled_from(FIXTURE_DECORATORS))] if fixture else []
    decorators += draw(st.lists(st.sampled_from(MARKS), max_size=3))
    is_async = draw(st.booleans())
    name = draw(st.sampled_from(["client", "override", "anyio_backend", "app", "db", "async_client", "event_loop"])) \
        if fixture else "test_" + draw(st.sampled_from(["a", "b", "client", "app", "loop"]))
    args = list(dict.fromkeys(draw(st.lists(st.sampled_from(ARGNAMES), max_size=4))))
    args = [a for a in args if not a.startswith("*")] + [a for a in args if a.startswith("*")][:1]
    if in_class:
        args = ["self", *[a for a in args if a != "self"]]
    else:
        args = [a for a in args if a != "self"]
    body = draw(st.lists(st.sampled_from(STATEMENTS), min_size=1, max_size=4))
    if not is_async:
        body = [s for s in body if "await" not in s and "async " not in s and "async for" not in s] or ["pass"]
    header = f"{'async ' if is_async else ''}def {name}({', '.join(args)}):"
    return "\n".join([*decorators, header, _indent("\n".join(body), "    ")])


@st.composite
def _class(draw: st.DrawFn) -> str:
    decorators = draw(st.lists(st.sampled_from(MARKS), max_size=2))
    name = draw(st.sampled_from(["TestApi", "TestNested", "Helper", "TestWithInit"]))
    base = draw(st.sampled_from(["", "(object)", "(Base)", "(unittest.IsolatedAsyncioTestCase)"]))
    members = draw(st.lists(st.one_of(_function(fixture=True, in_class=True), _function(fixture=False, in_class=True),
                                      st.sampled_from(["pytestmark = pytest.mark.asyncio", "__test__ = True"])),
                            min_size=1, max_size=4))
    if draw(st.booleans()):
        members.append("class TestInner:\n    async def test_inner(self):\n        pass")
    return "\n".join([*decorators, f"class {name}{base}:", _indent("\n\n".join(members), "    ")])


@st.composite
def _module(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(IMPORTS), max_size=6))
    parts += draw(st.lists(st.sampled_from(MODULE_STATEMENTS), max_size=3))
    parts += draw(st.lists(st.one_of(_function(fixture=True, in_class=False), _function(fixture=False, in_class=False),
                                     _class()), min_size=1, max_size=6))
    return "\n\n\n".join(parts) + "\n"


APP_MODULE = (
    "from fastapi import FastAPI\n\n\ndef create_app():\n    return FastAPI()\n\n\napp = create_app()\n\n\n"
    "def get_db():\n    return None\n"
)


def _lint_test_project(module: str, conftest: str | None) -> None:
    ast.parse(module)  # the generator builds valid Python only
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, str | bytes] = {**ACTIVE_CONFIG, "app/__init__.py": APP_MODULE, "tests/test_gen.py": module}
        if conftest is not None:
            files["tests/conftest.py"] = conftest
        root = write_project(Path(tmp), files)
        with _stderr_checked():
            _lint_file(root / "tests" / "test_gen.py")
            if conftest is not None:
                _lint_file(root / "tests" / "conftest.py")


@FAST
@given(module=_module(), conftest=st.none() | _module())
def test_generated_async_test_modules_never_crash(module: str, conftest: str | None) -> None:
    _lint_test_project(module, conftest)


@pytest.mark.slow
@LONG
@given(module=_module(), conftest=st.none() | _module())
def test_generated_async_test_modules_never_crash_long(module: str, conftest: str | None) -> None:
    _lint_test_project(module, conftest)


# --------------------------------------------------------------------------------------------
# every .py file of the installed site-packages


def _site_packages_files() -> list[Path]:
    roots = {Path(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")}
    files: set[Path] = set()
    for root in roots:
        if root.is_dir():
            files.update(path for path in root.rglob("*.py") if path.is_file())
    return sorted(files)


@pytest.mark.slow
def test_every_site_packages_file_lints_without_error(capsys: pytest.CaptureFixture[str]) -> None:
    files = _site_packages_files()
    started = time.monotonic()
    linted = unparsable = 0
    saved = diagnostics._already_said
    diagnostics._already_said = set()
    try:
        for path in files:
            try:
                source = path.read_bytes().decode("utf-8-sig")
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    tree = ast.parse(source)
            except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError, MemoryError):
                unparsable += 1
                continue
            lint_tree(tree, str(path), SETTINGS, source)
            linted += 1
            assert time.monotonic() - started < 900, f"sweep too slow, stopped at {path}"
    finally:
        diagnostics._already_said = saved
    elapsed = time.monotonic() - started
    captured = capsys.readouterr()
    internal = [line for line in captured.err.splitlines() if "internal error" in line or "Traceback" in line]
    with capsys.disabled():
        print(f"\nsite-packages sweep: {len(files)} files, {linted} linted, {unparsable} not parsable by "
              f"Python {sys.version_info[0]}.{sys.version_info[1]}, {len(internal)} internal errors, {elapsed:.1f}s")
    assert linted > 100
    assert not internal, "\n".join(internal[:20])


# --------------------------------------------------------------------------------------------
# adversarial project trees


def test_malformed_toml_and_wrongly_typed_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trees: dict[str, dict[str, str | bytes]] = {
        "unclosed": {"pyproject.toml": "[tool.pytest.ini_options\nasyncio_mode = 'auto'\n"},
        "bad-pytest-toml": {"pytest.toml": "[pytest]\nasyncio_mode = = 'auto'\n"},
        "types": {"pyproject.toml": (
            "[tool.pytest.ini_options]\nasyncio_mode = 3\naddopts = 5\npython_files = {a = 1}\n"
            "python_functions = []\nanyio_mode = true\ntrio_mode = ['x']\n"
            "asyncio_default_fixture_loop_scope = 1.5\n[project]\ndependencies = 'pytest-asyncio'\n"
            "optional-dependencies = ['x']\n[dependency-groups]\ndev = [{include-group = 'test'}, 3]\n"
        )},
        "tables": {"pyproject.toml": (
            "[tool]\npytest = 'x'\n[tool.poetry]\ndependencies = ['x']\ngroup = 5\n"
            "[tool.hatch.envs]\ndefault = 3\n[tool.uv]\ndev-dependencies = 'pytest-asyncio'\n"
        )},
        "native": {"pyproject.toml": "[tool.pytest]\nini_options = 'nope'\naddopts = ['--asyncio-mode', 'auto']\n"},
        "deep": {"pyproject.toml": "x = " + "[" * 5000 + "]" * 5000 + "\n"},
        "addopts": {"pytest.toml": "[pytest]\naddopts = \"--asyncio-mode 'auto -p\"\n"},
    }
    for name, files in trees.items():
        write_project(tmp_path / name, {**files, "test_x.py": UNMARKED})
    findings, err = _flake8(capsys, tmp_path, "-j1", ".")
    assert "malformed TOML" in err
    # A broken config file is ignored: that project falls back to pytest's defaults (strict mode).
    assert ("unclosed/test_x.py", 1, "ATP101") in findings


def test_malformed_ini_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trees: dict[str, dict[str, str | bytes]] = {
        "unclosed": {"pytest.ini": "[pytest\nasyncio_mode = auto\n"},
        "setup-cfg": {"setup.cfg": "[tool:pytest]\naddopts = \"unclosed\n[options]\ninstall_requires =\n  = x\n"},
        "tox": {"tox.ini": "[pytest]\nasyncio_mode\n[testenv]\ndeps = \n  -r\n"},
        "duplicate": {"pytest.ini": "[pytest]\nasyncio_mode = auto\n[pytest]\nasyncio_mode = strict\n"},
        "continuation": {"pytest.ini": "[pytest]\naddopts =\n    -p\n    --asyncio-mode\n    -o\n"},
        "requirements": {"pytest.ini": "[pytest]\n", "requirements.txt": "-r\n-r requirements.txt\n--\n-c /\n==\n"},
        "empty-value": {"pytest.ini": "[pytest]\npython_files =\npython_classes =\npython_functions =\n"},
    }
    for name, files in trees.items():
        write_project(tmp_path / name, {**files, "test_x.py": UNMARKED})
    _flake8(capsys, tmp_path, "-j1", ".")


def test_pytest_ini_that_is_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_project(
        tmp_path,
        {
            "pytest.ini/readme.txt": "I am a folder",
            "conftest.py/x.txt": "",
            "requirements.txt/a": "",
            "pyproject.toml/b": "",
            "tests/test_x.py": UNMARKED,
        },
    )
    findings, _ = _flake8(capsys, tmp_path, "-j1", ".")
    assert all(code == "ATP101" for _path, _line, code in findings)


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.parametrize("name", ["pytest.ini", "pyproject.toml", "conftest.py", "requirements.txt", "app.py"])
def test_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    if _running_as_root():
        pytest.skip("running as root: chmod 000 does not stop root from reading, so nothing is unreadable")
    contents = {"pytest.ini": "[pytest]\n", "pyproject.toml": "[tool.pytest.ini_options]\n",
                "conftest.py": "import pytest\n", "requirements.txt": "pytest-asyncio\n", "app.py": "app = 1\n"}
    write_project(tmp_path, {name: contents[name], "test_x.py": "from app import app\n\n\n" + UNMARKED})
    (tmp_path / name).chmod(0)
    try:
        _, err = _flake8(capsys, tmp_path, "-j1", ".")
    finally:
        (tmp_path / name).chmod(0o644)
    if name != "app.py":
        assert name in err


def test_unreadable_directory_on_the_way_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # An unreadable (but traversable) folder above the project: listing it fails, reading through works.
    write_project(tmp_path, {"outer/inner/test_x.py": UNMARKED, "outer/inner/requirements.txt": "pytest-asyncio\n"})
    (tmp_path / "outer").chmod(0o311)
    try:
        with _stderr_checked():
            _lint_file(tmp_path / "outer" / "inner" / "test_x.py")
    finally:
        (tmp_path / "outer").chmod(0o755)


def test_symlink_loops(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = write_project(tmp_path / "proj", {"requirements.txt": "pytest-asyncio\n", "tests/test_x.py": UNMARKED})
    (project / "pytest.ini").symlink_to(project / "pytest.ini")  # a loop of one
    (project / "conftest.py").symlink_to(project / "tests" / "conftest.py")
    (project / "tests" / "conftest.py").symlink_to(project / "conftest.py")  # a loop of two
    (project / "pyproject.toml").symlink_to(project / "nowhere.toml")  # dangling
    (project / "tests" / "requirements.txt").symlink_to(project / "tests")  # a folder
    (project / "self").symlink_to(project)  # the path to the rootdir runs through a loop
    (project / "setup.py").symlink_to(project / "setup.py")
    deep = project / "self" / "self" / "self" / "tests" / "test_x.py"
    with _stderr_checked():
        direct = _lint_file(project / "tests" / "test_x.py")
        through_loop = _lint_file(deep)
    assert direct is not None and through_loop is not None
    assert [(f.line, f.code) for f in direct] == [(f.line, f.code) for f in through_loop]
    _flake8(capsys, project, "-j1", "tests", "self/self/tests/test_x.py")


def test_circular_conftest_imports_and_plugins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_project(tmp_path, {
        **ACTIVE_CONFIG,
        "pytest.ini": "[pytest]\naddopts = -p tests.conftest -p conftest\n",
        "conftest.py": "from tests.conftest import *\npytest_plugins = ['tests.conftest', 'conftest', 'plugin']\n",
        "tests/__init__.py": "",
        "tests/conftest.py": (
            "from conftest import *\nfrom . import conftest\npytest_plugins = ['conftest', 'plugin']\n"
        ),
        "plugin.py": "pytest_plugins = ['plugin', 'conftest']\nfrom plugin import *\n",
        "tests/test_x.py": "from .conftest import *\nfrom tests.test_x import *\n\n\n" + UNMARKED,
    })
    findings, _ = _flake8(capsys, tmp_path, "-j1", ".")
    assert all(code == "ATP101" for _path, _line, code in findings)


def _sparse(path: Path, size: int, head: bytes = b"") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)


def test_fifty_megabyte_files_are_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    size = 50 * 1024 * 1024
    assert size > MAX_READ_BYTES
    for name in ("pytest.ini", "conftest.py", "requirements.txt", "pyproject.toml", "app.py", "plugin.py"):
        _sparse(tmp_path / name, size, b"# big\n")
    write_project(tmp_path, {"test_x.py": "from app import app\n\n\n" + UNMARKED})
    started = time.monotonic()
    with _stderr_checked() as err:
        findings = _lint_file(tmp_path / "test_x.py")
        # astroid is asked about a name from the big app module too.
        tree = ast.parse((tmp_path / "test_x.py").read_text())
        inference = Inference((tmp_path / "test_x.py").read_text(), str(tmp_path / "test_x.py"), 10)
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                inference.qualified_names(node)
    assert time.monotonic() - started < 10
    assert findings is not None
    assert "larger than" in err.getvalue()


DEEP = 10_000
# Deep, but within what ``ast.parse`` accepts at the default recursion limit: these reach the rules.
NEAR = 900


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("x = " + "(" * DEEP + "1" + ")" * DEEP + "\n", id="parentheses"),
        pytest.param("x = " + "[" * DEEP + "]" * DEEP + "\n", id="lists"),
        pytest.param("async def test_x():\n    x = 1" + " + 1" * DEEP + "\n", id="binop-chain"),
        pytest.param("async def test_x():\n    return a" + ".b" * DEEP + "\n", id="attribute-chain"),
        pytest.param("async def test_x():\n    return f" + "()" * DEEP + "\n", id="call-chain"),
        pytest.param("x = " + "not " * DEEP + "y\n", id="unary"),
        pytest.param("x = " + "lambda: " * DEEP + "1\n", id="lambdas"),
        pytest.param("".join("    " * i + f"if x{i}:\n" for i in range(DEEP // 100)) + "    " * 100 + "pass\n",
                     id="blocks"),
        pytest.param("async def test_x(client):\n    x = client" + " + 1" * NEAR + "\n", id="binop-near-limit"),
        pytest.param("import pytest\n\n\n@pytest.mark.asyncio" + ".b" * NEAR + "\nasync def test_x():\n    pass\n",
                     id="decorator-attributes-near-limit"),
        pytest.param("import pytest\n\n\n@pytest.fixture\nasync def client():\n    return f" + "()" * NEAR + "\n",
                     id="fixture-call-chain-near-limit"),
        pytest.param("async def test_x():\n    if a:\n        pass\n" + "    elif a:\n        pass\n" * 450,
                     id="elif-chain-near-limit"),
        pytest.param("import pytest\n\n\n@pytest.mark.asyncio" + "()" * 2000 + "\nasync def test_x():\n    pass\n",
                     id="decorator-calls"),
        pytest.param("x = " + " and ".join(["a"] * DEEP) + "\n", id="wide-boolop"),
    ],
)
def test_ten_thousand_deep_nesting(tmp_path: Path, source: str) -> None:
    write_project(tmp_path, {**ACTIVE_CONFIG, "test_deep.py": source, "conftest.py": source})
    with _stderr_checked():
        _lint_source(tmp_path / "test_deep.py", source)
        inference = Inference(source, str(tmp_path / "test_deep.py"), 5)
        tree = None
        with contextlib.suppress(SyntaxError, RecursionError, MemoryError, ValueError):
            tree = ast.parse(source)
        if tree is not None:
            for node in ast.walk(tree):
                if isinstance(node, (ast.Name, ast.Call)):
                    inference.qualified_names(node)


def _nest(depth: int, leaf: ast.expr, line: int) -> ast.expr:
    place = {"lineno": line, "col_offset": 4, "end_lineno": line, "end_col_offset": 5}
    node = leaf
    for key, value in place.items():
        setattr(node, key, value)
    for _ in range(depth):
        node = ast.BinOp(left=node, op=ast.Add(), right=ast.Constant(1, **place), **place)  # type: ignore[arg-type]
    return node


@pytest.mark.parametrize("where", ["test-body", "decorator", "fixture-return", "module"])
def test_ten_thousand_deep_tree_built_by_hand(tmp_path: Path, where: str) -> None:
    """A tree deeper than Python's parser builds (as a raised recursion limit or another tool would)."""
    tree = ast.parse(
        "import pytest\n\n\n@pytest.fixture\nasync def client():\n    return 1\n\n\n"
        "@pytest.mark.asyncio\nasync def test_x(client):\n    x = 1\n\n\nX = 1\n"
    )
    fixture, test, module_assign = tree.body[1], tree.body[2], tree.body[3]
    deep = _nest(DEEP, ast.Name("client", ast.Load()), test.lineno + 1)
    assert isinstance(fixture, ast.AsyncFunctionDef) and isinstance(test, ast.AsyncFunctionDef)
    assert isinstance(module_assign, ast.Assign)
    if where == "test-body":
        test.body = [ast.Expr(deep, lineno=deep.lineno, col_offset=4, end_lineno=deep.lineno, end_col_offset=5)]
    elif where == "decorator":
        test.decorator_list = [deep]
    elif where == "fixture-return":
        fixture.body = [ast.Return(deep, lineno=deep.lineno, col_offset=4, end_lineno=deep.lineno, end_col_offset=5)]
    else:
        module_assign.value = deep
    write_project(tmp_path, ACTIVE_CONFIG)
    with _stderr_checked():
        lint_tree(tree, str(tmp_path / "test_deep.py"), SETTINGS, None)


def test_deep_nesting_through_flake8(tmp_path: Path) -> None:
    # (A chain of a few hundred ``+`` makes pyflakes itself fail with RecursionError, which aborts
    # the flake8 run: flake8's business, not this plugin's; the in-process tests above cover ours.)
    deep = "x = " + "(" * DEEP + "1" + ")" * DEEP + "\n"
    write_project(tmp_path, {**ACTIVE_CONFIG, "test_parens.py": deep, "conftest.py": deep, "test_ok.py": UNMARKED})
    result = _subprocess_flake8(tmp_path, "--select", "ATP,E999", "-j1", ".")
    codes = {(r.path, r.code) for r in parse_output(result.stdout)}
    assert codes == {("./test_parens.py", "E999"), ("./conftest.py", "E999"), ("./test_ok.py", "ATP101")}


def test_encodings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bom = b"\xef\xbb\xbf"
    write_project(tmp_path, {
        "pytest.ini": bom + b"[pytest]\r\n",
        "requirements.txt": bom + b"pytest-asyncio\n",
        "latin/test_latin.py": b"# -*- coding: latin-1 -*-\nNAME = '\xe9t\xe9'\n\n\nasync def test_x():\n    pass\n",
        "latin/conftest.py": b"# -*- coding: latin-1 -*-\nNAME = '\xe9t\xe9'\n",
        "bom/test_bom.py": bom + b"async def test_x():\n    pass\n",
        "bom/conftest.py": bom + b"import pytest\n",
        "broken/test_bad.py": b"async def test_x():\n    return '\xff\xfe'\n",
        "broken/conftest.py": b"X = '\xff'\n",
        "broken/pyproject.toml": b"[tool.pytest.ini_options]\nasyncio_mode = '\xff'\n",
        "utf16/pytest.ini": "[pytest]\nasyncio_mode = auto\n".encode("utf-16"),
        "utf16/test_u.py": UNMARKED.encode(),
        "unknown/test_cookie.py": b"# -*- coding: klingon -*-\nasync def test_x():\n    pass\n",
        "unknown/conftest.py": b"# -*- coding: klingon -*-\n",
    })
    findings, err = _flake8(capsys, tmp_path, "-j1", ".")
    assert ("latin/test_latin.py", 5, "ATP101") in findings
    assert ("bom/test_bom.py", 1, "ATP101") in findings
    assert "broken/conftest.py" in err or "conftest.py" in err


def test_future_syntax_is_e999_without_traceback(tmp_path: Path) -> None:
    future = {
        "test_pep695.py": "def first[T](items: list[T]) -> T:\n    return items[0]\n",
        "test_tstring.py": "async def test_x():\n    name = 1\n    t = t'{name}'\n",
        "test_except.py": (
            "async def test_x():\n    try:\n        pass\n    except ValueError, TypeError:\n        pass\n"
        ),
        "test_type_alias.py": "type Alias = int\n",
    }
    write_project(tmp_path, {**ACTIVE_CONFIG, **future, "conftest.py": "type Alias = list[int]\n"})
    result = _subprocess_flake8(tmp_path, "--select", "ATP,E999", "-j1", ".")
    reported = {(r.path, r.code) for r in parse_output(result.stdout)}
    for name in future:
        try:
            ast.parse(future[name])
        except SyntaxError:
            assert (f"./{name}", "E999") in reported


@pytest.mark.parametrize(
    "display", ["no/such/dir/test_x.py", "", "-", "stdin", "/", ".", "a\x00b/test_x.py", "x" * 5000 + "/test_x.py",
                "../../../../../../../../test_x.py", "C:\\Windows\\test_x.py", "tests/"],
)
def test_display_names_that_do_not_exist(display: str) -> None:
    with _stderr_checked():
        findings = lint_tree(ast.parse(UNMARKED), display, SETTINGS, UNMARKED)
        # astroid gets the odd name as the module's path too.
        Inference(UNMARKED, display, 5).qualified_names(ast.parse("x\n").body[0].value)  # type: ignore[attr-defined]
    assert isinstance(findings, list)


def test_display_name_that_does_not_exist_through_flake8_stdin(tmp_path: Path) -> None:
    result = _subprocess_flake8(tmp_path, "--select", "ATP", "--stdin-display-name", "no/such/dir/test_x.py", "-",
                                stdin=UNMARKED)
    assert result.returncode in (0, 1)


def test_windows_line_endings_change_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {
        "pytest.ini": "[pytest]\nasyncio_mode = strict\naddopts = -p no:trio\n",
        "pyproject.toml": "[project]\nname = 'x'\ndependencies = [\n  'pytest-asyncio',\n  'anyio',\n]\n",
        "requirements.txt": "pytest\npytest-asyncio\n",
        "tests/conftest.py": "import pytest\n\n\n@pytest.fixture\nasync def client():\n    yield 1\n",
        "tests/test_api.py": "import pytest\n\n\nasync def test_a(client):\n    pass\n\n\n"
                             "@pytest.mark.asyncio\nasync def test_b():\n    pass\n\n\n"
                             "class TestX:\n    async def test_c(self):\n        pass\n",
    }
    write_project(tmp_path / "lf", dict(files))
    write_project(tmp_path / "crlf", {name: text.replace("\n", "\r\n").encode() for name, text in files.items()})
    lf, _ = _flake8(capsys, tmp_path / "lf", "-j1", ".")
    crlf, _ = _flake8(capsys, tmp_path / "crlf", "-j1", ".")
    assert lf and lf == crlf


def test_failure_in_one_file_is_contained_and_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule that raises: silent on that file, one line on stderr, the other rules and files go on."""
    from flake8_async_testing import engine

    class Exploding:
        code = "ATP999"

        def check(self, ctx: object) -> Iterator[Finding]:
            raise ValueError("boom")

    monkeypatch.setattr(engine, "ALL_RULES", (Exploding(), *engine.ALL_RULES))
    write_project(tmp_path, {**ACTIVE_CONFIG, "test_a.py": UNMARKED, "test_b.py": UNMARKED})
    capsys.readouterr()
    saved = diagnostics._already_said
    diagnostics._already_said = set()
    try:
        findings = [lint_tree(ast.parse(UNMARKED), str(tmp_path / name), SETTINGS, UNMARKED) for name in
                    ("test_a.py", "test_b.py", "test_a.py")]
    finally:
        diagnostics._already_said = saved
    err = capsys.readouterr().err
    assert [[f.code for f in found] for found in findings] == [["ATP101"]] * 3
    lines = [line for line in err.splitlines() if "internal error" in line]
    assert len(lines) == 2 and all("ATP999" in line and "ValueError: boom" in line for line in lines), err
    assert "Traceback" not in err


# --------------------------------------------------------------------------------------------
# no user code executed, ever

MARK_ON_IMPORT = (
    "import pathlib\npathlib.Path(__file__).with_name('IMPORTED_' + __name__.replace('.', '_')).write_text('x')\n"
)


def _booby_trapped_project(root: Path) -> Path:
    return write_project(root, {
        **ACTIVE_CONFIG,
        "conftest.py": MARK_ON_IMPORT + (
            "import pytest\nfrom app import create_app\nfrom fastapi.testclient import TestClient\n\n\n"
            "@pytest.fixture\ndef app():\n    return create_app()\n\n\n"
            "@pytest.fixture\ndef client(app):\n    return TestClient(app)\n"
        ),
        "app/__init__.py": MARK_ON_IMPORT + (
            "from fastapi import FastAPI\nfrom app.routes import router\n\n\n"
            "def create_app():\n    return FastAPI()\n\n\napp = create_app()\n"
        ),
        "app/routes.py": MARK_ON_IMPORT + "router = object()\n",
        "app/plugin.py": MARK_ON_IMPORT,
        # Names astroid would import for real without the guard: a stdlib-named package (its
        # find_spec fallback imports the parent), a C-extension name, gi (brain_gi's import hook).
        "xmlrpc/__init__.py": MARK_ON_IMPORT,
        "gi/__init__.py": MARK_ON_IMPORT,
        "gi/repository/__init__.py": MARK_ON_IMPORT,
        "_decimal/__init__.py": MARK_ON_IMPORT,
        "tests/__init__.py": MARK_ON_IMPORT,
        "tests/conftest.py": MARK_ON_IMPORT + "pytest_plugins = ['app.plugin']\n",
        "tests/test_api.py": MARK_ON_IMPORT + (
            "import pytest\nimport app as app_module\nfrom app import app, create_app\nfrom app.routes import router\n"
            "from fastapi.testclient import TestClient\nfrom xmlrpc.helpers import helper\n"
            "from gi.repository import Gtk\nimport _decimal.sub\nfrom tests import conftest\n\n\n"
            "@pytest.fixture\ndef other_app():\n    return create_app()\n\n\n"
            "async def test_client():\n    client = TestClient(app)\n"
            "    assert client.get('/').status_code == 200\n\n\n"
            "@pytest.mark.asyncio\nasync def test_fixture(other_app, client):\n"
            "    TestClient(other_app)\n    helper(Gtk, router, app_module.app, _decimal.sub.x, conftest.app)\n"
        ),
    })


def _markers(root: Path) -> list[Path]:
    return sorted(root.rglob("IMPORTED_*"))


def test_no_user_code_is_executed_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _booby_trapped_project(tmp_path)
    # The worst case: the project is the working directory and first on sys.path (``python -m flake8``).
    monkeypatch.chdir(root)
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.syspath_prepend("")
    before = set(sys.modules)
    with _stderr_checked():
        for path in sorted(root.rglob("*.py")):
            _lint_file(path)
            source = path.read_text()
            # Ask astroid about every name, attribute and call, whether or not a rule would (but
            # ``pytest.*``: astroid building pytest's own modules costs seconds and proves nothing).
            inference = Inference(source, str(path), 10_000)
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, (ast.Name, ast.Attribute, ast.Call)) and "pytest" not in ast.unparse(node):
                    inference.qualified_names(node)
    assert _markers(root) == []
    loaded = [name for name in set(sys.modules) - before
              if str(getattr(sys.modules[name], "__file__", None) or "").startswith(str(root))]
    assert loaded == []


def test_no_user_code_is_executed_by_flake8(tmp_path: Path) -> None:
    root = _booby_trapped_project(tmp_path)
    # ``python -m flake8`` from the project: the project folder is on sys.path.
    _subprocess_flake8(root, "--select", "ATP", "-j1", ".")
    _subprocess_flake8(root, "--select", "ATP", "-j2", "tests", "conftest.py", "app")
    _subprocess_flake8(root, "--select", "ATP", "--stdin-display-name", "tests/test_api.py", "-",
                       stdin=(root / "tests" / "test_api.py").read_text())
    assert _markers(root) == []


def test_the_guard_refuses_project_modules_and_allows_the_stdlib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path, {"trap_module_xyz.py": MARK_ON_IMPORT, "trap_pkg_xyz/__init__.py": MARK_ON_IMPORT})
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib

    with no_project_imports():
        for name in ("trap_module_xyz", "trap_pkg_xyz"):
            with pytest.raises(ImportError):
                importlib.import_module(name)
            assert name not in sys.modules
        assert importlib.import_module("colorsys").__name__ == "colorsys"
    assert _markers(tmp_path) == []
    assert all(type(finder).__name__ != "_Guard" for finder in sys.meta_path)


def test_astroid_settings_load_nothing() -> None:
    import astroid

    name = ast.parse("os\n").body[0].value  # type: ignore[attr-defined]
    Inference("import os\nos\n", "x.py", 5).qualified_names(name)
    manager = astroid.MANAGER
    assert manager.always_load_extensions is False
    assert not manager.extension_package_whitelist
    assert not any("brain_gi" in getattr(hook, "__module__", "") for hook in manager._failed_import_hooks)


# --------------------------------------------------------------------------------------------
# bounded work


def test_inference_budget_is_a_hard_bound(tmp_path: Path) -> None:
    source = "import os\n" + "".join(f"x{i} = os.path.join\n" for i in range(50))
    inference = Inference(source, str(tmp_path / "test_x.py"), 7)
    tree = ast.parse(source)
    answers = [inference.qualified_names(node.value) for node in tree.body if isinstance(node, ast.Assign)]
    assert sum(answer is not None for answer in answers) <= 7
    assert inference.exhausted


def test_wall_clock_guard_stops_inference_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flake8_async_testing.inference import astroid_bridge

    monkeypatch.setattr(astroid_bridge, "SECONDS_PER_FILE", 0.0)
    source = "import os\nos.path\nos.sep\n"
    tree = ast.parse(source)
    inference = Inference(source, str(tmp_path / "test_x.py"), 100)
    with _stderr_checked() as err:
        inference.qualified_names(tree.body[1].value)  # type: ignore[attr-defined]
        assert inference.exhausted
        assert inference.qualified_names(tree.body[2].value) is None  # type: ignore[attr-defined]
    assert "inference stopped" in err.getvalue()


def test_max_inferences_option_reaches_the_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from flake8_async_testing.entry.flake8_plugin import AsyncTestingPlugin

    write_project(tmp_path, {**ACTIVE_CONFIG, "test_x.py": UNMARKED})
    _flake8(capsys, tmp_path, "-j1", "--async-testing-max-inferences=3", ".")
    assert AsyncTestingPlugin.settings.max_inferences == 3
    _flake8(capsys, tmp_path, "-j1", ".")
    assert AsyncTestingPlugin.settings.max_inferences == 200


# --------------------------------------------------------------------------------------------
# determinism


def _corpus() -> list[Path]:
    return sorted(path for path in DATA.rglob("*.py"))


def _lint_all(paths: list[Path]) -> dict[Path, list[tuple[int, int, str]]]:
    result = {}
    for path in paths:
        findings = _lint_file(path)
        result[path] = [(f.line, f.col, f.message) for f in findings or []]
    return result


def test_file_order_and_repeated_runs_in_one_process() -> None:
    corpus = _corpus()
    with _stderr_checked():
        _fresh_caches()
        first = _lint_all(corpus)
        _fresh_caches()
        backwards = _lint_all(list(reversed(corpus)))
        again = _lint_all(corpus)  # warm caches
        interleaved = _lint_all(corpus[::2] + corpus[1::2])
    assert any(first.values())
    assert backwards == first
    assert again == first
    assert interleaved == first


def test_jobs_and_stdin_give_identical_results(capsys: pytest.CaptureFixture[str]) -> None:
    evals = DATA / "evals"
    one = _subprocess_flake8(evals, "--select", "ATP", "-j1", ".")
    two = _subprocess_flake8(evals, "--select", "ATP", "-j2", ".")
    assert parse_output(one.stdout) and parse_output(two.stdout) == parse_output(one.stdout)
    from_stdin = []
    stdin_files = set()
    for path in sorted(evals.rglob("test_*.py"))[:12]:
        relative = os.path.relpath(path, evals)
        stdin_files.add(relative)
        old_stdin = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(path.read_bytes()), encoding="utf-8")
        flake8_utils.stdin_get_value.cache_clear()  # flake8 reads stdin once per process
        try:
            findings, _ = _flake8(capsys, evals, "--stdin-display-name", relative, "-")
        finally:
            sys.stdin = old_stdin
            flake8_utils.stdin_get_value.cache_clear()
        from_stdin.extend(findings)
    file_mode, _ = _flake8(capsys, evals, "-j1", ".")
    assert from_stdin
    assert sorted(from_stdin) == sorted(f for f in file_mode if f[0] in stdin_files)


def _two_projects(root: Path) -> tuple[Path, Path]:
    common = {**ACTIVE_CONFIG, "requirements.txt": "pytest\npytest-asyncio\n", "test_x.py": UNMARKED}
    strict = write_project(
        root / "proj_a",
        {
            **common,
            "pytest.ini": "[pytest]\nasyncio_mode = strict\n",
            "app.py": "class Alpha:\n    pass\n\n\nClient = Alpha\n",
        },
    )
    auto = write_project(
        root / "proj_b",
        {
            **common,
            "pytest.ini": "[pytest]\nasyncio_mode = auto\n",
            "app.py": "class Beta:\n    pass\n\n\nClient = Beta\n",
        },
    )
    return strict, auto


def test_two_projects_in_one_run_each_get_their_own_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _two_projects(tmp_path)
    expected = [("proj_a/test_x.py", 1, "ATP101")]
    for order in (("proj_a", "proj_b"), ("proj_b", "proj_a")):
        for jobs in ("-j1", "-j2"):
            findings, _ = _flake8(capsys, tmp_path, jobs, *order)
            assert sorted(findings) == expected, (order, jobs)
    result = _subprocess_flake8(tmp_path, "--select", "ATP", "-j2", "proj_b", "proj_a")
    assert [(os.path.normpath(r.path), r.code) for r in parse_output(result.stdout)] == [("proj_a/test_x.py", "ATP101")]


def test_astroid_cache_does_not_leak_between_projects(tmp_path: Path) -> None:
    strict, auto = _two_projects(tmp_path)
    source = "from app import Client\nClient\n"
    name = ast.parse(source).body[1].value  # type: ignore[attr-defined]
    answers = []
    # astroid resolves absolute imports through sys.path: a long-lived process (an editor) that
    # moves from one project to the next must not keep the previous project's ``app``.
    for project in (strict, auto, strict, auto):
        with pytest.MonkeyPatch.context() as patch:
            patch.syspath_prepend(str(project))
            answers.append(Inference(source, str(project / "test_y.py"), 5).qualified_names(name))
    assert answers == [frozenset({"app.Alpha"}), frozenset({"app.Beta"})] * 2
