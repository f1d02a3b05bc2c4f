"""flake8-async-testing: find the async pytest pitfalls that make test suites lie."""

__version__ = "0.1.0"
