"""Ways in: the flake8 plugin."""
