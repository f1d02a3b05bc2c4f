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


def test_importing_the_plugin_builds_namedtuple_classes_only_for_value_types() -> None:
    """A ``NamedTuple`` class costs ~0.2 ms to build (``collections.namedtuple`` compiles its
    ``__new__``): seven records only ever read by attribute cost a cold ``flake8 -`` lint 6 M of its
    76 M extra instructions (631 -> 625 M with them as plain classes). The ones left are compared,
    hashed (cache keys), sorted or ``_replace``d."""
    script = textwrap.dedent(
        """
        import collections
        built = []
        original = collections.namedtuple
        def recording(typename, field_names, **kwargs):
            cls = original(typename, field_names, **kwargs)
            if str(kwargs.get("module")).startswith("flake8_async_testing"):  # typing.NamedTuple passes it
                built.append(typename)
            return cls
        collections.namedtuple = recording
        import flake8_async_testing.entry.flake8_plugin
        import flake8_async_testing.rules
        print(sorted(built))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == str(sorted(["AsyncPlugins", "CollectionRules", "Finding", "Settings"]))
