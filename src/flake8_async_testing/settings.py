"""The user's options, shared by the flake8 plugin and every layer below it."""

from __future__ import annotations

from dataclasses import dataclass

KNOWN_PLUGINS = ("asyncio", "anyio", "trio")


@dataclass(unsafe_hash=True)
class Settings:
    """Parsed options; hashable so that project models can be cached per settings."""

    # Async pytest plugins the user says are installed (``None``: detect them).
    plugins: frozenset[str] | None = None
    # Upper bound on astroid inferences for one file.
    max_inferences: int = 200

    @classmethod
    def from_plugin_list(cls, names: list[str] | None, max_inferences: int = 200) -> Settings:
        if not names or names == ["auto"]:
            return cls(None, max_inferences)
        return cls(frozenset(name.strip().lower() for name in names if name.strip()), max_inferences)
