"""The user's options, shared by the flake8 plugin and every layer below it."""

from __future__ import annotations

from typing import NamedTuple

KNOWN_PLUGINS = ("asyncio", "anyio", "trio")
DEFAULT_MAX_INFERENCES = 200


class Settings(NamedTuple):
    """Parsed options; hashable so that project models can be cached per settings."""

    # Async pytest plugins the user says are installed (``None``: detect them).
    plugins: frozenset[str] | None = None
    # Upper bound on astroid inferences for one file.
    max_inferences: int = DEFAULT_MAX_INFERENCES

    @classmethod
    def from_plugin_list(cls, names: list[str] | None, max_inferences: int = DEFAULT_MAX_INFERENCES) -> Settings:
        if not names or names == ["auto"]:
            return cls(None, max_inferences)
        return cls(frozenset(name.strip().lower() for name in names if name.strip()), max_inferences)
