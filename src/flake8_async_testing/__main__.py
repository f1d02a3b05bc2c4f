"""``python -m flake8_async_testing``: the standalone command."""

from flake8_async_testing.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
