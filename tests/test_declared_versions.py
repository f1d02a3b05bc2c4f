"""Declared version specifiers: does a requirement admit only versions below a bound?"""

from __future__ import annotations

import pytest

from flake8_async_testing.inference.declared_versions import spec_below


@pytest.mark.parametrize(
    ("spec", "bound", "below"),
    [
        ("<0.23", 1, True),
        ("==0.21.1", 1, True),
        ("~=0.21", 1, True),
        ("~=0.21", (0, 27), False),
        ("~=0.24.0", (0, 27), True),
        ("^0.23", (0, 27), True),
        ("^0.27", (0, 27), False),
        ("^1.2", 1, False),
        ("^1.2", (2,), True),
        ("==0.24.*", (0, 27), True),
        ("==0.123.*", (0, 124), True),
        ("==0.*", (0, 27), False),
        (">=0.20,<0.27", (0, 27), True),
        (">=0.20", (0, 27), False),
        ("<=0.26.2", (0, 27), True),
        ("<=1.0", 1, False),
        ("==1.0.0", 1, False),
        ("", 1, False),
    ],
)
def test_spec_below(spec: str, bound: int | tuple[int, ...], below: bool) -> None:
    assert spec_below(spec, bound) is below
