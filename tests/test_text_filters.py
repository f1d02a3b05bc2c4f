"""The text pre-filters: they may let through more than needed, never less.

Every rule that skips work because a file's text "cannot" name something relies on these helpers;
a line they miss is a finding lost without a trace.
"""

from __future__ import annotations

import ast
import string
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flake8_async_testing.module.imports import ImportMap
from flake8_async_testing.module.lines import call_sites, mentioned_at_module_level, mentions_within
from flake8_async_testing.module.text import (
    block_spans_a_line,
    lines_followed_by,
    lines_mentioning,
    lines_naming_attributes,
    text_may_mention,
    text_of_lines,
)
from flake8_async_testing.module.walk import body_parents, calls_on_lines, walk_body


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a = 1\nclient = TestClient(app)\n", [2]),
        ("a = 1\r\nclient = TestClient(app)\r\nTestClient\r\n", [2, 3]),
        ("a = 1\rclient = TestClient(app)\r", [2]),  # old Mac line ends count as lines for ``ast`` too
        ("x = MyTestClient()\ny = TestClientFactory()\n", []),  # whole words only
        ("s = '''\nTestClient\n'''\n", [2]),  # strings and comments may over-report: fine
        ("no such name here\n", []),
    ],
)
def test_lines_mentioning_finds_each_line_once(source: str, expected: list[int]) -> None:
    assert lines_mentioning(source, ("TestClient",)) == expected


def test_text_outside_ascii_is_searched_as_python_reads_identifiers() -> None:
    # identifiers are NFKC-normalised: a fullwidth spelling names the same thing, on the same line
    assert lines_mentioning("# é\nｃlient = ＴestClient(app)\n", ("TestClient",)) == [2]
    assert lines_mentioning("# é\nclient = MyTestClient(app)\n", ("TestClient",)) == []
    assert not text_may_mention("x = 'é'\n", ("TestClient",))
    assert text_may_mention("x = ＴestClient  # é\n", ("TestClient",))


def test_lines_mentioning_gives_up_on_unknown_text() -> None:
    assert lines_mentioning(None, ("TestClient",)) is None
    assert text_may_mention(None, ("TestClient",))
    assert not text_may_mention("x = 1\n", ("TestClient",))


def _first_def(source: str) -> ast.stmt:
    return next(node for node in ast.parse(source).body if isinstance(node, ast.AsyncFunctionDef))


def test_a_def_spans_its_decorators_and_its_last_line() -> None:
    source = "@pytest.mark.parametrize('x', [yield_value()])\nasync def test_a(x):\n    pass\n"
    assert mentions_within(_first_def(source), source, "yield_value")
    source = "async def test_a(x):\n    a = 1\n    b = (\n        yield\n    )\n"
    assert mentions_within(_first_def(source), source, "yield")
    source = "async def test_a(x):\n    pass\n\nasync def yields():\n    yield\n"
    assert not mentions_within(_first_def(source), source, "yield")


def test_call_sites_keep_only_statements_that_name_the_words_under_any_alias() -> None:
    source = (
        "from starlette.testclient import TestClient as TC\n"
        "import httpx\n"
        "other = make()\n"
        "def test_a():\n"
        "    helper()\n"
        "    with TC(\n"
        "        app) as client:\n"
        "        client.get('/')\n"
        "@decorate(TC(app))\n"
        "def test_b():\n"
        "    pass\n"
    )
    tree = ast.parse(source)
    words = ImportMap(tree).spelling_words("starlette.testclient.TestClient")
    assert "TC" in words
    sites = call_sites(tree, source, words)
    called = sorted((ast.unparse(call.func), scope.name if scope else None) for call, scope in sites.calls)
    assert called == [("TC", "test_a"), ("TC", "test_b"), ("decorate", "test_b")]
    constructor = next(call for call, _ in sites.calls if call.lineno == 6)
    assert isinstance(sites.parents[constructor], ast.withitem)


def test_call_sites_walk_everything_when_the_text_is_unknown() -> None:
    source = "def test_a():\n    helper(other())\n"
    assert len(call_sites(ast.parse(source), None, ("TestClient",)).calls) == 2
    assert call_sites(ast.parse(source), source, ("TestClient",)).calls == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from fastapi.testclient import TestClient\n", False),  # an import makes nothing
        ("client = TestClient(app)\n", True),
        ("if ready:\n    client = TestClient(app)\n", True),
        ("try:\n    pass\nexcept E:\n    client = TestClient(app)\n", True),
        ("with TestClient(app) as client:\n    pass\n", True),
        ("def make():\n    return TestClient(app)\n", False),  # runs only when called
        ("class Test:\n    client = TestClient(app)\n", False),  # a class attribute, not a global
    ],
)
def test_mentioned_at_module_level(source: str, expected: bool) -> None:
    assert mentioned_at_module_level(ast.parse(source), source, ("TestClient",)) is expected


EVAL_SOURCES = sorted((Path(__file__).parent / "data" / "evals").rglob("*.py"))


