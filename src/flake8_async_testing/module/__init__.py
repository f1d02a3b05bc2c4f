"""The module model: what one Python file defines for pytest (imports, tests, fixtures, markers)."""
