"""The standalone command ``flake8-async-testing``: the flake8 plugin's engine without flake8."""
