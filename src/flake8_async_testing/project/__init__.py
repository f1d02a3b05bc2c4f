"""The project model: pytest configuration, async plugins and the conftest chain, read from disk."""
