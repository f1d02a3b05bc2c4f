"""Regenerate the rules section of README.md from the rule docstrings."""

from __future__ import annotations

from pathlib import Path

from flake8_async_testing.docs import replace_readme_section

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> None:
    README.write_text(replace_readme_section(README.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
