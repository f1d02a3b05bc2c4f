"""A cold editor lint pays for importing the plugin: what that import must not do."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_importing_the_plugin_builds_no_dataclass() -> None:
    """Each ``@dataclass`` costs ~0.4 ms to build (its methods are generated and compiled at import):
    24 of them were a third of the plugin's import and ~40 million instructions of a cold
    ``flake8 -`` lint. Records are plain classes or ``NamedTuple``s instead."""
    script = textwrap.dedent(
        """
        import dataclasses
        built = []
        original = dataclasses._process_class
        def recording(cls, *args, **kwargs):
            built.append(cls.__module__ + "." + cls.__qualname__)
            return original(cls, *args, **kwargs)
        dataclasses._process_class = recording
        import flake8_async_testing.entry.flake8_plugin
        import flake8_async_testing.rules
        print([name for name in built if name.startswith("flake8_async_testing")])
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