@pytest.mark.parametrize("path", EVAL_SOURCES[::3], ids=lambda path: path.name)
def test_walking_a_body_on_every_line_is_walking_all_of_it(path: Path) -> None:
    """With every line named, the line-filtered walk must see exactly what ``walk_body`` sees."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    every_line = list(range(1, len(source.splitlines()) + 2))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            parents = body_parents(node)
            expected = [(child, parents.get(child, node)) for child in walk_body(node) if isinstance(child, ast.Call)]
            assert calls_on_lines(node, every_line) == expected  # the same calls, parents and order
            assert calls_on_lines(node, None) == expected


def test_walking_a_body_on_some_lines_keeps_the_calls_that_span_them() -> None:
    source = (
        "async def test_a(client):\n"
        "    x = 1\n"
        "    if x:\n"
        "        resp = await client.get(\n"
        "            '/items')\n"
        "    other()\n"
    )
    function = _first_def(source)
    assert isinstance(function, ast.AsyncFunctionDef)
    calls = calls_on_lines(function, [5])  # the second line of the call
    assert [ast.unparse(call) for call, _ in calls] == ["client.get('/items')"]
    assert isinstance(calls[0][1], ast.Await)


def test_walking_for_unawaited_calls_leaves_out_await_operands_but_not_the_calls_below_them() -> None:
    source = (
        "async def test_a(client):\n"
        "    await client.post('/a', json=build(client.get('/b')))\n"
        "    await client.get('/c').json()\n"  # the awaited call is ``.json()``, not ``get``
        "    client.delete('/d')\n"
    )
    function = _first_def(source)
    assert isinstance(function, ast.AsyncFunctionDef)
    every_line = [1, 2, 3, 4]
    unawaited = [ast.unparse(call) for call, _ in calls_on_lines(function, every_line, awaited=False)]
    assert unawaited == ["build(client.get('/b'))", "client.get('/b')", "client.get('/c')", "client.delete('/d')"]
    every_call = [ast.unparse(call) for call, _ in calls_on_lines(function, every_line)]
    assert every_call[0] == "client.post('/a', json=build(client.get('/b')))"
    assert len(every_call) == 6


def test_walking_a_body_on_some_lines_skips_the_parts_of_a_statement_off_them() -> None:
    source = (
        "@pytest.mark.parametrize('x', [\n"  # 1
        "    make(1),\n"  # 2: a decorator's call off the named lines
        "])\n"  # 3
        "async def test_a(client, x=default()):\n"  # 4
        "    resp = await client.post(\n"  # 5
        "        '/items', json=payload(),\n"  # 6: a call inside the named call, on another line
        "    ).json()\n"  # 7
        "    assert f'{client.get()}'\n"  # 8: below an f-string nothing is skipped
    )
    function = _first_def(source)
    assert isinstance(function, ast.AsyncFunctionDef)
    names = lambda lines: [ast.unparse(call.func) for call, _ in calls_on_lines(function, lines)]  # noqa: E731
    assert names([5]) == ["client.post('/items', json=payload()).json", "client.post"]
    assert names([2]) == ["pytest.mark.parametrize", "make"]
    assert names([4, 8]) == ["default", "client.get"]  # the decorator spans lines 1-3 only
    assert names([9]) == []


def test_a_block_is_skipped_only_when_none_of_its_statements_spans_a_line() -> None:
    source = (
        "class A:\n"  # 1
        "    @decorate(\n"  # 2: the decorator of the block's first statement
        "        x)\n"  # 3
        "    def f(self):\n"  # 4
        "        pass\n"  # 5
        "    y = 1\n"  # 6
    )
    block = ast.parse(source).body[0].body  # type: ignore[attr-defined]
    assert block_spans_a_line(block, [2])  # a decorator line counts
    assert block_spans_a_line(block, [6])
    assert not block_spans_a_line(block, [1, 7])
    assert block_spans_a_line(block, None)
    assert not block_spans_a_line([], [1])


def test_a_def_named_only_in_its_header_has_its_body_skipped() -> None:
    source = (
        "async def test_a(client: AsyncClient):\n"
        "    response = await client.get('/')\n"
        "    other(AsyncClient())\n"
    )
    tree = ast.parse(source)
    calls = call_sites(tree, source, ("AsyncClient",)).calls
    assert [ast.unparse(call) for call, _ in calls] == ["other(AsyncClient())", "AsyncClient()"]
    header_only = "async def test_b(client: AsyncClient):\n    response = await client.get('/')\n"
    assert call_sites(ast.parse(header_only), header_only, ("AsyncClient",)).calls == []


def test_text_of_lines_gives_the_lines_asked_for_and_nothing_when_positions_are_not_trusted() -> None:
    source = "a = 1\nb = 2\r\nc = 3\nd"
    assert text_of_lines(source, [(2, 3)]) == "b = 2\r\nc = 3"
    assert text_of_lines(source, [(1, 1), (4, 9)]) == "a = 1\nd"  # past the end: up to the end
    assert text_of_lines(source, []) == ""
    assert text_of_lines("x = 1\ry = 2\n", [(1, 1)]) is None  # old Mac line ends: lines counted otherwise
    assert text_of_lines("x = 'é'\nｙ = 2\n", [(2, 2)]) == "y = 2"  # outside ASCII: as searched (NFKC)
    assert text_of_lines(None, [(1, 1)]) is None


def test_lines_followed_by_a_parenthesis_are_where_a_word_ends_a_callee() -> None:
    source = (
        "async def test_a(client: AsyncClient):\n"  # 1: an annotation, not a call
        "    other = httpx.AsyncClient(app=app)\n"  # 2
        "    again = (AsyncClient  # a comment\n"  # 3: the parenthesis comes later
        "        )(app=app)\n"  # 4
        "    kind = AsyncClient\n"  # 5
    )
    assert lines_followed_by(source, ("AsyncClient",), "(") == [2, 3]
    assert lines_mentioning(source, ("AsyncClient",)) == [1, 2, 3, 5]
    tree = ast.parse(source)
    calls = call_sites(tree, source, ("AsyncClient",), followed_by="(").calls
    assert [ast.unparse(call) for call, _ in calls] == ["httpx.AsyncClient(app=app)", "AsyncClient(app=app)"]
    assert lines_followed_by("x = 'é'\nAsyncClient()\nAsyncClient\n", ("AsyncClient",), "(") == [2]


def test_lines_followed_by_an_equals_sign_are_keywords_and_assignments_not_comparisons() -> None:
    source = (
        "client = AsyncClient(app=app)\n"  # 1
        "other = AsyncClient(\n"  # 2
        "    app  # the app\n"  # 3: the keyword's name, its `=` on the next line
        "    = make())\n"  # 4
        "same = app == other.app\n"  # 5: a comparison
        "app = make()\n"  # 6: an assignment counts too
        "run(app)\n"  # 7
    )
    assert lines_followed_by(source, ("app",), "=") == [1, 3, 6]
    calls = call_sites(ast.parse(source), source, ("app",), followed_by="=").calls
    assert [ast.unparse(call) for call, _ in calls] == [
        "AsyncClient(app=app)", "AsyncClient(app=make())", "make()", "make()"
    ]


def test_lines_naming_attributes_are_where_a_name_follows_a_dot() -> None:
    source = (
        "r = await client.get('/')\n"  # 1
        "budget = get(1)\n"  # 2: a bare name and a longer word are no attribute
        "x = (client\n"  # 3
        "     .post('/'))\n"  # 4: the dot opens the line
        "y = client.getter\n"  # 5: whole names only
        "z = client. \\\n"  # 6
        "    send()\n"  # 7: blanks and an escaped line break between the dot and the name
    )
    assert lines_naming_attributes(source, ("get", "post", "send")) == [1, 4, 7]
    assert lines_naming_attributes(source, ("delete",)) == []
    assert lines_naming_attributes("x = 'é'\nclient.get()\nclient.ｇｅｔ()\nget()\n", ("get",)) == [2, 3]


# Letters Python reads as ASCII ones once it NFKC-normalises an identifier: the plain letter, its
# fullwidth and its mathematical bold form.
def _spellings(letter: str) -> list[str]:
    case = "SMALL" if letter.islower() else "CAPITAL"
    return [letter, chr(ord(letter) + 0xFEE0), unicodedata.lookup(f"MATHEMATICAL BOLD {case} {letter.upper()}")]


_SPELLINGS = {letter: _spellings(letter) for letter in string.ascii_letters}


@st.composite
def _source_naming(draw: st.DrawFn, word: str) -> str:
    """A module whose lines assign to ``word`` spelled in letters Python normalises to it, beside lines
    with comments and strings outside ASCII and names that merely contain the word."""
    lines = []
    for index in range(draw(st.integers(1, 8))):
        spelled = "".join(draw(st.sampled_from(_SPELLINGS[c])) if c in _SPELLINGS else c for c in word)
        lines.append(
            draw(
                st.sampled_from(
                    [
                        f"{spelled} = {index}",
                        f"x{index} = f({spelled})  # Prüfung",
                        f"s{index} = 'Grüße {word}'",
                        f"{word}_more{index} = 'ß'",
                        f"y{index} = obj.{spelled}",
                    ]
                )
            )
        )
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_text_outside_ascii_never_hides_a_name_python_reads(data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(["client", "TestClient", "dependency_overrides", "get"]))
    source = data.draw(_source_naming(word))
    tree = ast.parse(source)
    named = {node.lineno for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id == word}
    attributes = {node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == word}
    mentioned = lines_mentioning(source, (word,))
    assert mentioned is not None and named | attributes <= set(mentioned)
    assert attributes <= set(lines_naming_attributes(source, (word,)) or [])
    assert text_may_mention(source, (word,)) == bool(mentioned)
